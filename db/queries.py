"""Queries the conversation handlers need."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditLog, Delegate, ProgrammeSession, Track

LAST_SEEN_EVERY = timedelta(minutes=5)


async def touch_delegate(
    db: AsyncSession, *, channel: str, user_id: str, display_name: str, now: datetime
) -> Delegate:
    """The delegate for this channel user, created on first contact; `last_seen` moves on."""
    delegate = await db.scalar(
        select(Delegate).where(Delegate.channel == channel, Delegate.channel_user_id == user_id)
    )
    if delegate is None:
        delegate = Delegate(
            channel=channel,
            channel_user_id=user_id,
            display_name=display_name[:256],
            first_seen=now,
            last_seen=now,
        )
        db.add(delegate)
        await db.flush()
        return delegate
    # Written at most every few minutes: a write per message would cost every turn a commit.
    if now - delegate.last_seen > LAST_SEEN_EVERY:
        delegate.last_seen = now
    if not delegate.active:
        delegate.active = True
    if display_name and display_name != delegate.display_name:
        delegate.display_name = display_name[:256]
    return delegate


async def all_sessions(db: AsyncSession) -> Sequence[ProgrammeSession]:
    result = await db.scalars(
        select(ProgrammeSession)
        .join(Track)
        .order_by(ProgrammeSession.starts_at, Track.position, ProgrammeSession.id)
    )
    return result.unique().all()


async def session_by_id(db: AsyncSession, session_id: str) -> ProgrammeSession | None:
    return await db.get(ProgrammeSession, session_id)


def audit(db: AsyncSession, *, actor: str, action: str, now: datetime, **detail: Any) -> None:
    db.add(AuditLog(at=now, actor=actor, action=action, detail=detail))
