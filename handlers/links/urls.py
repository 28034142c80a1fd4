"""The URLs a deep link takes on each platform."""

from __future__ import annotations

from urllib.parse import quote

from handlers.links.payloads import DeepLink

START = "/start"


def telegram_url(bot_username: str, link: DeepLink) -> str:
    """Opens the chat with the bot, which receives "/start <payload>"."""
    return f"https://t.me/{bot_username}?start={link.payload}"


def line_text(link: DeepLink) -> str:
    """The message a LINE link prepares: the same command as Telegram's."""
    return f"{START} {link.payload}"


def line_url(basic_id: str, link: DeepLink) -> str:
    """Opens the chat with the account with the text ready to send
    (https://developers.line.biz/en/docs/messaging-api/using-line-url-scheme/: oaMessage)."""
    return f"https://line.me/R/oaMessage/{quote(basic_id)}/?{quote(line_text(link))}"
