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
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import yaml

from db.models import SessionStatus
from handlers.core.yaml_files import NoAliasLoader
from handlers.schedule.model import SessionRow

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
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
MAX_FIELD = 4000
# Control characters (NUL first: PostgreSQL refuses it in text) have no place in a programme.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Cells a spreadsheet would run as a formula (=HYPERLINK(…), +, -, @): exported as text.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Problem:
    """What is wrong and where: a line (CSV, YAML), or `where` when a line says less (a
    spreadsheet's row, an element's XML path, a JSON path)."""

    line: int
    column: str
    reason: str
    where: str = ""

    def __str__(self) -> str:
        where = self.where or (f"line {self.line}" if self.line else "file")
        return (
            f"{where}, column {self.column}: {self.reason}"
            if self.column
            else f"{where}: {self.reason}"
        )


class ProgrammeFileError(ValueError):
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class ParsedProgramme:
    rows: list[SessionRow]
    warnings: list[str] = field(default_factory=list)
    kind: str = ""  # how the file was read, for the organiser: "CSV (cp932 (Shift-JIS), ';')"


SEPARATORS = {",": "','", ";": "';'", "\t": "tab"}


def csv_separator(text: str) -> str:
    """The separator of a CSV's header line: ',' or, from spreadsheets saved in French
    locales, ';', or tab (Excel's "Unicode text")."""
    header_line = text.split("\n", 1)[0]
    return max(SEPARATORS, key=header_line.count)


def parse_csv(text: str, tz: ZoneInfo) -> ParsedProgramme:
    delimiter = csv_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ProgrammeFileError([Problem(1, "", "the file is empty")]) from None
    except csv.Error as exc:
        raise ProgrammeFileError([Problem(1, "", f"unreadable CSV: {exc}")]) from None
    if not set(header) & set(COLUMNS):
        raise ProgrammeFileError(
            [
                Problem(
                    1,
                    "",
                    "the first line names none of the programme's columns "
                    f"({', '.join(COLUMNS)}): is this a programme file?",
                )
            ]
        )
    problems = [Problem(1, c, "required column is missing") for c in REQUIRED if c not in header]
    problems += [
        Problem(1, c, f"unknown column (known: {', '.join(COLUMNS)})")
        for c in header
        if c and c not in COLUMNS
    ]
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
                    Problem(line, "", f"{len(values)} values for {len(header)} columns")
                )
                continue
            if any("\n" in v or "\r" in v for v in values):
                problems.append(
                    Problem(line, "", 'a line break inside a value: is a quote (") left open?')
                )
                continue
            records.append((line, dict(zip(header, values, strict=False))))
    except csv.Error as exc:
        problems.append(Problem(reader.line_num, "", f"unreadable CSV: {exc}"))
    return rows_from_records(records, tz, problems)


