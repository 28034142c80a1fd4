"""Replies as Telegram messages: escaped HTML, card titles in bold, inline keyboards, and
texts cut to the Bot API's limits."""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Hashable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import cast

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)

from handlers.core.messages import Reply, SessionCard
from handlers.core.translate import Translate

log = logging.getLogger(__name__)

# sendMessage: "1-4096 characters after entities parsing" (https://core.telegram.org/bots/api#sendmessage),
# counted here in UTF-16 code units like the Bot API's entity offsets.
MAX_TEXT = 4096
# InlineKeyboardButton.callback_data: "1-64 bytes" (https://core.telegram.org/bots/api#inlinekeyboardbutton).
MAX_CALLBACK_DATA = 64
# The card button shows the session title; long ones are cut so the keyboard stays readable.
CARD_TITLE_CHARS = 40


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def ellipsis(text: str, limit: int) -> str:
    """At most `limit` characters, ended with an ellipsis if cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Outgoing:
    """One sendMessage: HTML text and its keyboard."""

    html: str
    keyboard: InlineKeyboardMarkup | None = None

    @cached_property
    def keyboard_json(self) -> str | None:
        """The keyboard as the Bot API's JSON-serialised `reply_markup` (serialised once)."""
        return None if self.keyboard is None else json.dumps(self.keyboard.to_dict())


@dataclass(frozen=True)
class _Line:
    plain: str  # what the delegate sees, for the length limit
    html: str


def _bold_titles(line: str, titles: list[str]) -> _Line:
    """Escapes the line and puts the card titles it contains in bold (one pass: no nesting)."""
    if not titles:
        return _Line(line, html.escape(line, quote=False))
    pattern = re.compile("|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True)))
    parts: list[str] = []
    end = 0
    for match in pattern.finditer(line):
        parts.append(html.escape(line[end : match.start()], quote=False))
        parts.append(f"<b>{html.escape(match.group(0), quote=False)}</b>")
        end = match.end()
    parts.append(html.escape(line[end:], quote=False))
    return _Line(line, "".join(parts))


def _card_block(card: SessionCard) -> list[_Line]:
    """A compact block for a card the text does not already show: Telegram has no cards."""
    title = f"{card.title} {card.status_label}".rstrip()
    return [
        _Line("", ""),
        _Line(title, f"<b>{html.escape(title, quote=False)}</b>"),
        _Line(card.when, html.escape(card.when, quote=False)),
        _Line(card.room, html.escape(card.room, quote=False)),
    ]


def _split_long(line: _Line) -> list[_Line]:
    """A single line over the limit, cut at spaces where possible (formatting dropped)."""
    pieces: list[_Line] = []
    rest = line.plain
    while _utf16(rest) > MAX_TEXT:
        cut = MAX_TEXT
        while _utf16(rest[:cut]) > MAX_TEXT:
            cut -= 1
        space = rest.rfind(" ", cut // 2, cut)
        cut = space if space > 0 else cut
        pieces.append(_Line(rest[:cut], html.escape(rest[:cut], quote=False)))
        rest = rest[cut:].lstrip(" ")
    pieces.append(_Line(rest, html.escape(rest, quote=False)))
    return pieces


def _chunks(lines: list[_Line]) -> list[str]:
    """Messages of at most MAX_TEXT visible characters, split at line breaks."""
    chunks: list[str] = []
    plain_len = 0
    current: list[str] = []
    for original in lines:
        for line in _split_long(original) if _utf16(original.plain) > MAX_TEXT else [original]:
            size = _utf16(line.plain) + (1 if current else 0)
            if current and plain_len + size > MAX_TEXT:
                chunks.append("\n".join(current))
                current, plain_len = [], 0
                size = _utf16(line.plain)
            current.append(line.html)
            plain_len += size
    if current:
        chunks.append("\n".join(current))
    return [c for c in chunks if c.strip()] or ["…"]


def _button(label: str, payload: str) -> InlineKeyboardButton | None:
    if len(payload.encode("utf-8")) > MAX_CALLBACK_DATA:
        log.error("callback_data over %d bytes, button dropped: %r", MAX_CALLBACK_DATA, payload)
        return None
    return InlineKeyboardButton(label, callback_data=payload)


def _keyboard(reply: Reply, t: Translate) -> InlineKeyboardMarkup | None:
    rows: list[list[InlineKeyboardButton]] = []
    # A card's own button says which session it opens: the same payload among the reply's
    # buttons would be a second, vaguer button for it.
    on_cards = {x.payload for card in reply.cards for x in card.buttons}
    plain = [
        b
        for b in (_button(x.label, x.payload) for x in reply.buttons if x.payload not in on_cards)
        if b is not None
    ]
    width = 3 if all(len(b.text) <= 14 for b in plain) else 2
    rows += [plain[i : i + width] for i in range(0, len(plain), width)]
    for card in reply.cards:
        for x in card.buttons:
            label = t(
                reply.language,
                "telegram-card-button",
                label=x.label,
                title=ellipsis(card.title, CARD_TITLE_CHARS),
            )
            button = _button(label, x.payload)
            if button is not None:
                rows.append([button])
    return InlineKeyboardMarkup(rows) if rows else None


def render(reply: Reply, t: Translate) -> tuple[Outgoing, ...]:
    """The reply as Telegram messages: escaped HTML, card titles in bold, keyboard on the last.

    The handlers' texts already list every card's time, title and room, so a card adds its
    "details" button and bolds its title; a card the text does not mention gets a text block.
    Rendered once per content: a bot sends the same replies again and again.
    """
    return _render(reply, cast(Hashable, t))


@lru_cache(maxsize=4096)
def _render(reply: Reply, hashable_t: Hashable) -> tuple[Outgoing, ...]:
    t = cast(Translate, hashable_t)
    text_lines = reply.text.split("\n")
    titles = [c.title for c in reply.cards if c.title]
    lines = [_bold_titles(line, titles) for line in text_lines]
    for card in reply.cards:
        if card.title not in reply.text:
            lines += _card_block(card)
    chunks = _chunks(lines)
    keyboard = _keyboard(reply, t)
    return tuple(
        Outgoing(chunk, keyboard if i == len(chunks) - 1 else None)
        for i, chunk in enumerate(chunks)
    )
