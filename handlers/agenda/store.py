"""Personal agendas, followed workshops, reminders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    AgendaItem,
    AuditLog,
    Broadcast,
    ChangeEvent,
    Delegate,
    ProgrammeSession,
    Subscription,
    SubscriptionKind,
    UnansweredQuestion,
)
from handlers.notify.options import NotifyOptions
from handlers.notify.reminders import drop_reminder, schedule_reminder

ALL = "all"  # what a delegate follows: every change, or a track's code
FORGOTTEN = "forgotten"  # the audit log's actor for someone who asked to be forgotten


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
    db: AsyncSession, delegate: Delegate, session: ProgrammeSession, options: NotifyOptions
) -> bool:
    """True if added (False if it was there already); schedules the reminder."""
    if await db.get(AgendaItem, (delegate.id, session.id)) is not None:
        return False
    db.add(AgendaItem(delegate_id=delegate.id, session_id=session.id, added_at=options.now))
    await schedule_reminder(db, delegate, session, options)
    await db.flush()
    return True


async def remove_from_agenda(db: AsyncSession, delegate: Delegate, session_id: str) -> bool:
    item = await db.get(AgendaItem, (delegate.id, session_id))
    if item is None:
        return False
    await db.delete(item)
    await drop_reminder(db, delegate.id, session_id)
    return True


async def subscriptions(db: AsyncSession, delegate_id: int) -> set[str]:
    """'all' and/or the codes of followed tracks."""
    rows = await db.scalars(select(Subscription).where(Subscription.delegate_id == delegate_id))
    return {ALL if s.kind == SubscriptionKind.ALL else s.track_code for s in rows}


def _subscription(target: str) -> tuple[SubscriptionKind, str]:
    if target == ALL:
        return SubscriptionKind.ALL, ""
    return SubscriptionKind.TRACK, target


async def follow(db: AsyncSession, delegate_id: int, target: str) -> bool:
    kind, code = _subscription(target)
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
    kind, code = _subscription(target)
    result = await db.execute(
        delete(Subscription).where(
            Subscription.delegate_id == delegate_id,
            Subscription.kind == kind,
            Subscription.track_code == code,
        )
    )
    return bool(getattr(result, "rowcount", 0))


async def forget_delegate(
    db: AsyncSession, delegate: Delegate, *, actor: str, now: datetime
) -> None:
    """Erases the delegate: agenda, follows, outbox and conversation states go with the row
    (ON DELETE CASCADE); their questions are deleted; where they acted (the audit log, the
    broadcasts and programme changes an organiser made), an anonymous marker replaces their id."""
    await db.execute(
        delete(UnansweredQuestion).where(UnansweredQuestion.delegate_id == delegate.id)
    )
    for column in (AuditLog.actor, Broadcast.created_by, ChangeEvent.source):
        await db.execute(update(column.class_).where(column == actor).values({column: FORGOTTEN}))
    await db.delete(delegate)
    db.add(AuditLog(at=now, actor=FORGOTTEN, action="delegate.forget", detail={}))
