"""The normalised messages that cross the channel ↔ handler boundary.

Channels build an `Incoming` from a platform update and render `Reply` values in their own
way (inline keyboards, quick replies, Flex cards, numbered console lines).
"""

from __future__ import annotations

import base64
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

    def to_json(self) -> dict[str, Any]:
        """Everything needed to send the reply again later (an outbox message), as JSON: the
        attachment's bytes in base64."""
        data = asdict(self)
        data["kind"] = self.kind.value
        data.pop("extra")
        if self.attachment is not None:
            data["attachment"]["data"] = base64.b64encode(self.attachment.data).decode("ascii")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reply:
        """The reply `to_json` wrote; raises KeyError, TypeError or ValueError on anything else."""

        def buttons(items: list[dict[str, Any]]) -> tuple[Button, ...]:
            return tuple(Button(str(b["label"]), str(b["payload"])) for b in items)

        cards = tuple(
            SessionCard(
                **{
                    **card,
                    "speakers": tuple(card.get("speakers") or ()),
                    "buttons": buttons(card.get("buttons") or []),
                }
            )
            for card in data.get("cards") or []
        )
        stored = data.get("attachment")
        attachment = (
            Attachment(
                str(stored["filename"]),
                str(stored["mime_type"]),
                base64.b64decode(stored["data"], validate=True),
            )
            if stored
            else None
        )
        return cls(
            ReplyKind(data["kind"]),
            str(data["text"]),
            str(data["language"]),
            buttons=buttons(data.get("buttons") or []),
            cards=cards,
            attachment=attachment,
        )
