"""Telegram, through python-telegram-bot: webhook or polling, HTML replies with inline
keyboards, agendas as documents, pushes within Telegram's rate limits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.channels.base import Capabilities, Channel, ChannelSpec, ServeContext
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.channels.telegram.sender import TelegramSender
    from handlers.deps import Deps

# The SDK (python-telegram-bot) is imported by the factories below, when the channel runs:
# every command line start (the console, an import) would otherwise pay for it.


def _problems(settings: Settings) -> list[str]:
    secret = settings.telegram_webhook_secret.get_secret_value()
    if settings.telegram_enabled and settings.telegram_mode == "webhook" and not secret:
        return [
            "TELEGRAM_WEBHOOK_SECRET is empty: in webhook mode every update must carry the "
            "secret token, or anyone could post updates. Set it (1-256 of A-Z a-z 0-9 _ -), "
            "or use TELEGRAM_MODE=polling."
        ]
    return []


def _serve(context: ServeContext) -> Channel:
    from bot.channels.telegram.channel import TelegramChannel

    return TelegramChannel(context)


def _sender(settings: Settings, deps: Deps) -> TelegramSender | None:
    if not settings.telegram_bot_token.get_secret_value():
        return None
    from bot.channels.telegram.sender import TelegramSender

    return TelegramSender.from_settings(settings, deps.t)


CHANNEL = ChannelSpec(
    name="telegram",
    capabilities=Capabilities(can_push=True, files=True),
    configured=lambda settings: settings.telegram_enabled,
    problems=_problems,
    serve=_serve,
    webhook_path="/telegram/webhook",
    sender=_sender,
)
