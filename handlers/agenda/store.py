"""Personal agendas, followed workshops, reminders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AgendaItem, Delegate, OutboxMessage, ProgrammeSession, Subscription

ALL = "all"
TRACK = "track"


async def agenda_ids(db: AsyncSession, delegate_id: int) -> frozenset[str]:
    rows = await db.scalars(
        select(AgendaItem.session_id).where(AgendaItem.delegate_id == delegate_id)
    )
    return frozenset(rows)


async def agenda_sessions(db: AsyncSession, delegate_id: int) -> Sequence[ProgrammeSession]:
    result = await db.scalars(
        select(ProgrammeSession)
        .join(AgendaItem, AgendaItem.session_id == ProgrammeSession.id)
        .where(AgendaItem.delegate_id == delegate_id)
        .order_by(ProgrammeSession.starts_at, ProgrammeSession.id)
    )
    return result.unique().all()


async def add_to_agenda(
    db: AsyncSession,
    delegate: Delegate,
    session: ProgrammeSession,
    *,
    now: datetime,
    default_minutes: int,
) -> bool:
    """True if added (False if it was there already); schedules the reminder."""
    if await db.get(AgendaItem, (delegate.id, session.id)) is not None:
        return False
    db.add(AgendaItem(delegate_id=delegate.id, session_id=session.id, added_at=now))
    await schedule_reminder(db, delegate, session, now=now, default_minutes=default_minutes)
    await db.flush()
    return True


async def remove_from_agenda(db: AsyncSession, delegate: Delegate, session_id: str) -> bool:
    item = await db.get(AgendaItem, (delegate.id, session_id))
    if item is None:
        return False
    await db.delete(item)
    await db.execute(
        delete(OutboxMessage).where(
            OutboxMessage.merge_key == reminder_key(session_id, delegate.id),
            OutboxMessage.status == "pending",
        )
    )
    return True


def reminder_key(session_id: str, delegate_id: int) -> str:
    return f"reminder:{session_id}:{delegate_id}"


async def schedule_reminder(
    db: AsyncSession,
    delegate: Delegate,
    session: ProgrammeSession,
    *,
    now: datetime,
    default_minutes: int,
) -> None:
    """One pending reminder per (delegate, session): created, moved, or dropped to match."""
    key = reminder_key(session.id, delegate.id)
    pending = await db.scalar(
        select(OutboxMessage).where(
            OutboxMessage.merge_key == key, OutboxMessage.status == "pending"
        )
    )
    minutes = (
        delegate.reminder_minutes if delegate.reminder_minutes is not None else default_minutes
    )
    due = session.starts_at - timedelta(minutes=minutes)
    wanted = (
        delegate.reminders
        and delegate.active
        and delegate.channel != "console"  # the terminal chat cannot be pushed to
        and session.status == "confirmed"
        and due > now
    )
    if not wanted:
        if pending is not None:
            await db.delete(pending)
        return
    if pending is None:
        # A reminder already sent for this session is not repeated unless the session moved:
        # its group key names the time it was for.
        sent = await db.scalar(
            select(OutboxMessage.id).where(
                OutboxMessage.merge_key == key,
                OutboxMessage.status != "pending",
                OutboxMessage.group_key == f"reminder:{session.id}:{due.isoformat()}",
            )
        )
        if sent is not None:
            return
        db.add(
            OutboxMessage(
                delegate_id=delegate.id,
                channel=delegate.channel,
                kind="reminder",
                payload={"session_id": session.id},
                merge_key=key,
                group_key=f"reminder:{session.id}:{due.isoformat()}",
                due_at=due,
                created_at=now,
            )
        )
    else:
        pending.due_at = due
        pending.group_key = f"reminder:{session.id}:{due.isoformat()}"


async def reschedule_reminders(
    db: AsyncSession, delegate: Delegate, *, now: datetime, default_minutes: int
) -> None:
    for session in await agenda_sessions(db, delegate.id):
        await schedule_reminder(db, delegate, session, now=now, default_minutes=default_minutes)


async def subscriptions(db: AsyncSession, delegate_id: int) -> set[str]:
    """'all' and/or the codes of followed tracks."""
    rows = await db.scalars(select(Subscription).where(Subscription.delegate_id == delegate_id))
    return {ALL if s.kind == ALL else s.track_code for s in rows}


async def follow(db: AsyncSession, delegate_id: int, target: str) -> bool:
    kind, code = (ALL, "") if target == ALL else (TRACK, target)
    exists = await db.scalar(
        select(Subscription.id).where(
            Subscription.delegate_id == delegate_id,
            Subscription.kind == kind,
            Subscription.track_code == code,
        )
    )
    if exists is not None:
        return False
    db.add(Subscription(delegate_id=delegate_id, kind=kind, track_code=code))
    await db.flush()
    return True


async def unfollow(db: AsyncSession, delegate_id: int, target: str) -> bool:
    kind, code = (ALL, "") if target == ALL else (TRACK, target)
    result = await db.execute(
        delete(Subscription).where(
            Subscription.delegate_id == delegate_id,
            Subscription.kind == kind,
            Subscription.track_code == code,
        )
    )
    return bool(getattr(result, "rowcount", 0))
