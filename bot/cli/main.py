"""The `confbot` command line: chat, serve, and the organisers' tools."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol

from pydantic import ValidationError

from bot.app import build_app
from bot.channels import registry
from bot.channels.console.channel import ConsoleChat
from bot.cli import broadcast, faq, health, organisers, programme, qr, stats
from bot.clock import Clock
from bot.logs import configure as configure_logging
from bot.settings import SUPPORTED_LANGUAGES, Settings
from db.engine import make_engine
from db.migrate import SchemaOutOfDate, upgrade

log = logging.getLogger("confbot")


class Tool(Protocol):
    """An organisers' command: its argument parser, and what it does."""

    def add_parser(self, sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None: ...

    async def run(self, settings: Settings, args: argparse.Namespace) -> int: ...


TOOLS: dict[str, Tool] = {
    "programme": programme,
    "faq": faq,
    "organisers": organisers,
    "stats": stats,
    "broadcast": broadcast,
    "qr": qr,
    "health": health,
}


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
        "richmenu", help="create the fr, ja and en rich menus, their aliases and the default"
    )
    richmenu.add_argument("--default", choices=SUPPORTED_LANGUAGES, default="fr")
    richmenu.add_argument(
        "--keep-old", action="store_true", help="do not delete the menus the aliases pointed to"
    )

    db = sub.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_upgrade = db_sub.add_parser("upgrade", help="apply the migrations")
    db_upgrade.add_argument("--revision", default="head")

    for module in TOOLS.values():
        module.add_parser(sub)
    return parser


async def _console(settings: Settings, args: argparse.Namespace) -> int:
    clock = Clock(args.now)
    app = await build_app(settings, clock=clock)
    try:
        chat = ConsoleChat(
            app.conversation,
            user=args.user,
            language=args.lang,
            clock=clock,
            rehearsing=args.now is not None,
        )
        if args.jsonl:
            await chat.run_jsonl(sys.stdin, sys.stdout)
        else:
            await chat.run_interactive(sys.stdin, sys.stdout)
    finally:
        await app.close()
    return 0


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
    if registry.configured(settings):
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
        case name if name in TOOLS:
            return await TOOLS[name].run(settings, args)
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
    configure_logging(settings.log_level, settings.log_format)
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
