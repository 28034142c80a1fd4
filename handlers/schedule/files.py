"""Reading and writing confbot's own programme columns (CSV, YAML), and the checks every
importer shares (`check_row`, `rows_from_records`).

Reading checks every row and reports every problem with its line and column, so that one
import run tells the organiser all there is to fix. Which format a file is in, and its
encoding, is decided in `formats.py`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import KW_ONLY, dataclass, field, replace
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import yaml

from db.models import SessionStatus
from handlers.core.yaml_files import NoAliasLoader
from handlers.schedule.model import SessionRow

if TYPE_CHECKING:  # encoding.py raises this module's errors
    from handlers.schedule.encoding import TextEncoding

COLUMNS = (
    "id",
    "date",
    "start",
    "end",
    "track",
    "title_fr",
    "title_ja",
    "title_en",
    "room_fr",
    "room_ja",
    "room_en",
    "speakers",
    "description_fr",
    "description_ja",
    "description_en",
    "status",
)
REQUIRED = ("id", "date", "start", "end", "track")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_TRACK = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
_ID_RULE = "letters, digits, '.', '_' or '-', at most 64"
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
MAX_FIELD = 4000
# Control characters (NUL first: PostgreSQL refuses it in text) have no place in a programme.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Cells a spreadsheet would run as a formula (=HYPERLINK(…), +, -, @): exported as text.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


class ProblemKind(StrEnum):
    """Why a programme file is refused: the console says it from the catalogues
    (`programme-problem-<kind>`), the command line prints the English `reason`."""

    TOO_LARGE = "too-large"  # limit (MB)
    CANNOT_READ = "cannot-read"  # detail: the system's reason (command line only)
    UNSUPPORTED_FORMAT = "unsupported-format"  # looks_like; value: an XML root element
    NOT_TEXT_IN_ENCODING = "not-text-in-encoding"  # encoding; count: the character's column
    GARBLED_CP932 = "garbled-cp932"  # encoding; value: the garbled sample
    EMPTY_FILE = "empty-file"
    EMPTY_SHEET = "empty-sheet"
    NO_SHEET = "no-sheet"  # value: the sheet asked; expected: the sheets
    TOO_MANY_ROWS = "too-many-rows"  # limit, sheet
    UNPACKS_TOO_LARGE = "unpacks-too-large"  # limit (MB)
    UNREADABLE = "unreadable"  # expected: CSV, YAML, JSON, XML, XLSX; detail: the parser's
    NOT_A_PROGRAMME = "not-a-programme"  # the header names no column
    MISSING_COLUMN = "missing-column"
    UNKNOWN_COLUMN = "unknown-column"
    UNKNOWN_FIELD = "unknown-field"
    REPEATED_FIELD = "repeated-field"  # a YAML session names one field twice
    TOO_MANY_VALUES = "too-many-values"  # count, limit (the columns)
    LINE_BREAK = "line-break"
    NOT_A_LIST = "not-a-list"  # the YAML's or the JSON's structure
    NOT_A_MAPPING = "not-a-mapping"
    NOT_TEXT = "not-text"
    MISSING_VALUE = "missing-value"
    TOO_LONG = "too-long"  # limit (characters)
    CONTROL_CHARACTER = "control-character"
    BAD_ID = "bad-id"  # value
    NO_ID = "no-id"
    DUPLICATE_ID = "duplicate-id"  # value: the id; first: its first line (or path)
    BAD_TRACK = "bad-track"  # value
    BAD_DATE = "bad-date"  # value, expected: "YYYY-MM-DD" or "ISO 8601"
    NO_DATE = "no-date"
    BAD_TIME = "bad-time"  # value
    BAD_DURATION = "bad-duration"  # value
    BAD_STATUS = "bad-status"
    NO_TITLE = "no-title"
    END_BEFORE_START = "end-before-start"
    NO_SESSION = "no-session"
    OTHER = "other"  # detail: the English reason (rare, technical: an edited c3voc file)


@dataclass(frozen=True)
class Problem:
    """What is wrong and where: a line (CSV, YAML), or `where` when a line says less (a
    spreadsheet's row, an element's XML path, a JSON path). `reason` is the English the
    command line prints; `kind` and the values after it let the console say it in the
    organiser's language."""

    line: int
    column: str
    reason: str
    where: str = ""
    _: KW_ONLY
    kind: ProblemKind
    value: str = ""  # the text found, as written in the file
    expected: str = ""  # the format expected (a notation, not words: "YYYY-MM-DD")
    # what was expected, as a list the console joins in the organiser's language (the sheets)
    choices: tuple[str, ...] = ()
    first: str = ""  # where a duplicate first is: a line number or a path
    limit: int = 0
    count: int = 0
    encoding: str = ""
    sheet: str = ""  # a spreadsheet's sheet: `line` is then its row
    looks_like: str = ""  # what a file of an unsupported format is (formats.ForeignFormat)
    detail: str = ""  # a parser's own message, or a rare reason in English

    @classmethod
    def unreadable(cls, expected: str, detail: str, *, line: int = 0, reason: str = "") -> Problem:
        """A file the parser of its format could not read: `detail` is the parser's message,
        `reason` the English for the command line ("unreadable CSV: …" unless given)."""
        return cls(
            line,
            "",
            reason or f"unreadable {expected}: {detail}",
            kind=ProblemKind.UNREADABLE,
            expected=expected,
            detail=detail,
        )

    def __str__(self) -> str:
        where = self.where or (f"line {self.line}" if self.line else "file")
        return (
            f"{where}, column {self.column}: {self.reason}"
            if self.column
            else f"{where}: {self.reason}"
        )


