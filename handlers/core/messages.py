"""The normalised messages that cross the channel ↔ handler boundary.

Channels build an `Incoming` from a platform update and render `Reply` values in their own
way (inline keyboards, quick replies, Flex cards, numbered console lines).
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


class Event(enum.StrEnum):
    MESSAGE = "message"
    FOLLOW = "follow"
    UNFOLLOW = "unfollow"
    UNSUPPORTED = "unsupported"  # stickers, images, locations… on platforms that send them


@dataclass(frozen=True)
class Incoming:
    channel: str
    user_id: str
    received_at: datetime
    text: str | None = None
    payload: str | None = None
    display_name: str = ""
    language_hint: str | None = None
    event: Event = Event.MESSAGE
    files: bool = True  # the channel can deliver a file (LINE bots cannot send documents)
    # The platform's id of the update (Telegram update_id, LINE webhookEventId). The turn
    # records it in its own transaction and raises AlreadyHandled when it was seen before.
    update_id: str | None = None


class AlreadyHandled(Exception):
    """The update was handled before (a redelivery, or another server process took it)."""


class ReplyKind(enum.StrEnum):
    HELP = "help"
    SCHEDULE = "schedule"
    SESSION = "session"
    FAQ = "faq"
    CLARIFY = "clarify"
    FALLBACK = "fallback"
    LANGUAGE = "language"
    ERROR = "error"
    AGENDA = "agenda"
    SETTINGS = "settings"
    BROADCAST = "broadcast"
    NOTIFICATION = "notification"


@dataclass(frozen=True)
class Button:
    label: str
    payload: str


@dataclass(frozen=True)
class SessionCard:
    session_id: str
    title: str
    day: str
    time: str
    when: str
    room: str
    track: str
    track_label: str
    colour: str
    speakers: tuple[str, ...] = ()
    cancelled: bool = False
    status_label: str = ""
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Attachment:
    """A file to send with the reply (an agenda as .ics): Telegram sends it as a document."""

    filename: str
    mime_type: str
    data: bytes


@dataclass(frozen=True)
class Reply:
    kind: ReplyKind
    text: str
    language: str
    buttons: tuple[Button, ...] = ()
    cards: tuple[SessionCard, ...] = ()
    attachment: Attachment | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        data.pop("extra")
        if self.attachment is not None:
            data["attachment"] = {
                "filename": self.attachment.filename,
                "mime_type": self.attachment.mime_type,
                "size": len(self.attachment.data),
            }
        return data
