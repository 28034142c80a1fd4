"""The organisers' commands that are not a feature's own: /console, the way into the web
console."""

from __future__ import annotations

from handlers.core.commands import CommandRegistry, Menu
from handlers.core.messages import Reply, ReplyKind
from handlers.core.turn import Turn
from handlers.organisers.console_access import LINK_LIFETIME, issue_link


async def console(turn: Turn, _argument: str) -> list[Reply]:
    """A single-use sign-in link, for this organiser only (the registry refuses anyone else)."""
    if not turn.deps.public_url:
        return [turn.reply(ReplyKind.ERROR, "console-not-configured")]
    link = await issue_link(turn.db, turn.delegate, base_url=turn.deps.public_url, now=turn.now)
    if link is None:
        return [turn.reply(ReplyKind.ERROR, "organisers-only")]
    minutes = int(LINK_LIFETIME.total_seconds() // 60)
    return [turn.reply(ReplyKind.HELP, "console-link", link=link, minutes=minutes)]


def register(commands: CommandRegistry) -> None:
    commands.command("console", organisers_only=True, menu=Menu.HELP, position=96)(console)
