"""`confbot organisers add | remove | list | link`: who may broadcast, edit and read the
unanswered, and a sign-in link to the web console (the first one, before anyone can ask the
bot for it)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import build_app
from bot.channels.registry import channel_names
from bot.settings import Settings
from db.models import Delegate, Role
from handlers.organisers.console_access import issue_link
from handlers.organisers.roles import change_role, organisers, parse_member


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("organisers", help="who may broadcast and see unanswered questions")
    o_sub = parser.add_subparsers(dest="organisers_command", required=True)
    for name in ("add", "remove"):
        command = o_sub.add_parser(name, help=f"{name} an organiser")
        command.add_argument("member", help="channel:user id, e.g. telegram:123 or line:U4af…")
    link = o_sub.add_parser("link", help="print a single-use sign-in link to the web console")
    link.add_argument("member", help="an organiser's channel:user id")
    o_sub.add_parser("list", help="list the organisers")


async def run(settings: Settings, args: argparse.Namespace) -> int:
    member = None
    if args.organisers_command != "list":
        member = parse_member(args.member, channel_names())
        if member is None:
            print(f"not a channel:user id: {args.member!r}", file=sys.stderr)
            return 2
    app = await build_app(settings, warm=False)
    try:
        async with app.sessionmaker.begin() as db:
            if member is None:
                for delegate in await organisers(db):
                    name = f"  {delegate.display_name}" if delegate.display_name else ""
                    print(f"{delegate.channel}:{delegate.channel_user_id}{name}")
                return 0
            if args.organisers_command == "link":
                return await _link(db, settings, member)
            role = Role.ORGANISER if args.organisers_command == "add" else Role.DELEGATE
            await change_role(db, member, role, actor="cli", now=datetime.now(UTC))
            print(f"{args.member}: {role.value}")
            return 0
    finally:
        await app.close()


async def _link(db: AsyncSession, settings: Settings, member: tuple[str, str]) -> int:
    if not settings.public_url:
        print("PUBLIC_URL is not set: the console's links start with it", file=sys.stderr)
        return 2
    channel, user_id = member
    delegate = await db.scalar(
        select(Delegate).where(Delegate.channel == channel, Delegate.channel_user_id == user_id)
    )
    link = None
    if delegate is not None:
        link = await issue_link(db, delegate, base_url=settings.public_url, now=datetime.now(UTC))
    if link is None:
        print(f"{':'.join(member)} is not an organiser (confbot organisers add)", file=sys.stderr)
        return 1
    print(link)
    return 0
