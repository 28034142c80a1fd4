"""What an outbox message says, by kind: written as JSON with the row, read back typed. The
text itself is rendered only when the message is sent, in the delegate's language then."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from db.models import ChangeKind, OutboxKind
from handlers.core.messages import Reply


@dataclass(frozen=True)
class ChangePayload:
    """A session of the delegate's agenda, or of a workshop they follow, changed."""

    session_id: str
    event: ChangeKind
    changes: dict[str, list[Any]] = field(default_factory=dict)  # field: [before, after], JSON
    snapshot: dict[str, Any] = field(default_factory=dict)  # titles, times, track, as last seen


@dataclass(frozen=True)
class ReminderPayload:
    session_id: str


@dataclass(frozen=True)
class BroadcastPayload:
    broadcast_id: int


@dataclass(frozen=True)
class ReportPayload:
    """A broadcast's delivery counts, for the organiser who sent it."""

    id: int
    sent: int
    failed: int
    blocked: int
    waiting: int


@dataclass(frozen=True)
class AnswerPayload:
    """Organisers answered, later, a question the bot could not: its text, and the FAQ entry
    that now answers it."""

    question: str
    entry_id: str


@dataclass(frozen=True)
class ReplyPayload:
    """The replies to a delegate's message that the platform did not take when they were
    answered: sent as they were written, in the language of the question."""

    replies: tuple[Reply, ...]
    # Messages of the first reply already delivered: a channel that splits a long reply into
    # several messages (Telegram, at 4,096 characters) skips these.
    skip: int = 0


Payload = (
    ChangePayload
    | ReminderPayload
    | BroadcastPayload
    | ReportPayload
    | AnswerPayload
    | ReplyPayload
)

KINDS: dict[type[Any], OutboxKind] = {
    ChangePayload: OutboxKind.CHANGE,
    ReminderPayload: OutboxKind.REMINDER,
    BroadcastPayload: OutboxKind.BROADCAST,
    ReportPayload: OutboxKind.REPORT,
    AnswerPayload: OutboxKind.ANSWER,
    ReplyPayload: OutboxKind.REPLY,
}


def kind_of(payload: Payload) -> OutboxKind:
    return KINDS[type(payload)]


def dump(payload: Payload) -> dict[str, Any]:
    """The payload as the row's JSON."""
    if isinstance(payload, ReplyPayload):
        return {"replies": [r.to_json() for r in payload.replies], "skip": payload.skip}
    return {k: v.value if isinstance(v, enum.Enum) else v for k, v in asdict(payload).items()}


def load(kind: OutboxKind, data: Mapping[str, Any]) -> Payload:
    """The row's JSON, typed; raises KeyError or ValueError on a row that is not of its kind."""
    match kind:
        case OutboxKind.CHANGE:
            return ChangePayload(
                session_id=str(data["session_id"]),
                event=ChangeKind(data["event"]),
                changes={k: list(v) for k, v in (data.get("changes") or {}).items()},
                snapshot=dict(data.get("snapshot") or {}),
            )
        case OutboxKind.REMINDER:
            return ReminderPayload(session_id=str(data["session_id"]))
        case OutboxKind.BROADCAST:
            return BroadcastPayload(broadcast_id=int(data["broadcast_id"]))
        case OutboxKind.REPORT:
            return ReportPayload(
                **{k: int(data[k]) for k in ("id", "sent", "failed", "blocked", "waiting")}
            )
        case OutboxKind.ANSWER:
            return AnswerPayload(question=str(data["question"]), entry_id=str(data["entry_id"]))
        case OutboxKind.REPLY:
            return ReplyPayload(
                replies=tuple(Reply.from_json(r) for r in data["replies"]),
                skip=int(data.get("skip") or 0),
            )
