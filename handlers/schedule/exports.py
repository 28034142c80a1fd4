"""The programme as a file to download, in each format confbot writes: the command line's
`programme export` and the web console's download links call this one function."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from importlib.metadata import version

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.deps import Deps
from handlers.schedule.c3voc.write import (
    GENERATOR,
    ScheduleOptions,
    to_schedule_json,
    to_schedule_xml,
)
from handlers.schedule.files import to_csv, to_yaml
from handlers.schedule.ics import to_ics
from handlers.schedule.store import load_rows, programme_version


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    YAML = "yaml"
    ICS = "ics"
    JSON = "json"  # c3voc schedule.json
    XML = "xml"  # c3voc schedule.xml


MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.YAML: "application/yaml; charset=utf-8",
    ExportFormat.ICS: "text/calendar; charset=utf-8",
    ExportFormat.JSON: "application/json",
    ExportFormat.XML: "application/xml",
}
FILE_NAMES = {
    ExportFormat.CSV: "programme.csv",
    ExportFormat.YAML: "programme.yaml",
    ExportFormat.ICS: "programme-{lang}.ics",
    ExportFormat.JSON: "schedule-{lang}.json",
    ExportFormat.XML: "schedule-{lang}.xml",
}


@dataclass(frozen=True)
class ExportedFile:
    data: bytes
    media_type: str
    file_name: str


async def export_programme(
    db: AsyncSession,
    deps: Deps,
    file_format: ExportFormat,
    *,
    language: str,
    acronym: str = GENERATOR,
    excel_bom: bool = False,
) -> ExportedFile:
    """The programme in `file_format`; `excel_bom` starts a CSV file with a byte-order mark,
    without which Excel reads UTF-8 as the local code page (accents and kana garbled)."""
    rows = await load_rows(db)
    if file_format in (ExportFormat.JSON, ExportFormat.XML):
        programme = await programme_version(db)
        options = ScheduleOptions(
            conference=deps.conference,
            tz=deps.tz,
            language=language,
            acronym=acronym,
            version=str(programme[0]),
            cancelled_mark=deps.t(language, "status-cancelled"),
            generator_version=version("confbot"),
        )
        data = (
            to_schedule_json(rows, options).encode("utf-8")
            if file_format is ExportFormat.JSON
            else to_schedule_xml(rows, options)
        )
    elif file_format is ExportFormat.ICS:
        data = to_ics(
            rows,
            deps.tz,
            language=language,
            calendar_name=deps.conference.name.get(language),
            uid_domain="confbot",
        )
    else:
        text = to_csv(rows, deps.tz) if file_format is ExportFormat.CSV else to_yaml(rows, deps.tz)
        bom = excel_bom and file_format is ExportFormat.CSV
        data = text.encode("utf-8-sig" if bom else "utf-8")
    name = FILE_NAMES[file_format].format(lang=language)
    return ExportedFile(data, MEDIA_TYPES[file_format], name)