class WarningKind(StrEnum):
    """What an import read but the organiser should check: the console says it from the
    catalogues (`programme-warning-<kind>`), the command line prints `str()` of the warning."""

    ONE_TITLE = "one-title"  # line (sheet), session; language: the title missing ("ja", "fr")
    SHEET_NOT_XLSX = "sheet-not-xlsx"  # value: the format the file is (formats.FileFormat)
    READ_AS_CP932 = "read-as-cp932"  # encoding
    GUID_AS_ID = "guid-as-id"  # where, session: its id, first: where that id is, value: the guid
    SCHEMA = "schema"  # where; detail: the validator's own message (English)
    MORE_DEVIATIONS = "more-deviations"  # count: the deviations not shown
    UNKNOWN_TRACK = "unknown-track"  # value: the file's track name, code: the code given
    NO_TRACK = "no-track"  # count, code: the code given
    ONE_LANGUAGE = "one-language"  # count, languages (as the file says), sessions (5 at most)


@dataclass(frozen=True)
class ProgrammeWarning:
    """Something a programme file is read with that the organiser should check; `str()` is the
    English the command line prints, `kind` and the values let the console say it in the
    organiser's language."""

    kind: WarningKind
    line: int = 0  # a CSV's or YAML's line, or a spreadsheet's row (then `sheet` is set)
    where: str = ""  # a JSON or XML path
    sheet: str = ""
    session: str = ""  # a session's id
    value: str = ""
    code: str = ""  # a track code
    first: str = ""
    count: int = 0
    encoding: str = ""
    language: str = ""
    languages: tuple[str, ...] = ()
    sessions: tuple[str, ...] = ()
    detail: str = ""

    def listed(self, separator: str = ", ") -> str:
        """The sessions named, joined by `separator` (the console gives its language's
        `list-separator`, 「、」 in Japanese), "…" after them when there are more."""
        more = "…" if self.sessions and self.count > len(self.sessions) else ""
        return separator.join(self.sessions) + more

    def __str__(self) -> str:
        match self.kind:
            case WarningKind.ONE_TITLE:
                used = "French" if self.language == "ja" else "Japanese"
                return (
                    f"line {self.line}: {self.session}: no title_{self.language}, "
                    f"the {used} title is used"
                )
            case WarningKind.SHEET_NOT_XLSX:
                return f"--sheet applies to XLSX workbooks; this file is {self.value}"
            case WarningKind.READ_AS_CP932:
                return (
                    f"read as {self.encoding} (the file is not UTF-8): check the accents of the "
                    "French texts, which cp932 cannot hold (Excel writes '?' for them)"
                )
            case WarningKind.GUID_AS_ID:
                return (
                    f"{self.where}: {self.session} is also at {self.first}: this slot's id is "
                    f"its guid {self.value}"
                )
            case WarningKind.SCHEMA:
                return f"schema: {self.where}: {self.detail}"
            case WarningKind.MORE_DEVIATIONS:
                return f"schema: and {self.count} more deviations"
            case WarningKind.UNKNOWN_TRACK:
                return (
                    f"track {self.value!r} is not in content/tracks.yaml: imported as "
                    f"{self.code!r} (add it there to name it in every language)"
                )
            case WarningKind.NO_TRACK:
                return f"{self.count} session(s) without a track: imported as {self.code!r}"
            case WarningKind.ONE_LANGUAGE:
                return (
                    f"{self.count} session(s) have their title in one language only "
                    f"(the file says: {', '.join(self.languages)}): it is used in French, "
                    f"Japanese and English alike ({self.listed()}); give the translations in a "
                    "CSV or XLSX programme"
                )


