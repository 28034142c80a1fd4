"""Logging set-up: every line is scrubbed of platform secrets before it is written.

A Telegram error can carry the request URL, and python-telegram-bot puts the bot token in it
(https://api.telegram.org/bot<token>/sendMessage); LINE's channel access token can appear in
a failing request's headers. Neither may reach a log file.
"""

from __future__ import annotations

import json
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


class JsonFormatter(ScrubbingFormatter):
    """One JSON object a line, for log collectors (LOG_FORMAT=json)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def configure(level: str, fmt: str = "text") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonFormatter()
        if fmt == "json"
        else ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    logging.basicConfig(level=level.upper(), handlers=[handler])
    logging.getLogger("alembic").setLevel(logging.WARNING)
