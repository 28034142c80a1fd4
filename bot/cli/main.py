"""The `confbot` command line: chat, serve, and the organisers' tools."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.app import build_app
from bot.channels.console.channel import ConsoleChat
from bot.cli.admin import add_admin_commands, add_programme_set, programme_set, run_admin
from bot.clock import Clock
from bot.settings import SUPPORTED_LANGUAGES, Settings
from db.engine import make_engine
from db.migrate import SchemaOutOfDate, upgrade
from db.models import SessionStatus
from handlers.notify.changes import NotifyOptions
from handlers.schedule.files import ProgrammeFileError, read_programme, to_csv, to_yaml
from handlers.schedule.ics import to_ics
from handlers.schedule.programme import FieldChange, ProgrammeDiff, load_rows, replace_programme

log = logging.getLogger("confbot")

FIELD_NAMES = {"starts_at": "start", "ends_at": "end"}


def _parse_now(value: str) -> datetime:
    """ISO date-time; without a zone it is read in the venue's zone (CONFERENCE_TZ)."""
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=Settings().tz)
    return moment


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="confbot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("run", help="migrate, load the bundled content, then serve or chat")

    console = sub.add_parser("console", help="chat with the bot in this terminal")
    console.add_argument("--lang", choices=SUPPORTED_LANGUAGES)
    console.add_argument("--user", default="console")
    console.add_argument("--now", type=_parse_now, help="pretend it is this ISO date-time")
    console.add_argument("--jsonl", action="store_true", help="one JSON line out per line in")

    sub.add_parser("serve", help="run the webhook server for Telegram and LINE")
    sub.add_parser("worker", help="run only the notification dispatcher (several may run)")

    line = sub.add_parser("line", help="LINE account set-up")
    line_sub = line.add_subparsers(dest="line_command", required=True)
    richmenu = line_sub.add_parser(
        "richmenu", help="create the fr and ja rich menus, their aliases and the default"
    )
    richmenu.add_argument("--default", choices=("fr", "ja"), default="fr")
    richmenu.add_argument(
        "--keep-old", action="store_true", help="do not delete the menus the aliases pointed to"
    )

    db = sub.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_upgrade = db_sub.add_parser("upgrade", help="apply the migrations")
    db_upgrade.add_argument("--revision", default="head")

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
    add_programme_set(p_sub)
    add_admin_commands(sub)
    return parser


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


async def _programme_import(settings: Settings, args: argparse.Namespace) -> int:
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
                notify=NotifyOptions(
                    now=now,
                    merge_window=app.deps.merge_window,
                    reminder_minutes=settings.reminder_minutes,
                    source=f"import {args.file.name}",
                ),
            )
    finally:
        await app.close()
    print(format_diff(diff, settings))
    if args.dry_run and not diff.is_empty:
        print("(dry run: nothing changed)")
    return 0


async def _programme_export(settings: Settings, args: argparse.Namespace) -> int:
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


async def _console(settings: Settings, args: argparse.Namespace) -> int:
    clock = Clock(args.now)
    app = await build_app(settings, clock=clock)
    try:
        chat = ConsoleChat(app, user=args.user, language=args.lang, clock=clock)
        if args.jsonl:
            await chat.run_jsonl(sys.stdin, sys.stdout)
        else:
            await chat.run_interactive(sys.stdin, sys.stdout)
    finally:
        await app.close()
    return 0


def _configured_channels(settings: Settings) -> list[str]:
    from bot.server import configured_channels

    return configured_channels(settings)


async def _serve(settings: Settings) -> int:
    from bot.server import serve

    return await serve(settings)


async def _line_richmenu(settings: Settings, args: argparse.Namespace) -> int:
    from bot.channels.line.richmenu import RichMenuError, install

    if not settings.line_channel_access_token.get_secret_value():
        print("Set LINE_CHANNEL_ACCESS_TOKEN to install the rich menus.", file=sys.stderr)
        return 2
    try:
        installed = await install(settings, default=args.default, keep_old=args.keep_old)
    except RichMenuError as exc:
        print(f"rich menu not installed: {exc}", file=sys.stderr)
        return 1
    for language, rich_menu_id in installed.items():
        print(f"{language}: {rich_menu_id}")
    print(f"default: {args.default}")
    return 0


async def _run(settings: Settings, args: argparse.Namespace) -> int:
    if _configured_channels(settings):
        return await _serve(settings)
    args.lang, args.user, args.now, args.jsonl = None, "console", None, False
    return await _console(settings, args)


async def _db_upgrade(settings: Settings, revision: str) -> int:
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    try:
        await upgrade(engine, revision)
    finally:
        await engine.dispose()
    print(f"database at {revision}")
    return 0


async def _main(args: argparse.Namespace) -> int:
    settings = Settings()
    match args.command:
        case "console":
            return await _console(settings, args)
        case "run":
            return await _run(settings, args)
        case "serve":
            return await _serve(settings)
        case "worker":
            from bot.worker import run_worker

            return await run_worker(settings)
        case "db":
            return await _db_upgrade(settings, args.revision)
        case "line":
            return await _line_richmenu(settings, args)
        case "programme" if args.programme_command == "import":
            return await _programme_import(settings, args)
        case "programme" if args.programme_command == "set":
            return await programme_set(settings, args)
        case "programme":
            return await _programme_export(settings, args)
        case "faq" | "organisers" | "broadcast":
            return await run_admin(settings, args)
    return 2


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop where it is installed (not on Windows), as uvicorn's own runner picks it: the
    server's event loop does a third of the work of an update (sockets, tasks, futures)."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        print(f"configuration error:\n{exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        with asyncio.Runner(loop_factory=_loop_factory()) as runner:
            return runner.run(_main(args))
    except SchemaOutOfDate as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