class ProgrammeFileError(ValueError):
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class FileFormat(StrEnum):
    CSV = "CSV"
    YAML = "YAML"
    XLSX = "XLSX"
    C3VOC_JSON = "c3voc schedule.json"
    C3VOC_XML = "c3voc schedule.xml"


class Separator(StrEnum):
    """A CSV's separator: ',', or ';' from spreadsheets saved in French locales, or tab
    (Excel's "Unicode text")."""

    COMMA = ","
    SEMICOLON = ";"
    TAB = "\t"

    def __str__(self) -> str:
        return "tab" if self is Separator.TAB else repr(self.value)


@dataclass(frozen=True)
class FileReading:
    """How a file was read, shown above the preview so that an organiser sees a wrong guess
    (an encoding, a separator, a sheet) before applying it. `str()` is the command line's
    English; the console says it from `programme-reading-<format>`."""

    format: FileFormat
    encoding: TextEncoding | None = None
    separator: Separator | None = None
    sheet: str = ""

    def __str__(self) -> str:
        if self.format is FileFormat.XLSX:
            return f"XLSX, sheet {self.sheet!r}"
        return ", ".join(
            str(part) for part in (self.format, self.encoding, self.separator) if part is not None
        )


@dataclass
class ParsedProgramme:
    rows: list[SessionRow]
    warnings: list[ProgrammeWarning] = field(default_factory=list)
    reading: FileReading | None = None  # set by the reader of the file's format


def csv_separator(text: str) -> Separator:
    """The separator of a CSV's header line: ',' or, from spreadsheets saved in French
    locales, ';', or tab (Excel's "Unicode text")."""
    header_line = text.split("\n", 1)[0]
    return max(Separator, key=lambda separator: header_line.count(separator.value))


