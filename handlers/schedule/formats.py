"""The one way a programme file is read, whatever made it: its format is told by its content
(a workbook saved as .csv is still a workbook), the file name only tells YAML from CSV.

Read: CSV (UTF-8, with or without BOM, UTF-16, or cp932 from Japanese Excel; ',', ';' or
tab), YAML, XLSX, and the c3voc schedule.json and schedule.xml of pretalx and frab. Anything
else is refused with the name of what it looks like. Files over `MAX_FILE` are refused
before they are parsed.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import NoReturn
from zoneinfo import ZoneInfo

from handlers.core.conference import TrackInfo
from handlers.core.yaml_files import MAX_FILE
from handlers.schedule.c3voc.read import parse_schedule_json, parse_schedule_xml
from handlers.schedule.encoding import TextEncoding, decode
from handlers.schedule.files import (
    FileFormat,
    FileReading,
    ParsedProgramme,
    Problem,
    ProblemKind,
    ProgrammeFileError,
    ProgrammeWarning,
    WarningKind,
    csv_separator,
    parse_csv,
    parse_yaml,
)
from handlers.schedule.xlsx import is_workbook, parse_xlsx


class ForeignFormat(StrEnum):
    """What a file confbot does not read looks like, for a refusal that names it."""

    XLS = "xls"
    PDF = "pdf"
    JSON = "json"  # JSON that is not a c3voc schedule
    HTML = "html"
    XML = "xml"  # XML whose root is not <schedule>
    ICS = "ics"
    BINARY = "binary"
    DAMAGED_ZIP = "damaged-zip"
    ODS = "ods"
    ODT = "odt"
    DOCX = "docx"
    ZIP = "zip"


def too_large() -> ProgrammeFileError:
    limit = MAX_FILE // 1_000_000
    reason = f"larger than {limit} MB: refused unread"
    return ProgrammeFileError([Problem(0, "", reason, kind=ProblemKind.TOO_LARGE, limit=limit)])


def read_programme(
    path: Path, tz: ZoneInfo, *, tracks: Sequence[TrackInfo] = (), sheet: str | None = None
) -> ParsedProgramme:
    try:
        if path.stat().st_size > MAX_FILE:
            raise too_large()
        data = path.read_bytes()
    except OSError as exc:
        reason = f"cannot read {path}: {exc.strerror}"
        raise ProgrammeFileError(
            [Problem(0, "", reason, kind=ProblemKind.CANNOT_READ, detail=str(exc.strerror))]
        ) from exc
    return parse_programme(data, tz, name=path.name, tracks=tracks, sheet=sheet)


def parse_programme(
    data: bytes,
    tz: ZoneInfo,
    *,
    name: str = "",
    tracks: Sequence[TrackInfo] = (),
    sheet: str | None = None,
) -> ParsedProgramme:
    """The sessions of a file (or of a download): ProgrammeFileError with every problem, or
    with the name of the format when it is not one confbot reads."""
    if len(data) > MAX_FILE:
        raise too_large()
    found = detect(data, name)
    warnings: list[ProgrammeWarning] = []
    if sheet is not None and found is not FileFormat.XLSX:
        warnings.append(ProgrammeWarning(WarningKind.SHEET_NOT_XLSX, value=found.value))
    if found is FileFormat.XLSX:
        return parse_xlsx(data, tz, sheet)
    if found is FileFormat.C3VOC_XML:
        parsed = parse_schedule_xml(data, tz, tracks)
    else:
        decoded = decode(data)
        encoding = decoded.encoding
        if found is FileFormat.C3VOC_JSON:
            parsed = parse_schedule_json(decoded.text, tz, tracks)
        elif found is FileFormat.YAML:
            reading = FileReading(FileFormat.YAML, encoding)
            parsed = replace(parse_yaml(decoded.text, tz), reading=reading)
        else:
            reading = FileReading(FileFormat.CSV, encoding, csv_separator(decoded.text))
            parsed = replace(parse_csv(decoded.text, tz), reading=reading)
        if encoding is TextEncoding.CP932:
            warnings.append(ProgrammeWarning(WarningKind.READ_AS_CP932, encoding=encoding.value))
    parsed.warnings[:0] = warnings
    return parsed


_UNSUPPORTED_ZIP = {
    "application/vnd.oasis.opendocument.spreadsheet": (
        ForeignFormat.ODS,
        "an OpenDocument spreadsheet (.ods)",
    ),
    "application/vnd.oasis.opendocument.text": (ForeignFormat.ODT, "an OpenDocument text (.odt)"),
}
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")


def detect(data: bytes, name: str = "") -> FileFormat:
    """The format of a programme file, by its first bytes; ProgrammeFileError naming the
    format when confbot does not read it."""
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        _unsupported(
            ForeignFormat.XLS,
            "an Excel 97-2003 workbook (.xls)",
            "save it as .xlsx or as CSV UTF-8",
        )
    if data.startswith(b"%PDF-"):
        _unsupported(
            ForeignFormat.PDF,
            "a PDF document",
            "export the programme as CSV, XLSX or schedule.json",
        )
    head = _text_head(data)
    if head.startswith(("{", "[")):
        if re.match(r'\{\s*("\$schema"|"generator"|"schedule")', head) or '"schedule"' in head:
            return FileFormat.C3VOC_JSON
        _unsupported(
            ForeignFormat.JSON, 'JSON that is not a c3voc schedule (no "schedule")', _WHAT_IS_READ
        )
    if head.startswith("<"):
        lowered = head.lower()
        if lowered.startswith("<!doctype html") or "<html" in lowered[:2000]:
            _unsupported(
                ForeignFormat.HTML,
                "an HTML page",
                "give the address of the file itself (schedule.xml or .json)",
            )
        root = next(
            (m.group(1) for m in _ROOT.finditer(data[:4096]) if not m.group(1).startswith(b"!")),
            b"",
        )
        if root == b"schedule":
            return FileFormat.C3VOC_XML
        tag = f"<{root.decode(errors='replace')}>"
        what = f"XML whose root is {tag}, not a c3voc <schedule>"
        _unsupported(ForeignFormat.XML, what, _WHAT_IS_READ, value=tag)
    if head.startswith("BEGIN:VCALENDAR"):
        _unsupported(
            ForeignFormat.ICS,
            "an iCalendar file (.ics)",
            "confbot writes them but does not import them",
        )
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        _unsupported(ForeignFormat.BINARY, "a binary file of unknown format", _WHAT_IS_READ)
    if Path(name).suffix.lower() in {".yaml", ".yml"} or re.match(r"(---|sessions:|- )", head):
        return FileFormat.YAML
    return FileFormat.CSV


_WHAT_IS_READ = "confbot reads CSV, XLSX, YAML and c3voc schedule.json / schedule.xml"


def _zip_format(data: bytes) -> FileFormat:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if is_workbook(archive):
                return FileFormat.XLSX
            names = archive.namelist()
            mimetype = (
                archive.read("mimetype").decode("ascii", "replace").strip()
                if "mimetype" in names
                else ""
            )
    except zipfile.BadZipFile:
        _unsupported(ForeignFormat.DAMAGED_ZIP, "a damaged ZIP archive", _WHAT_IS_READ)
    if mimetype in _UNSUPPORTED_ZIP:
        foreign, what = _UNSUPPORTED_ZIP[mimetype]
        _unsupported(foreign, what, "save it as .xlsx or as CSV UTF-8")
    if "word/document.xml" in names:
        _unsupported(ForeignFormat.DOCX, "a Word document (.docx)", _WHAT_IS_READ)
    _unsupported(ForeignFormat.ZIP, "a ZIP archive that is not an XLSX workbook", _WHAT_IS_READ)


def _text_head(data: bytes) -> str:
    """The start of the file as text, without byte-order mark or leading blanks and comments
    (the encoding does not matter for the characters looked at)."""
    boms = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
    for bom, codec in boms:
        if data.startswith(bom):
            return data[len(bom) : 8192].decode(codec, "ignore").lstrip()
    head = data[:8192].decode("utf-8", "ignore").lstrip()
    return _skip_comments(head) if head.startswith("#") else head


def _skip_comments(head: str) -> str:
    lines = head.splitlines()
    while lines and (not lines[0].strip() or lines[0].lstrip().startswith("#")):
        lines.pop(0)
    return "\n".join(lines)


def _unsupported(foreign: ForeignFormat, what: str, advice: str, value: str = "") -> NoReturn:
    reason = f"this is {what}: not a format confbot reads; {advice}"
    raise ProgrammeFileError(
        [
            Problem(
                0,
                "",
                reason,
                kind=ProblemKind.UNSUPPORTED_FORMAT,
                looks_like=foreign.value,
                value=value,
            )
        ]
    )
