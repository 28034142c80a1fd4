"""What every turn reads and writes: the update record, the delegate, the audit log."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import CursorResult, insert, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditLog, Delegate, ProcessedUpdate, TurnCount
from handlers.core.understanding import Understanding

T = TypeVar("T")

LAST_SEEN_EVERY = timedelta(minutes=5)


async def record_update(db: AsyncSession, *, channel: str, update_id: str, now: datetime) -> bool:
    """Records a platform update id in the caller's transaction; False when it is already there.

    The unique key decides, so this holds across server processes sharing one database: on
    PostgreSQL a second transaction inserting the same id waits for the first, then inserts
    nothing if it committed. ON CONFLICT DO NOTHING keeps the transaction usable either way.
    """
    dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(ProcessedUpdate.__table__)
        .values(channel=channel, update_id=update_id[:64], received_at=now)
        .on_conflict_do_nothing(index_elements=["channel", "update_id"])
    )
    result = await db.execute(statement)
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


async def touch_delegate(
    db: AsyncSession,
    *,
    channel: str,
    user_id: str,
    display_name: str,
    language: str,
    now: datetime,
) -> tuple[Delegate, bool]:
    """The delegate for this channel user, and whether it was created by this first contact (in
    `language`); `last_seen` moves on."""
    delegate = await db.scalar(
        select(Delegate).where(Delegate.channel == channel, Delegate.channel_user_id == user_id)
    )
    if delegate is None:
        # INSERT … RETURNING gives the ORM object without a unit-of-work flush: a first contact
        # costs a third less CPU than with add() and flush().
        created = await db.scalar(
            insert(Delegate)
            .values(
                channel=channel,
                channel_user_id=user_id,
                display_name=display_name[:256],
                language=language,
                first_seen=now,
                last_seen=now,
            )
            .returning(Delegate)
        )
        assert created is not None
        return created, True
    # Written at most every few minutes: a write per message would cost every turn a commit.
    if now - delegate.last_seen > LAST_SEEN_EVERY:
        delegate.last_seen = now
    if not delegate.active:
        delegate.active = True
    if display_name and display_name != delegate.display_name:
        delegate.display_name = display_name[:256]
    return delegate, False


async def delegate_exists(db: AsyncSession, *, channel: str, user_id: str) -> bool:
    found = await db.scalar(
        select(Delegate.id).where(Delegate.channel == channel, Delegate.channel_user_id == user_id)
    )
    return found is not None


def batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """`items` in slices of at most `size` (itertools.batched comes with Python 3.12)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def audit(db: AsyncSession, *, actor: str, action: str, now: datetime, **detail: Any) -> None:
    db.add(AuditLog(at=now, actor=actor, action=action, detail=detail))


async def record_turn(
    db: AsyncSession,
    *,
    delegate: Delegate,
    channel: str,
    language: str,
    understood: Understanding,
    now: datetime,
) -> None:
    """Counts the turn for the organisers' overview, in the turn's transaction: in its hour,
    how it was understood and what it was about (an FAQ entry, a session); never who wrote or
    what. A turn that erased its delegate (/forget) is not counted."""
    state = inspect(delegate)
    if delegate in db.deleted or state.deleted or state.was_deleted:
        return
    dialect = postgresql if db.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(TurnCount.__table__).values(
        hour=now.replace(minute=0, second=0, microsecond=0),
        channel=channel[:16],
        language=language[:8],
        outcome=understood.outcome.value,
        intent=understood.intent[:32],
        detail=understood.detail[:64],
        count=1,
    )
    await db.execute(
        statement.on_conflict_do_update(
            index_elements=["hour", "channel", "language", "outcome", "intent", "detail"],
            set_={"count": TurnCount.__table__.c.count + 1},
        )
    )
