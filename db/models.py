"""The relational model. Alembic (migrations/) owns the schema built from it."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql.expression import true

from db.types import UTCDateTime

# Explicit constraint names, so that migrations are identical on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}  # noqa: RUF012


class Role(enum.StrEnum):
    DELEGATE = "delegate"
    ORGANISER = "organiser"


class SessionStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class SubscriptionKind(enum.StrEnum):
    TRACK = "track"  # one workshop's changes
    ALL = "all"  # every change of the programme


class ChangeKind(enum.StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class UnansweredReason(enum.StrEnum):
    FALLBACK = "fallback"  # no answer at all
    CLARIFY = "clarify"  # a "did you mean" was offered; becomes NONE if so pressed
    NONE = "none"  # "none of these" was pressed


class UnansweredStatus(enum.StrEnum):
    OPEN = "open"  # waits for an organiser
    ATTACHED = "attached"  # an organiser made it a phrasing of an FAQ entry (or a new entry)
    DISMISSED = "dismissed"  # an organiser decided it needs no answer


class BroadcastStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    DONE = "done"  # nothing left to send; the report is written
    CANCELLED = "cancelled"  # withdrawn by an organiser before it went out


class OutboxKind(enum.StrEnum):
    CHANGE = "change"  # a session of the delegate's agenda or followed workshop changed
    REMINDER = "reminder"  # a session of the agenda starts soon
    BROADCAST = "broadcast"  # an organisers' announcement
    REPORT = "report"  # a broadcast's delivery counts, to the organiser who sent it
    ANSWER = "answer"  # the answer organisers gave later to a question the bot could not answer
    REPLY = "reply"  # a reply the platform did not take at once (5xx, timeout, 429): pushed


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"  # waits for its due time
    SENDING = "sending"  # claimed by a dispatcher, under lease
    SENT = "sent"
    FAILED = "failed"  # given up
    BLOCKED = "blocked"  # the delegate blocked the bot
    WAITING_QUOTA = "waiting_quota"  # LINE's monthly quota is used up: goes with the next reply


def stored_enum(kind: type[enum.StrEnum]) -> Enum:
    """An enum column stored as its values in a VARCHAR(16) (no database enum type to migrate)."""
    return Enum(
        kind,
        native_enum=False,
        length=16,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


class Delegate(Base):
    __tablename__ = "delegates"
    __table_args__ = (UniqueConstraint("channel", "channel_user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    channel_user_id: Mapped[str] = mapped_column(String(128))
    display_name: Mapped[str] = mapped_column(String(256), default="")
    language: Mapped[str | None] = mapped_column(String(8), default=None)
    role: Mapped[Role] = mapped_column(stored_enum(Role), default=Role.DELEGATE)
    active: Mapped[bool] = mapped_column(default=True)
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow)
    reminder_minutes: Mapped[int | None] = mapped_column(default=None)  # None: REMINDER_MINUTES
    reminders: Mapped[bool] = mapped_column(default=True, server_default=true())


class Track(Base):
    """A workshop, the plenary, or any other kind of session (visit, reception…)."""

    __tablename__ = "tracks"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_fr: Mapped[str] = mapped_column(String(256))
    name_ja: Mapped[str] = mapped_column(String(256))
    name_en: Mapped[str] = mapped_column(String(256))
    colour: Mapped[str] = mapped_column(String(7), default="#666666")
    position: Mapped[int] = mapped_column(default=100)
    is_workshop: Mapped[bool] = mapped_column(default=False)


class Room(Base):
    __tablename__ = "rooms"
    __table_args__ = (UniqueConstraint("name_fr", "name_ja", "name_en"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name_fr: Mapped[str] = mapped_column(String(256))
    name_ja: Mapped[str] = mapped_column(String(256))
    name_en: Mapped[str] = mapped_column(String(256))


class ProgrammeSession(Base):
    __tablename__ = "programme_sessions"
    __table_args__ = (Index("ix_programme_sessions_starts_at", "starts_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    track_code: Mapped[str] = mapped_column(ForeignKey("tracks.code"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id"), default=None)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    status: Mapped[SessionStatus] = mapped_column(
        stored_enum(SessionStatus), default=SessionStatus.CONFIRMED
    )
    title_fr: Mapped[str] = mapped_column(Text)
    title_ja: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text, default="")
    description_fr: Mapped[str] = mapped_column(Text, default="")
    description_ja: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    speakers: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Bumped by every change written to the session: the SEQUENCE of its calendar event, which
    # subscribed calendars compare to take the new version (RFC 5545, 3.8.7.4).
    sequence: Mapped[int] = mapped_column(default=0, server_default="0")

    track: Mapped[Track] = relationship(lazy="joined")
    room: Mapped[Room | None] = relationship(lazy="joined")


class Meta(Base):
    """Small facts about the loaded data, such as whether the programme is the bundled sample."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(160))
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class UnansweredQuestion(Base):
    """A question the bot could not answer (fallback or "none of these"), for organisers."""

    __tablename__ = "unanswered_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    delegate_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegates.id", ondelete="SET NULL"), default=None
    )
    channel: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[UnansweredReason] = mapped_column(stored_enum(UnansweredReason))
    candidates: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[UnansweredStatus] = mapped_column(
        stored_enum(UnansweredStatus),
        default=UnansweredStatus.OPEN,
        server_default=UnansweredStatus.OPEN.value,
        index=True,
    )
    entry_id: Mapped[str | None] = mapped_column(String(64), default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)


