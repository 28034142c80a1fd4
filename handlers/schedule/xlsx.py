"""Excel workbooks (.xlsx) with the programme's columns, as organisers keep them: the first
sheet, or the one named. Cells are read as Excel last computed them (a formula's value, not
its text); dates and times typed as such are read as dates and times."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from handlers.schedule.files import (
    FileFormat,
    FileReading,
    ParsedProgramme,
    Problem,
    ProblemKind,
    ProgrammeFileError,
    header_problems,
    rows_from_records,
)

# A workbook is a ZIP of XML parts: a few kilobytes can unpack to gigabytes ("zip bomb").
# openpyxl parses the parts with defusedxml when it is installed (it is: a dependency).
MAX_UNPACKED = 50_000_000  # bytes: a programme of thousands of sessions unpacks to a few MB
MAX_ROWS = 20_000


def is_workbook(archive: zipfile.ZipFile) -> bool:
    return "xl/workbook.xml" in archive.namelist()


def parse_xlsx(data: bytes, tz: ZoneInfo, sheet: str | None = None) -> ParsedProgramme:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(i.file_size for i in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise _unreadable(exc) from None
    if unpacked > MAX_UNPACKED:
        limit = MAX_UNPACKED // 1_000_000
        reason = f"the workbook unpacks to more than {limit} MB"
        raise ProgrammeFileError(
            [Problem(0, "", reason, kind=ProblemKind.UNPACKS_TOO_LARGE, limit=limit)]
        )
    # Imported here: openpyxl takes about a quarter of a second to import, which every process
    # (server, worker, each command) would pay at start for the rare workbook upload.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _unreadable(exc) from None
    try:
        names = book.sheetnames
        if sheet is not None and sheet not in names:
            reason = f"no sheet {sheet!r} (sheets: {', '.join(names)})"
            raise ProgrammeFileError(
                [
                    Problem(
                        0,
                        "",
                        reason,
                        kind=ProblemKind.NO_SHEET,
                        value=sheet,
                        expected=", ".join(names),
                        choices=tuple(names),
                    )
                ]
            )
        name = sheet if sheet is not None else names[0]
        cells = list(book[name].iter_rows(values_only=True, max_row=MAX_ROWS + 1))
    finally:
        book.close()
    if len(cells) > MAX_ROWS:
        reason = f"more than {MAX_ROWS} rows in sheet {name!r}"
        raise ProgrammeFileError(
            [Problem(0, "", reason, kind=ProblemKind.TOO_MANY_ROWS, limit=MAX_ROWS, sheet=name)]
        )
    parsed = _parse_rows(cells, tz, name)
    return replace(parsed, reading=FileReading(FileFormat.XLSX, sheet=name))


def _parse_rows(cells: list[tuple[Any, ...]], tz: ZoneInfo, sheet: str) -> ParsedProgramme:
    def at(problems: Sequence[Problem]) -> ProgrammeFileError:
        return ProgrammeFileError(
            [
                replace(p, where=f"sheet {sheet!r}, row {p.line}", sheet=sheet) if p.line else p
                for p in problems
            ]
        )

    if not cells:
        raise at([Problem(1, "", "the sheet is empty", kind=ProblemKind.EMPTY_SHEET)])
    header = [_text(v, "").strip().lower() for v in cells[0]]
    problems = header_problems(header)
    if problems:
        raise at(problems)
    records: list[tuple[int, dict[str, str]]] = []
    for number, values in enumerate(cells[1:], start=2):
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        records.append(
            (
                number,
                {c: _text(v, c) for c, v in zip(header, values, strict=False) if c},
            )
        )
    try:
        parsed = rows_from_records(records, tz, [])
    except ProgrammeFileError as exc:
        raise at(exc.problems) from None
    # A warning's line is the sheet's row: the console names the sheet (the command line
    # keeps saying "line").
    return replace(parsed, warnings=[replace(w, sheet=sheet) for w in parsed.warnings])


def _unreadable(exc: Exception) -> ProgrammeFileError:
    reason = f"unreadable XLSX workbook: {exc}"
    return ProgrammeFileError([Problem.unreadable("XLSX", str(exc), reason=reason)])


def _text(value: Any, column: str) -> str:
    """A cell as the CSV would hold it: a date as YYYY-MM-DD, a time as HH:MM, 12.0 as 12."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if column in ("start", "end"):
            return value.strftime("%H:%M")
        if column == "date" or value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