def parse_yaml(text: str, tz: ZoneInfo) -> ParsedProgramme:
    # Scalars are read as written: plain YAML would turn 13:30 into the integer 810.
    try:
        root = yaml.compose(text, Loader=NoAliasLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise ProgrammeFileError([Problem(line, "", f"unreadable YAML: {exc}")]) from None
    if isinstance(root, yaml.MappingNode):
        root = next((v for k, v in root.value if k.value == "sessions"), None)
    if not isinstance(root, yaml.SequenceNode):
        raise ProgrammeFileError([Problem(1, "", "expected a list of sessions (or `sessions:`)")])
    problems: list[Problem] = []
    records: list[tuple[int, dict[str, str]]] = []
    for item in root.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            problems.append(Problem(line, "", "a session must be a mapping of fields"))
            continue
        record: dict[str, str] = {}
        for key, value in item.value:
            name = str(key.value).strip().lower()
            if name not in COLUMNS:
                problems.append(Problem(key.start_mark.line + 1, name, "unknown field"))
            elif isinstance(value, yaml.SequenceNode):
                record[name] = ";".join(str(v.value) for v in value.value)
            elif isinstance(value, yaml.ScalarNode):
                record[name] = "" if value.tag.endswith(":null") else str(value.value)
            else:
                problems.append(Problem(key.start_mark.line + 1, name, "expected text"))
        records.append((line, record))
    return rows_from_records(records, tz, problems)


def rows_from_records(
    records: Iterable[tuple[int, dict[str, str]]], tz: ZoneInfo, problems: list[Problem]
) -> ParsedProgramme:
    """Sessions from rows of confbot's columns (CSV, YAML, a spreadsheet), keyed by line;
    raises ProgrammeFileError with every problem, or when there is no session."""
    rows: list[SessionRow] = []
    warnings: list[str] = []
    seen: dict[str, int] = {}
    for line, raw in records:
        row = _row(line, {k: (v or "").strip() for k, v in raw.items()}, tz, problems, warnings)
        if row is None:
            continue
        if row.id in seen:
            problems.append(Problem(line, "id", f"duplicate id, first on line {seen[row.id]}"))
            continue
        seen[row.id] = line
        rows.append(row)
    if problems:
        raise ProgrammeFileError(problems)
    if not rows:
        raise ProgrammeFileError([Problem(0, "", "no session in the file")])
    rows.sort(key=lambda r: (r.starts_at, r.id))
    return ParsedProgramme(rows, warnings)


def _row(
    line: int, raw: dict[str, str], tz: ZoneInfo, problems: list[Problem], warnings: list[str]
) -> SessionRow | None:
    before = len(problems)
    for name, value in raw.items():
        if len(value) > MAX_FIELD:
            problems.append(Problem(line, name, f"longer than {MAX_FIELD} characters"))
        if _CONTROL.search(value):
            problems.append(Problem(line, name, "a control character (NUL or similar)"))
    for name in REQUIRED:
        if not raw.get(name):
            problems.append(Problem(line, name, "empty"))
    if len(problems) > before:
        return None
    session_id, track = raw["id"], raw["track"].lower()
    if not _ID.match(session_id):
        problems.append(Problem(line, "id", "letters, digits, '.', '_' or '-', at most 64"))
    if not _TRACK.match(track):
        problems.append(Problem(line, "track", "one lowercase word, e.g. plenary, economy, visit"))
    day = _date(line, raw["date"], problems)
    start = _time(line, "start", raw["start"], problems)
    end = _time(line, "end", raw["end"], problems)
    status_text = raw.get("status", "").lower() or SessionStatus.CONFIRMED.value
    if status_text not in {s.value for s in SessionStatus}:
        problems.append(Problem(line, "status", "must be confirmed or cancelled"))
    title_fr, title_ja = raw.get("title_fr", ""), raw.get("title_ja", "")
    if not title_fr and not title_ja:
        problems.append(Problem(line, "title_fr", "title_fr or title_ja is required"))
    if len(problems) > before or day is None or start is None or end is None:
        return None
    starts_at = datetime.combine(day, start, tz).astimezone(UTC)
    ends_at = datetime.combine(day, end, tz).astimezone(UTC)
    if ends_at <= starts_at:
        problems.append(Problem(line, "end", "must be after start"))
        return None
    if not title_ja:
        warnings.append(f"line {line}: {session_id}: no title_ja, the French title is used")
        title_ja = title_fr
    if not title_fr:
        warnings.append(f"line {line}: {session_id}: no title_fr, the Japanese title is used")
        title_fr = title_ja
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


def check_row(row: SessionRow) -> list[tuple[str, str]]:
    """What the CSV reader checks of a row, for sessions read another way (c3voc): (field,
    reason) pairs, none when the row can be stored."""
    found: list[tuple[str, str]] = []
    if not _ID.match(row.id):
        found.append(("id", f"{row.id!r}: letters, digits, '.', '_' or '-', at most 64"))
    if not _TRACK.match(row.track):
        found.append(("track", f"{row.track!r}: one lowercase word, e.g. plenary, economy"))
    for name in (*TEXT_FIELDS, "speakers"):
        value = getattr(row, name)
        value = ";".join(value) if isinstance(value, tuple) else value
        if len(value) > MAX_FIELD:
            found.append((name, f"longer than {MAX_FIELD} characters"))
        if _CONTROL.search(value):
            found.append((name, "a control character (NUL or similar)"))
    if not row.title_fr and not row.title_ja:
        found.append(("title", "no title"))
    if row.ends_at <= row.starts_at:
        found.append(("end", "must be after start"))
    return found


def _date(line: int, text: str, problems: list[Problem]) -> date | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    problems.append(Problem(line, "date", f"{text!r} is not a date YYYY-MM-DD"))
    return None


def _time(line: int, column: str, text: str, problems: list[Problem]) -> time | None:
    match = _TIME.match(text)
    if not match:
        problems.append(Problem(line, column, f"{text!r} is not a time HH:MM"))
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
