"""Reminders: one pending outbox message per (delegate, session of their agenda), kept in step
with the session's time, its status and the delegate's choices."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    AgendaItem,
    Delegate,
    OutboxKind,
    OutboxMessage,
    OutboxStatus,
    ProgrammeSession,
    SessionStatus,
)
from handlers.notify.options import NotifyOptions
from handlers.notify.payloads import ReminderPayload, dump


def reminder_key(session_id: str, delegate_id: int) -> str:
    return f"reminder:{session_id}:{delegate_id}"


async def schedule_reminder(
    db: AsyncSession, delegate: Delegate, session: ProgrammeSession, options: NotifyOptions
) -> None:
    """One pending reminder per (delegate, session): created, moved, or dropped to match."""
    key = reminder_key(session.id, delegate.id)
    pending = await db.scalar(
        select(OutboxMessage).where(
            OutboxMessage.merge_key == key, OutboxMessage.status == OutboxStatus.PENDING
        )
    )
    minutes = (
        delegate.reminder_minutes
        if delegate.reminder_minutes is not None
        else options.reminder_minutes
    )
    due = session.starts_at - timedelta(minutes=minutes)
    wanted = (
        delegate.reminders
        and delegate.active
        and delegate.channel in options.pushable
        and session.status == SessionStatus.CONFIRMED
        and due > options.now
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
                OutboxMessage.status != OutboxStatus.PENDING,
                OutboxMessage.group_key == f"reminder:{session.id}:{due.isoformat()}",
            )
        )
        if sent is not None:
            return
        db.add(
            OutboxMessage(
                delegate_id=delegate.id,
                channel=delegate.channel,
                kind=OutboxKind.REMINDER,
                payload=dump(ReminderPayload(session.id)),
                merge_key=key,
                group_key=f"reminder:{session.id}:{due.isoformat()}",
                due_at=due,
                created_at=options.now,
            )
        )
    else:
        pending.due_at = due
        pending.group_key = f"reminder:{session.id}:{due.isoformat()}"


async def drop_reminder(db: AsyncSession, delegate_id: int, session_id: str) -> None:
    """The session left the delegate's agenda: its reminder goes too."""
    await db.execute(
        delete(OutboxMessage).where(
            OutboxMessage.merge_key == reminder_key(session_id, delegate_id),
            OutboxMessage.status == OutboxStatus.PENDING,
        )
    )


async def reschedule_reminders(
    db: AsyncSession, delegate: Delegate, options: NotifyOptions
) -> None:
    """The delegate changed their reminder delay or turned reminders on or off."""
    sessions = await db.scalars(
        select(ProgrammeSession)
        .join(AgendaItem, AgendaItem.session_id == ProgrammeSession.id)
        .where(AgendaItem.delegate_id == delegate.id)
    )
    for session in sessions.unique().all():
        await schedule_reminder(db, delegate, session, options)
