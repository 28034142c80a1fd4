"""Organisers: delegates with the organiser role, named as channel:user id."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Delegate, Role
from handlers.core.store import audit


def parse_member(text: str, channels: Collection[str]) -> tuple[str, str] | None:
    """'telegram:123' → ('telegram', '123'), for a channel of `channels`; None otherwise."""
    channel, _, user_id = text.strip().partition(":")
    if channel not in channels or not user_id.strip():
        return None
    return channel, user_id.strip()


async def set_role(
    db: AsyncSession, member: tuple[str, str], role: Role, *, now: datetime
) -> Delegate:
    """Sets the role, creating the delegate if it never wrote yet (it will be known later)."""
    channel, user_id = member
    delegate = await db.scalar(
        select(Delegate).where(Delegate.channel == channel, Delegate.channel_user_id == user_id)
    )
    if delegate is None:
        delegate = Delegate(
            channel=channel, channel_user_id=user_id, first_seen=now, last_seen=now, role=role
        )
        db.add(delegate)
    delegate.role = role
    await db.flush()
    return delegate


async def promote_configured(
    db: AsyncSession, members: Iterable[str], channels: Collection[str], now: datetime
) -> None:
    """ORGANISERS from the settings are organisers at every start."""
    for text in members:
        member = parse_member(text, channels)
        if member is not None:
            await set_role(db, member, Role.ORGANISER, now=now)


async def change_role(
    db: AsyncSession, member: tuple[str, str], role: Role, *, actor: str, now: datetime
) -> Delegate:
    """Makes someone an organiser or a delegate again, with its line in the audit log."""
    delegate = await set_role(db, member, role, now=now)
    action = "organisers.add" if role is Role.ORGANISER else "organisers.remove"
    audit(db, actor=actor, action=action, now=now, member=":".join(member))
    return delegate


async def organisers(db: AsyncSession) -> Sequence[Delegate]:
    found = await db.scalars(
        select(Delegate).where(Delegate.role == Role.ORGANISER).order_by(Delegate.id)
    )
    return found.all()
