"""`confbot organisers add | remove | list`: who may broadcast, edit and read the unanswered."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from bot.app import build_app
from bot.channels.registry import channel_names
from bot.settings import Settings
from db.models import Role
from handlers.organisers.roles import change_role, organisers, parse_member


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("organisers", help="who may broadcast and see unanswered questions")
    o_sub = parser.add_subparsers(dest="organisers_command", required=True)
    for name in ("add", "remove"):
        command = o_sub.add_parser(name, help=f"{name} an organiser")
        command.add_argument("member", help="channel:user id, e.g. telegram:123 or line:U4af…")
    o_sub.add_parser("list", help="list the organisers")


async def run(settings: Settings, args: argparse.Namespace) -> int:
    member = None
    if args.organisers_command != "list":
        member = parse_member(args.member, channel_names())
        if member is None:
            print(f"not a channel:user id: {args.member!r}", file=sys.stderr)
            return 2
    app = await build_app(settings)
    try:
        async with app.sessionmaker.begin() as db:
            if member is None:
                for delegate in await organisers(db):
                    name = f"  {delegate.display_name}" if delegate.display_name else ""
                    print(f"{delegate.channel}:{delegate.channel_user_id}{name}")
                return 0
            role = Role.ORGANISER if args.organisers_command == "add" else Role.DELEGATE
            await change_role(db, member, role, actor="cli", now=datetime.now(UTC))
            print(f"{args.member}: {role.value}")
            return 0
    finally:
        await app.close()
