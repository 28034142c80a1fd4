"""`confbot programme import | export | set`: the schedule's use cases from the shell."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.app import build_app
from bot.settings import SUPPORTED_LANGUAGES, Settings
from db.models import SessionStatus
from handlers.notify.options import NotifyOptions
from handlers.schedule.files import ProgrammeFileError, read_programme, to_csv, to_yaml
from handlers.schedule.ics import to_ics
from handlers.schedule.model import EDITABLE, FieldChange, ProgrammeDiff
from handlers.schedule.store import load_rows
from handlers.schedule.usecases import (
    EditError,
    SessionNotFound,
    edit_session,
    replace_programme,
)

FIELD_NAMES = {"starts_at": "start", "ends_at": "end"}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    programme = sub.add_parser("programme", help="the conference programme")
    p_sub = programme.add_subparsers(dest="programme_command", required=True)
    p_import = p_sub.add_parser("import", help="replace the programme with a CSV or YAML file")
    p_import.add_argument("file", type=Path)
    p_import.add_argument("--dry-run", action="store_true", help="show the changes only")
    p_import.add_argument("--sample", action="store_true", help="mark it as a sample programme")
    p_export = p_sub.add_parser("export", help="write the programme")
    p_export.add_argument("--format", choices=("csv", "yaml", "ics"), default="csv")
    p_export.add_argument("--lang", choices=SUPPORTED_LANGUAGES, default="fr")
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
            return await _import(settings, args)
        case "set":
            return await _set(settings, args)
        case _:
            return await _export(settings, args)


def _value(value: Any, settings: Settings) -> str:
    if isinstance(value, datetime):
        return value.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, SessionStatus):
        return value.value
    if isinstance(value, tuple):
        return "; ".join(value) or "∅"
    return str(value) if value != "" else "∅"


def format_diff(diff: ProgrammeDiff, settings: Settings) -> str:
    if diff.is_empty:
        return "no changes"
    lines = [f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"]
    for row in diff.added:
        lines.append(f"+ {row.id}: {_value(row.starts_at, settings)} {row.title_fr}")
    for row in diff.removed:
        lines.append(f"- {row.id}: {_value(row.starts_at, settings)} {row.title_fr}")
    for change in diff.changed:
        lines.append(f"~ {change.session_id}")
        lines += [_change_line(c, settings) for c in change.changes]
    return "\n".join(lines)


def _change_line(change: FieldChange, settings: Settings) -> str:
    name = FIELD_NAMES.get(change.field, change.field)
    return f"    {name}: {_value(change.old, settings)} → {_value(change.new, settings)}"


async def _import(settings: Settings, args: argparse.Namespace) -> int:
    try:
        parsed = read_programme(args.file, settings.tz)
    except ProgrammeFileError as exc:
        print(f"{args.file}: not imported, nothing changed:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    for warning in parsed.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    app = await build_app(settings, load_bundled=False)
    now = datetime.now(UTC)
    try:
        async with app.sessionmaker.begin() as db:
            diff = await replace_programme(
                db,
                parsed.rows,
                source=str(args.file),
                sample=args.sample,
                actor="cli",
                now=now,
                dry_run=args.dry_run,
                notify=NotifyOptions.of(app.deps, now, source=f"import {args.file.name}"),
            )
    finally:
        await app.close()
    print(format_diff(diff, settings))
    if args.dry_run and not diff.is_empty:
        print("(dry run: nothing changed)")
    return 0


async def _set(settings: Settings, args: argparse.Namespace) -> int:
    edits = [(f, getattr(args, f)) for f in EDITABLE if getattr(args, f) is not None]
    app = await build_app(settings)
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
    app = await build_app(settings)
    try:
        async with app.sessionmaker() as db:
            rows = await load_rows(db)
    finally:
        await app.close()
    if args.format == "ics":
        data = to_ics(
            rows,
            settings.tz,
            language=args.lang,
            calendar_name=app.deps.conference.name.get(args.lang),
            uid_domain="confbot",
        )
    else:
        text = to_csv(rows, settings.tz) if args.format == "csv" else to_yaml(rows, settings.tz)
        data = text.encode("utf-8")
    if args.output:
        args.output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
