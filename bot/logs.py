"""Logging set-up: every line is scrubbed of platform secrets before it is written.

A Telegram error can carry the request URL, and python-telegram-bot puts the bot token in it
(https://api.telegram.org/bot<token>/sendMessage); LINE's channel access token can appear in
a failing request's headers. Neither may reach a log file.
"""

from __future__ import annotations

import logging
import re

_SECRETS = (
    (re.compile(r"bot\d{3,}:[A-Za-z0-9_-]{20,}"), "bot<token>"),
    (re.compile(r"(Bearer\s+)[A-Za-z0-9+/=._-]{20,}"), r"\1<token>"),
)


def scrub(text: str) -> str:
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def configure(level: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level.upper(), handlers=[handler])
    logging.getLogger("alembic").setLevel(logging.WARNING)