def parse_csv(text: str, tz: ZoneInfo) -> ParsedProgramme:
    delimiter = csv_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter.value)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ProgrammeFileError(
            [Problem(1, "", "the file is empty", kind=ProblemKind.EMPTY_FILE)]
        ) from None
    except csv.Error as exc:
        raise ProgrammeFileError([Problem.unreadable("CSV", str(exc), line=1)]) from None
    if not set(header) & set(COLUMNS):
        raise ProgrammeFileError(
            [
                Problem(
                    1,
                    "",
                    "the first line names none of the programme's columns "
                    f"({', '.join(COLUMNS)}): is this a programme file?",
                    kind=ProblemKind.NOT_A_PROGRAMME,
                )
            ]
        )
    problems = header_problems(header)
    if problems:
        raise ProgrammeFileError(problems)
    records: list[tuple[int, dict[str, str]]] = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(header):
                problems.append(
                    Problem(
                        line,
                        "",
                        f"{len(values)} values for {len(header)} columns",
                        kind=ProblemKind.TOO_MANY_VALUES,
                        count=len(values),
                        limit=len(header),
                    )
                )
                continue
            if any("\n" in v or "\r" in v for v in values):
                problems.append(
                    Problem(
                        line,
                        "",
                        'a line break inside a value: is a quote (") left open?',
                        kind=ProblemKind.LINE_BREAK,
                    )
                )
                continue
            records.append((line, dict(zip(header, values, strict=False))))
    except csv.Error as exc:
        problems.append(Problem.unreadable("CSV", str(exc), line=reader.line_num))
    return rows_from_records(records, tz, problems)


