"""`confbot programme import | export | set`: the schedule's use cases from the shell."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.app import build_app
from bot.cli.diff import format_diff
from bot.cli.programme_import import ImportOptions, run_import
from bot.settings import SUPPORTED_LANGUAGES, Settings
from db.models import SessionStatus
from handlers.notify.options import NotifyOptions
from handlers.schedule.c3voc.write import (
    ACRONYM,
    GENERATOR,
)
from handlers.schedule.exports import ExportFormat, export_programme
from handlers.schedule.model import EDITABLE
from handlers.schedule.usecases import EditError, SessionNotFound, edit_session

EXPORT_FORMATS = tuple(f.value for f in ExportFormat)


def _positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def _acronym(text: str) -> str:
    if not ACRONYM.match(text):
        raise argparse.ArgumentTypeError(
            "at least 4 lowercase letters, digits or '_' (the c3voc schemas' pattern)"
        )
    return text


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    programme = sub.add_parser("programme", help="the conference programme")
    p_sub = programme.add_subparsers(dest="programme_command", required=True)
    p_import = p_sub.add_parser(
        "import",
        help="replace the programme with a file or a URL: CSV, XLSX, YAML, c3voc schedule.json "
        "or schedule.xml (pretalx, frab)",
    )
    p_import.add_argument("source", help="a file, or an http(s):// URL")
    p_import.add_argument("--dry-run", action="store_true", help="show the changes only")
    p_import.add_argument("--sample", action="store_true", help="mark it as a sample programme")
    p_import.add_argument("--sheet", help="XLSX: the sheet to read (default: the first)")
    p_import.add_argument(
        "--watch",
        type=_positive,
        metavar="SECONDS",
        help="URL: poll it every SECONDS and import it each time it changed",
    )
    p_import.add_argument(
        "--timeout", type=_positive, default=30.0, metavar="SECONDS", help="URL: wait at most"
    )
    p_export = p_sub.add_parser("export", help="write the programme")
    p_export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="csv",
        help="json, xml: the c3voc schedule.json, schedule.xml (EventFahrplan, Giggity…)",
    )
    p_export.add_argument(
        "--lang",
        choices=SUPPORTED_LANGUAGES,
        default="fr",
        help="ics, json, xml: the language of the titles (json and xml keep all, for confbot)",
    )
    p_export.add_argument(
        "--acronym",
        type=_acronym,
        default=GENERATOR,
        help="json, xml: the conference's short name in the schedule",
    )
    p_export.add_argument("--output", "-o", type=Path, help="file (default: standard output)")
    p_set = p_sub.add_parser("set", help="change one session; notifies those concerned")
    p_set.add_argument("id")
    p_set.add_argument("--date", help="YYYY-MM-DD")
    p_set.add_argument("--start", help="HH:MM (the end moves with it)")
    p_set.add_argument("--end", help="HH:MM")
    p_set.add_argument("--room-fr", dest="room_fr")
    p_set.add_argument("--room-ja", dest="room_ja")
    p_set.add_argument("--room-en", dest="room_en")
    p_set.add_argument("--status", choices=[s.value for s in SessionStatus])


async def run(settings: Settings, args: argparse.Namespace) -> int:
    match args.programme_command:
        case "import":
            return await run_import(
                settings,
                ImportOptions(
                    args.source,
                    dry_run=args.dry_run,
                    sample=args.sample,
                    sheet=args.sheet,
                    watch=args.watch,
                    timeout=args.timeout,
                ),
            )
        case "set":
            return await _set(settings, args)
        case _:
            return await _export(settings, args)


async def _set(settings: Settings, args: argparse.Namespace) -> int:
    edits = [(f, getattr(args, f)) for f in EDITABLE if getattr(args, f) is not None]
    app = await build_app(settings, warm=False)
    now = datetime.now(UTC)
    try:
        async with app.sessionmaker.begin() as db:
            diff = await edit_session(
                db,
                args.id,
                edits,
                tz=settings.tz,
                actor="cli",
                source="cli",
                notify=NotifyOptions.of(app.deps, now, source="cli"),
            )
    except SessionNotFound:
        print(f"no session {args.id!r}", file=sys.stderr)
        return 1
    except EditError as exc:
        print(f"{exc.field}: {exc}; nothing changed", file=sys.stderr)
        return 1
    finally:
        await app.close()
    print(format_diff(diff, settings))
    return 0


async def _export(settings: Settings, args: argparse.Namespace) -> int:
    app = await build_app(settings, warm=False)
    try:
        async with app.sessionmaker() as db:
            exported = await export_programme(
                db,
                app.deps,
                ExportFormat(args.format),
                language=args.lang,
                acronym=args.acronym,
                excel_bom=args.output is not None,  # a file may be opened in Excel; stdout is piped
            )
    finally:
        await app.close()
    data = exported.data
    if args.output:
        args.output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