class ProcessedUpdate(Base):
    """A platform update already taken in: the unique key makes every update count once, even
    when the platform redelivers it or several server processes share the database."""

    __tablename__ = "processed_updates"
    __table_args__ = (UniqueConstraint("channel", "update_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    update_id: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class FaqRecord(Base):
    """One FAQ entry as organisers wrote it (content/faq/README.md); the matcher is built from
    these rows, so an import reaches every replica."""

    __tablename__ = "faq_entries"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int]
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AgendaItem(Base):
    """A session a delegate keeps in their personal agenda."""

    __tablename__ = "agenda_items"

    delegate_id: Mapped[int] = mapped_column(
        ForeignKey("delegates.id", ondelete="CASCADE"), primary_key=True
    )
    session_id: Mapped[str] = mapped_column(
        ForeignKey("programme_sessions.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class Subscription(Base):
    """Programme changes a delegate follows: a whole workshop (`track`), or all of them."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("delegate_id", "kind", "track_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    delegate_id: Mapped[int] = mapped_column(
        ForeignKey("delegates.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[SubscriptionKind] = mapped_column(stored_enum(SubscriptionKind))
    track_code: Mapped[str] = mapped_column(String(32), default="")


class ChangeEvent(Base):
    """One change to the programme, written in the transaction that made it."""

    __tablename__ = "change_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    session_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[ChangeKind] = mapped_column(stored_enum(ChangeKind))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source: Mapped[str] = mapped_column(String(160), default="")


class Broadcast(Base):
    """An organisers' announcement, in each language, to an audience."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(160))
    reporter_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegates.id", ondelete="SET NULL"), default=None
    )
    texts: Mapped[dict[str, Any]] = mapped_column(JSON)
    audience: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[BroadcastStatus] = mapped_column(
        stored_enum(BroadcastStatus), default=BroadcastStatus.SCHEDULED, index=True
    )
    send_at: Mapped[datetime] = mapped_column(default=utcnow)
    recipients: Mapped[int] = mapped_column(default=0)
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class OutboxMessage(Base):
    """A message to push, written in the transaction that caused it; the dispatcher sends it.

    `payload` is structured (what changed, which broadcast): the text is rendered when sent, in
    the delegate's language of that moment. `retry_key` is LINE's X-Line-Retry-Key, kept so a
    retry after a crash is never delivered twice.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delegate_id: Mapped[int] = mapped_column(
        ForeignKey("delegates.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(16))
    kind: Mapped[OutboxKind] = mapped_column(stored_enum(OutboxKind))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    merge_key: Mapped[str | None] = mapped_column(String(160), default=None, index=True)
    group_key: Mapped[str] = mapped_column(String(160), default="", index=True)
    status: Mapped[OutboxStatus] = mapped_column(
        stored_enum(OutboxStatus), default=OutboxStatus.PENDING
    )
    due_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(64), default=None)
    claimed_until: Mapped[datetime | None] = mapped_column(default=None)
    retry_key: Mapped[str | None] = mapped_column(String(36), default=None)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    error: Mapped[str] = mapped_column(Text, default="")


class ConversationState(Base):
    """A conversation that spans several messages (the /broadcast steps, /forget's confirmation),
    kept in the database so that any replica can take the next message."""

    __tablename__ = "conversation_states"

    delegate_id: Mapped[int] = mapped_column(
        ForeignKey("delegates.id", ondelete="CASCADE"), primary_key=True
    )
    flow: Mapped[str] = mapped_column(String(32))
    step: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class TurnCount(Base):
    """How many turns, per hour (UTC), channel, language, outcome and what they were about (an
    FAQ entry, a session): the organisers' overview reads these few rows, whatever the number
    of turns. Counts only: no delegate, no text, so nothing here is anyone's data to forget."""

    __tablename__ = "turn_counts"

    hour: Mapped[datetime] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16), primary_key=True)  # understanding.Outcome
    intent: Mapped[str] = mapped_column(String(32), primary_key=True)
    detail: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)


class ConsoleLink(Base):
    """A single-use sign-in link to the organisers' web console; only its hash is kept."""

    __tablename__ = "console_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegates.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None] = mapped_column(default=None)


class ConsoleSession(Base):
    """A signed-in organiser's browser: the cookie holds the token, the table its hash, so a
    database leak opens no session."""

    __tablename__ = "console_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    delegate_id: Mapped[int] = mapped_column(
        ForeignKey("delegates.id", ondelete="CASCADE"), index=True
    )
    csrf: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow)


class CalendarFeed(Base):
    """A delegate's personal calendar feed: the random token of its URL (not derived from any
    id, so that it cannot be guessed), and the validators last served, so that a calendar
    polling it is answered 304 while it has not changed."""

    __tablename__ = "calendar_feeds"

    delegate_id: Mapped[int] = mapped_column(
        ForeignKey("delegates.id", ondelete="CASCADE"), primary_key=True
    )
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    etag: Mapped[str] = mapped_column(String(64), default="")
    modified_at: Mapped[datetime | None] = mapped_column(default=None)
