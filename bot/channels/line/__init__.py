"""LINE, through line-bot-sdk v3: signed webhooks, replies with Flex cards and quick replies,
rich menus per language, pushes (multicast) within the monthly quota."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.channels.base import Capabilities, Channel, ChannelSpec, ServeContext
from bot.settings import Settings
from handlers.broadcast.quota import QuotaSource

if TYPE_CHECKING:
    from bot.channels.line.sender import LineSender
    from handlers.deps import Deps

# The SDK (line-bot-sdk, about a second to import) is imported by the factories below, when the
# channel runs: every command line start would otherwise pay for it.


def _problems(settings: Settings) -> list[str]:
    secret = bool(settings.line_channel_secret.get_secret_value())
    token = bool(settings.line_channel_access_token.get_secret_value())
    if secret != token:
        return ["LINE needs both LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN."]
    return []


def _serve(context: ServeContext) -> Channel:
    from bot.channels.line.channel import LineChannel

    return LineChannel(context)


def _sender(settings: Settings, _deps: Deps) -> LineSender | None:
    if not settings.line_channel_access_token.get_secret_value():
        return None
    from bot.channels.line.sender import LineSender

    return LineSender.from_settings(settings)


def _quota(settings: Settings) -> QuotaSource | None:
    if not settings.line_channel_access_token.get_secret_value():
        return None
    from bot.channels.line.quota import LineQuotaReader

    return LineQuotaReader(settings)


CHANNEL = ChannelSpec(
    name="line",
    # LINE bots cannot send documents: an agenda comes as a list instead of an .ics file.
    capabilities=Capabilities(can_push=True, files=False),
    configured=lambda settings: settings.line_enabled,
    problems=_problems,
    serve=_serve,
    webhook_path="/line/webhook",
    sender=_sender,
    quota=_quota,
)
