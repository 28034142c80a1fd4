"""Programme changes become change events and one outbox message per affected delegate, in the
transaction that makes the change, so that nothing is lost and nothing is sent for a change
that did not happen."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    AgendaItem,
    ChangeEvent,
    ChangeKind,
    Delegate,
    OutboxKind,
    OutboxMessage,
    OutboxStatus,
    ProgrammeSession,
    Subscription,
    SubscriptionKind,
)
from handlers.core.store import batches
from handlers.notify.options import NotifyOptions
from handlers.notify.payloads import ChangePayload, dump, load
from handlers.notify.reminders import schedule_reminder
from handlers.schedule.model import ProgrammeDiff, SessionRow

# What a delegate is told about: time, place, cancellation. A corrected description is not news.
NOTIFIED_FIELDS = ("starts_at", "ends_at", "status", "room_fr", "room_ja", "room_en")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value


def _snapshot(row: SessionRow) -> dict[str, Any]:
    return {
        "title_fr": row.title_fr,
        "title_ja": row.title_ja,
        "title_en": row.title_en,
        "starts_at": _plain(row.starts_at),
        "ends_at": _plain(row.ends_at),
        "track": row.track,
    }


async def _recipients(
    db: AsyncSession, options: NotifyOptions, *, session_id: str | None, tracks: Iterable[str]
) -> list[Delegate]:
    """Active delegates with the session in their agenda, or following its track, or all."""
    conditions = [
        Delegate.id.in_(
            select(Subscription.delegate_id).where(
                or_(
                    Subscription.kind == SubscriptionKind.ALL,
                    (Subscription.kind == SubscriptionKind.TRACK)
                    & Subscription.track_code.in_(list(tracks)),
                )
            )
        )
    ]
    if session_id is not None:
        conditions.append(
            Delegate.id.in_(
                select(AgendaItem.delegate_id).where(AgendaItem.session_id == session_id)
            )
        )
    result = await db.scalars(
        select(Delegate)
        .where(
            Delegate.active.is_(True),
            Delegate.channel.in_(options.pushable),
            or_(*conditions),
        )
        .order_by(Delegate.id)
    )
    return list(result)


def change_key(session_id: str, delegate_id: int) -> str:
    return f"change:{session_id}:{delegate_id}"


async def _enqueue(
    db: AsyncSession,
    delegates: list[Delegate],
    session_id: str,
    event: ChangeKind,
    changes: dict[str, list[Any]],
    snapshot: dict[str, Any],
    options: NotifyOptions,
) -> int:
    keys = [change_key(session_id, d.id) for d in delegates]
    pending = {
        row.merge_key: row
        for row in await db.scalars(
            select(OutboxMessage).where(
                OutboxMessage.merge_key.in_(keys), OutboxMessage.status == OutboxStatus.PENDING
            )
        )
    }
    written = 0
    change = ChangePayload(session_id, event, changes, snapshot)
    for delegate, key in zip(delegates, keys, strict=True):
        row = pending.get(key)
        if row is not None:
            earlier = load(OutboxKind.CHANGE, row.payload)
            assert isinstance(earlier, ChangePayload)
            merged = _merge(earlier, change)
            if merged is None:  # changed back within the window: nothing to tell
                await db.delete(row)
            else:
                row.payload = dump(merged)
                row.group_key = _group(merged)
            continue
        db.add(
            OutboxMessage(
                delegate_id=delegate.id,
                channel=delegate.channel,
                kind=OutboxKind.CHANGE,
                payload=dump(change),
                merge_key=key,
                group_key=_group(change),
                due_at=options.now + options.merge_window,
                created_at=options.now,
            )
        )
        written += 1
    return written


def _group(change: ChangePayload) -> str:
    """Delegates whose message is the same (same change, before and after, same language) can
    share a LINE multicast; the language is added by the dispatcher. The changes are hashed:
    spelled out, they would not fit the column (160 characters) once rooms change too."""
    changes = json.dumps(change.changes, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(changes.encode()).hexdigest()[:16]
    return f"change:{change.session_id}:{change.event.value}:{digest}"


def _merge(old: ChangePayload, new: ChangePayload) -> ChangePayload | None:
    """Two changes to one session within the merge window, as one message (None: undone)."""
    if new.event is ChangeKind.REMOVED or old.event is ChangeKind.ADDED:
        # A session added then changed is still "new"; a removed one is just removed.
        event = ChangeKind.REMOVED if new.event is ChangeKind.REMOVED else ChangeKind.ADDED
        return replace(old, event=event, changes={}, snapshot=new.snapshot)
    merged: dict[str, list[Any]] = {k: list(v) for k, v in old.changes.items()}
    for name, (before, after) in new.changes.items():
        merged[name] = [merged[name][0] if name in merged else before, after]
    merged = {k: v for k, v in merged.items() if v[0] != v[1]}
    if not merged:
        return None
    return replace(old, event=ChangeKind.CHANGED, changes=merged, snapshot=new.snapshot)


@dataclass(frozen=True)
class Notice:
    """One change to tell, and who is told: what `enqueue_changes` writes, and what a preview
    counts before an organiser confirms."""

    session_id: str
    event: ChangeKind
    changes: dict[str, list[Any]]
    snapshot: dict[str, Any]
    recipients: list[Delegate]


async def plan_notices(
    db: AsyncSession, diff: ProgrammeDiff, options: NotifyOptions
) -> list[Notice]:
    """Before the diff is applied: the agendas of removed sessions still exist."""
    notices = []
    for change in diff.changed:
        notified = {
            c.field: [_plain(c.old), _plain(c.new)]
            for c in change.changes
            if c.field in NOTIFIED_FIELDS
        }
        if not notified:
            continue
        session = await db.get(ProgrammeSession, change.session_id)
        if session is None:
            continue
        track_change = change.field("track")
        tracks = {session.track_code} | ({str(track_change.new)} if track_change else set())
        recipients = await _recipients(db, options, session_id=change.session_id, tracks=tracks)
        snapshot = {
            "title_fr": session.title_fr,
            "title_ja": session.title_ja,
            "title_en": session.title_en,
            "track": session.track_code,
        }
        notices.append(
            Notice(change.session_id, ChangeKind.CHANGED, notified, snapshot, recipients)
        )
    for row in diff.added:
        recipients = await _recipients(db, options, session_id=None, tracks=[row.track])
        notices.append(Notice(row.id, ChangeKind.ADDED, {}, _snapshot(row), recipients))
    for row in diff.removed:
        recipients = await _recipients(db, options, session_id=row.id, tracks=[row.track])
        notices.append(Notice(row.id, ChangeKind.REMOVED, {}, _snapshot(row), recipients))
    return notices


async def enqueue_changes(db: AsyncSession, diff: ProgrammeDiff, options: NotifyOptions) -> int:
    """Writes each change with its messages; called before the diff is applied."""
    total = 0
    for notice in await plan_notices(db, diff, options):
        db.add(
            ChangeEvent(
                at=options.now,
                session_id=notice.session_id,
                kind=notice.event,
                changes=notice.changes,
                source=options.source,
            )
        )
        total += await _enqueue(
            db,
            notice.recipients,
            notice.session_id,
            notice.event,
            notice.changes,
            notice.snapshot,
            options,
        )
    return total


async def refresh_reminders(db: AsyncSession, diff: ProgrammeDiff, options: NotifyOptions) -> None:
    """Called after the diff is applied: reminders follow a moved session, and go with a
    cancelled one."""
    for change in diff.changed:
        if not any(change.field(name) for name in ("starts_at", "status")):
            continue
        session = await db.get(ProgrammeSession, change.session_id)
        if session is None:
            continue
        holders = await db.scalars(
            select(Delegate)
            .join(AgendaItem, AgendaItem.delegate_id == Delegate.id)
            .where(AgendaItem.session_id == session.id)
        )
        for delegate in holders:
            await schedule_reminder(db, delegate, session, options)
    # Reminders of removed sessions go; by batches, an OR per session being deep for SQLite.
    for chunk in batches([r.id for r in diff.removed], 100):
        stale = await db.scalars(
            select(OutboxMessage).where(
                OutboxMessage.kind == OutboxKind.REMINDER,
                OutboxMessage.status == OutboxStatus.PENDING,
                or_(
                    *(
                        OutboxMessage.merge_key.startswith(f"reminder:{sid}:", autoescape=True)
                        for sid in chunk
                    )
                ),
            )
        )
        for row in stale:
            await db.delete(row)


async def count_recipients(db: AsyncSession, diff: ProgrammeDiff, options: NotifyOptions) -> int:
    """How many delegates `enqueue_changes` would tell of this diff (each once)."""
    notices = await plan_notices(db, diff, options)
    return len({d.id for notice in notices for d in notice.recipients})
