"""Replies as LINE messages: texts cut at 5,000 characters, session cards as Flex bubbles in a
carousel, buttons as quick replies; at most five messages per reply."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from linebot.v3.messaging import (
    FlexMessage,
    PostbackAction,
    QuickReply,
    QuickReplyItem,
    TextMessage,
)

from handlers.core.messages import Button, Reply, SessionCard

log = logging.getLogger(__name__)

# Limits from https://developers.line.biz/en/reference/messaging-api/ (counted in UTF-16 units):
MAX_MESSAGES = 5  # reply API: "Max: 5" message objects per request
MAX_TEXT = 5000  # text message: "Max character limit: 5000"
MAX_QUICK_REPLIES = 13  # quick reply: "Max: 13 objects"
MAX_LABEL = 20  # quick reply action label: "Max character limit: 20"
MAX_BUBBLES = 12  # Flex carousel: "Max: 12 bubbles"
MAX_ALT_TEXT = 400  # altText: "Max character limit: 400" (older docs; the stricter value)
MAX_DATA = 300  # postback data: "Max character limit: 300"


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fit(text: str, limit: int) -> str:
    """At most `limit` UTF-16 units, cut on a character and ended with an ellipsis if cut."""
    text = unicodedata.normalize("NFC", text)
    if _utf16(text) <= limit:
        return text
    cut = text
    while _utf16(cut) > limit - 1:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def _split_text(text: str) -> list[str]:
    """Texts of at most MAX_TEXT, split at line breaks where possible."""
    pieces: list[str] = []
    rest = text
    while _utf16(rest) > MAX_TEXT:
        cut = MAX_TEXT  # characters; emoji outside the BMP take two units, hence the loop
        while _utf16(rest[:cut]) > MAX_TEXT:
            cut -= 1
        newline = rest.rfind("\n", cut // 2, cut)
        cut = newline if newline > 0 else cut
        pieces.append(rest[:cut])
        rest = rest[cut:].lstrip("\n")
    pieces.append(rest)
    return [p for p in pieces if p.strip()]


def card_bubble(card: SessionCard) -> dict[str, Any]:
    title = f"{card.title} {card.status_label}".rstrip()
    body: list[dict[str, Any]] = [
        {
            "type": "box",
            "layout": "vertical",
            "contents": [{"type": "filler"}],
            "height": "6px",
            "backgroundColor": card.colour,
            "cornerRadius": "3px",
        },
        {
            "type": "text",
            "text": card.track_label or card.track,
            "size": "xs",
            "color": card.colour,
            "weight": "bold",
            "wrap": True,
            "margin": "md",
        },
        {"type": "text", "text": title, "weight": "bold", "size": "md", "wrap": True},
        {"type": "text", "text": f"{card.day} {card.time}", "size": "sm", "wrap": True},
        {"type": "text", "text": card.room, "size": "sm", "color": "#555555", "wrap": True},
    ]
    if card.cancelled:
        body[2]["color"] = "#C0392B"
    bubble: dict[str, Any] = {
        "type": "bubble",
        "size": "kilo",
        "body": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": body},
    }
    buttons = [
        {
            "type": "button",
            "style": "link",
            "height": "sm",
            "action": _postback(b).to_dict(),
        }
        for b in card.buttons[:3]
    ]
    if buttons:
        bubble["footer"] = {"type": "box", "layout": "vertical", "contents": buttons}
    return bubble


def _postback(button: Button) -> PostbackAction:
    label = fit(button.label, MAX_LABEL)
    return PostbackAction(label=label, data=button.payload[:MAX_DATA], display_text=label)


def _flex(reply: Reply) -> FlexMessage:
    return _flex_of(reply.text, reply.cards).copy()  # quick replies are set on the copy


@lru_cache(maxsize=2048)
def _flex_of(text: str, cards: tuple[SessionCard, ...]) -> FlexMessage:
    # Building the SDK's models is the costliest part of a LINE reply, and the same carousels
    # (a day's programme, the workshops) are sent again and again: built once per content.
    first_line = next((line for line in text.split("\n") if line.strip()), text)
    carousel = {
        "type": "carousel",
        "contents": [card_bubble(c) for c in cards[:MAX_BUBBLES]],
    }
    return FlexMessage.from_dict(
        {"type": "flex", "altText": fit(first_line, MAX_ALT_TEXT), "contents": carousel}
    )


def _quick_reply(replies: Sequence[Reply]) -> QuickReply | None:
    seen: set[str] = set()
    items: list[QuickReplyItem] = []
    for button in (b for r in replies for b in r.buttons):
        if button.payload in seen or len(items) == MAX_QUICK_REPLIES:
            continue
        seen.add(button.payload)
        items.append(QuickReplyItem(action=_postback(button)))
    return QuickReply(items=items) if items else None


def render(replies: Sequence[Reply]) -> list[Any]:
    """At most five message objects: texts (cut at 5,000), a Flex carousel per card list, the
    buttons as quick replies on the last message (the only one LINE shows them on)."""
    messages: list[Any] = []
    for reply in replies:
        messages += [{"text": piece} for piece in _split_text(reply.text)]
        if reply.cards:
            messages.append(_flex(reply))
    messages = _merge_texts(messages)
    if len(messages) > MAX_MESSAGES:
        log.warning("line: %d messages for one reply, the last ones dropped", len(messages))
        messages = messages[:MAX_MESSAGES]
    built = [TextMessage(text=m["text"]) if isinstance(m, dict) else m for m in messages]
    quick = _quick_reply(replies)
    if built and quick is not None:
        built[-1].quick_reply = quick
    return built


@lru_cache(maxsize=4096)
def render_json(replies: tuple[Reply, ...]) -> tuple[dict[str, Any], ...]:
    """`render` as LINE's JSON, once per content: the SDK's models validate the messages when
    they are built, and a bot sends the same replies (a day's programme, the help) again and
    again. Serialising the models costs 0.2 to 1.4 ms of CPU per reply (pydantic v1)."""
    return tuple(message.to_dict() for message in render(replies))


def _merge_texts(messages: list[Any]) -> list[Any]:
    """Joins neighbouring texts while there are more than five messages and they fit."""
    merged = list(messages)
    i = 0
    while len(merged) > MAX_MESSAGES and i < len(merged) - 1:
        a, b = merged[i], merged[i + 1]
        if isinstance(a, dict) and isinstance(b, dict):
            joined = f"{a['text']}\n\n{b['text']}"
            if _utf16(joined) <= MAX_TEXT:
                merged[i : i + 2] = [{"text": joined}]
                continue
        i += 1
    return merged