def parse_yaml(text: str, tz: ZoneInfo) -> ParsedProgramme:
    # Scalars are read as written: plain YAML would turn 13:30 into the integer 810.
    try:
        root = yaml.compose(text, Loader=NoAliasLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise ProgrammeFileError([Problem.unreadable("YAML", str(exc), line=line)]) from None
    if isinstance(root, yaml.MappingNode):
        root = next((v for k, v in root.value if k.value == "sessions"), None)
    if not isinstance(root, yaml.SequenceNode):
        raise ProgrammeFileError(
            [
                Problem(
                    1,
                    "",
                    "expected a list of sessions (or `sessions:`)",
                    kind=ProblemKind.NOT_A_LIST,
                )
            ]
        )
    problems: list[Problem] = []
    records: list[tuple[int, dict[str, str]]] = []
    for item in root.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            problems.append(
                Problem(
                    line,
                    "",
                    "a session must be a mapping of fields",
                    kind=ProblemKind.NOT_A_MAPPING,
                )
            )
            continue
        record: dict[str, str] = {}
        for key, value in item.value:
            name = str(key.value).strip().lower()
            if name not in COLUMNS:
                problems.append(
                    Problem(
                        key.start_mark.line + 1,
                        name,
                        "unknown field",
                        kind=ProblemKind.UNKNOWN_FIELD,
                    )
                )
            elif name in record:  # plain YAML would keep the second and drop the first
                problems.append(
                    Problem(
                        key.start_mark.line + 1,
                        name,
                        "this field is written twice in the session",
                        kind=ProblemKind.REPEATED_FIELD,
                    )
                )
            elif isinstance(value, yaml.SequenceNode):
                record[name] = ";".join(str(v.value) for v in value.value)
            elif isinstance(value, yaml.ScalarNode):
                record[name] = "" if value.tag.endswith(":null") else str(value.value)
            else:
                problems.append(
                    Problem(
                        key.start_mark.line + 1, name, "expected text", kind=ProblemKind.NOT_TEXT
                    )
                )
        records.append((line, record))
    return rows_from_records(records, tz, problems)


def rows_from_records(
    records: Iterable[tuple[int, dict[str, str]]], tz: ZoneInfo, problems: list[Problem]
) -> ParsedProgramme:
    """Sessions from rows of confbot's columns (CSV, YAML, a spreadsheet), keyed by line;
    raises ProgrammeFileError with every problem, or when there is no session."""
    rows: list[SessionRow] = []
    warnings: list[ProgrammeWarning] = []
    seen: dict[str, int] = {}
    for line, raw in records:
        row = _row(line, {k: (v or "").strip() for k, v in raw.items()}, tz, problems, warnings)
        if row is None:
            continue
        if row.id in seen:
            problems.append(
                Problem(
                    line,
                    "id",
                    f"duplicate id, first on line {seen[row.id]}",
                    kind=ProblemKind.DUPLICATE_ID,
                    first=str(seen[row.id]),
                    value=row.id,
                )
            )
            continue
        seen[row.id] = line
        rows.append(row)
    if problems:
        raise ProgrammeFileError(problems)
    if not rows:
        raise ProgrammeFileError(
            [Problem(0, "", "no session in the file", kind=ProblemKind.NO_SESSION)]
        )
    rows.sort(key=lambda r: (r.starts_at, r.id))
    return ParsedProgramme(rows, warnings)


def _row(
    line: int,
    raw: dict[str, str],
    tz: ZoneInfo,
    problems: list[Problem],
    warnings: list[ProgrammeWarning],
) -> SessionRow | None:
    before = len(problems)
    for name, value in raw.items():
        problems += [replace(p, line=line) for p in _text_problems(name, value)]
    for name in REQUIRED:
        if not raw.get(name):
            problems.append(Problem(line, name, "empty", kind=ProblemKind.MISSING_VALUE))
    if len(problems) > before:
        return None
    session_id, track = raw["id"], raw["track"].lower()
    if not _ID.match(session_id):
        problems.append(Problem(line, "id", _ID_RULE, kind=ProblemKind.BAD_ID, value=session_id))
    if not _TRACK.match(track):
        problems.append(
            Problem(
                line,
                "track",
                "one lowercase word, e.g. plenary, economy, visit",
                kind=ProblemKind.BAD_TRACK,
                value=raw["track"],
            )
        )
    day = _date(line, raw["date"], problems)
    start = _time(line, "start", raw["start"], problems)
    end = _time(line, "end", raw["end"], problems)
    status_text = raw.get("status", "").lower() or SessionStatus.CONFIRMED.value
    if status_text not in {s.value for s in SessionStatus}:
        problems.append(
            Problem(line, "status", "must be confirmed or cancelled", kind=ProblemKind.BAD_STATUS)
        )
    title_fr, title_ja = raw.get("title_fr", ""), raw.get("title_ja", "")
    if not title_fr and not title_ja:
        problems.append(
            Problem(line, "title_fr", "title_fr or title_ja is required", kind=ProblemKind.NO_TITLE)
        )
    if len(problems) > before or day is None or start is None or end is None:
        return None
    starts_at = datetime.combine(day, start, tz).astimezone(UTC)
    ends_at = datetime.combine(day, end, tz).astimezone(UTC)
    if ends_at <= starts_at:
        problems.append(
            Problem(line, "end", "must be after start", kind=ProblemKind.END_BEFORE_START)
        )
        return None
    for missing in ("ja", "fr"):
        if not raw.get(f"title_{missing}"):
            warnings.append(
                ProgrammeWarning(
                    WarningKind.ONE_TITLE, line=line, session=session_id, language=missing
                )
            )
    title_ja, title_fr = title_ja or title_fr, title_fr or title_ja
    room_fr, room_ja = raw.get("room_fr", ""), raw.get("room_ja", "")
    speakers = tuple(s.strip() for s in raw.get("speakers", "").split(";") if s.strip())
    return SessionRow(
        id=session_id,
        starts_at=starts_at,
        ends_at=ends_at,
        track=track,
        title_fr=title_fr,
        title_ja=title_ja,
        title_en=raw.get("title_en", ""),
        room_fr=room_fr or room_ja,
        room_ja=room_ja or room_fr,
        room_en=raw.get("room_en", ""),
        speakers=speakers,
        description_fr=raw.get("description_fr", ""),
        description_ja=raw.get("description_ja", ""),
        description_en=raw.get("description_en", ""),
        status=SessionStatus(status_text),
    )


TEXT_FIELDS = (
    "title_fr",
    "title_ja",
    "title_en",
    "room_fr",
    "room_ja",
    "room_en",
    "description_fr",
    "description_ja",
    "description_en",
)


def header_problems(header: Sequence[str]) -> list[Problem]:
    """A header's missing and unknown columns (CSV, XLSX), on line 1."""
    problems = [
        Problem(1, c, "required column is missing", kind=ProblemKind.MISSING_COLUMN)
        for c in REQUIRED
        if c not in header
    ]
    return problems + [
        Problem(
            1,
            c,
            f"unknown column (known: {', '.join(COLUMNS)})",
            kind=ProblemKind.UNKNOWN_COLUMN,
            value=c,
        )
        for c in header
        if c and c not in COLUMNS
    ]


def _text_problems(name: str, value: str) -> list[Problem]:
    found: list[Problem] = []
    if len(value) > MAX_FIELD:
        reason = f"longer than {MAX_FIELD} characters"
        found.append(Problem(0, name, reason, kind=ProblemKind.TOO_LONG, limit=MAX_FIELD))
    if _CONTROL.search(value):
        reason = "a control character (NUL or similar)"
        found.append(Problem(0, name, reason, kind=ProblemKind.CONTROL_CHARACTER))
    return found


def check_row(row: SessionRow) -> list[Problem]:
    """What the CSV reader checks of a row, for sessions read another way (c3voc): problems
    without a place (line 0), none when the row can be stored."""
    found: list[Problem] = []
    if not _ID.match(row.id):
        reason = f"{row.id!r}: {_ID_RULE}"
        found.append(Problem(0, "id", reason, kind=ProblemKind.BAD_ID, value=row.id))
    if not _TRACK.match(row.track):
        reason = f"{row.track!r}: one lowercase word, e.g. plenary, economy"
        found.append(Problem(0, "track", reason, kind=ProblemKind.BAD_TRACK, value=row.track))
    for name in (*TEXT_FIELDS, "speakers"):
        value = getattr(row, name)
        found += _text_problems(name, ";".join(value) if isinstance(value, tuple) else value)
    if not row.title_fr and not row.title_ja:
        found.append(Problem(0, "title", "no title", kind=ProblemKind.NO_TITLE))
    if row.ends_at <= row.starts_at:
        found.append(Problem(0, "end", "must be after start", kind=ProblemKind.END_BEFORE_START))
    return found


def _date(line: int, text: str, problems: list[Problem]) -> date | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    problems.append(
        Problem(
            line,
            "date",
            f"{text!r} is not a date YYYY-MM-DD",
            kind=ProblemKind.BAD_DATE,
            value=text,
            expected="YYYY-MM-DD",
        )
    )
    return None


def _time(line: int, column: str, text: str, problems: list[Problem]) -> time | None:
    match = _TIME.match(text)
    if not match:
        problems.append(
            Problem(
                line,
                column,
                f"{text!r} is not a time HH:MM",
                kind=ProblemKind.BAD_TIME,
                value=text,
                expected="HH:MM",
            )
        )
        return None
    return time(int(match.group(1)), int(match.group(2)))


def _record(row: SessionRow, tz: ZoneInfo) -> dict[str, str]:
    start, end = row.starts_at.astimezone(tz), row.ends_at.astimezone(tz)
    return {
        "id": row.id,
        "date": start.date().isoformat(),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
        "track": row.track,
        "title_fr": row.title_fr,
        "title_ja": row.title_ja,
        "title_en": row.title_en,
        "room_fr": row.room_fr,
        "room_ja": row.room_ja,
        "room_en": row.room_en,
        "speakers": ";".join(row.speakers),
        "description_fr": row.description_fr,
        "description_ja": row.description_ja,
        "description_en": row.description_en,
        "status": row.status.value,
    }


def to_csv(rows: Sequence[SessionRow], tz: ZoneInfo) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _as_text(v) for k, v in _record(r, tz).items()} for r in rows)
    return out.getvalue()


def _as_text(value: str) -> str:
    """A cell a spreadsheet would run as a formula, kept as text (OWASP "CSV injection")."""
    return f"'{value}" if value.startswith(_FORMULA) else value


def to_yaml(rows: Sequence[SessionRow], tz: ZoneInfo) -> str:
    records = [{k: v for k, v in _record(r, tz).items() if v} for r in rows]
    return yaml.safe_dump({"sessions": records}, allow_unicode=True, sort_keys=False)
