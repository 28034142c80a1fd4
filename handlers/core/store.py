"""What every turn reads and writes: the update record, the delegate, the audit log."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar, cast

from sqlalchemy import CursorResult, Insert, Table, bindparam, insert, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached

from db.models import AuditLog, Delegate, ProcessedUpdate, TurnCount
from handlers.core.understanding import Understanding

T = TypeVar("T")

LAST_SEEN_EVERY = timedelta(minutes=5)

# Every turn runs these: built once, with bound parameters, so that SQLAlchemy reuses their
# compiled form instead of building and hashing a new statement each time (about a third of a
# turn's database time in bench/understanding_eval.py's timings).
_FIND_DELEGATE = select(Delegate).where(
    Delegate.channel == bindparam("channel"), Delegate.channel_user_id == bindparam("user_id")
)
# A first contact: a Core INSERT … RETURNING every column, and the row made into the ORM object
# without another statement: 1.7 ms of CPU, where the ORM's own INSERT … RETURNING took 2.7 ms
# (500 first contacts on SQLite; add() and flush() cost more still).
_DELEGATES = cast(Table, Delegate.__table__)
_CREATE_DELEGATE = (
    insert(_DELEGATES)
    .values(
        channel=bindparam("channel"),
        channel_user_id=bindparam("user_id"),
        display_name=bindparam("display_name"),
        language=bindparam("language"),
        first_seen=bindparam("now"),
        last_seen=bindparam("now"),
    )
    .returning(*_DELEGATES.c)
)
_TURN_COUNT_KEY = ["hour", "channel", "language", "outcome", "intent", "detail"]


def _count_turn(dialect: Any) -> Insert:
    table = TurnCount.__table__
    statement = dialect.insert(table).values(
        {**{name: bindparam(name) for name in _TURN_COUNT_KEY}, "count": 1}
    )
    return statement.on_conflict_do_update(  # type: ignore[no-any-return]
        index_elements=_TURN_COUNT_KEY, set_={"count": table.c.count + 1}
    )


_COUNT_TURN = {"postgresql": _count_turn(postgresql), "sqlite": _count_turn(sqlite)}


def _upsert_dialect(db: AsyncSession) -> str:
    """Which of the prepared upserts fits the database: ON CONFLICT is written per dialect."""
    return "postgresql" if db.get_bind().dialect.name == "postgresql" else "sqlite"


def _record_update(dialect: Any) -> Insert:
    statement = dialect.insert(ProcessedUpdate.__table__).values(
        channel=bindparam("channel"),
        update_id=bindparam("update_id"),
        received_at=bindparam("received_at"),
    )
    return statement.on_conflict_do_nothing(  # type: ignore[no-any-return]
        index_elements=["channel", "update_id"]
    )


_RECORD_UPDATE = {"postgresql": _record_update(postgresql), "sqlite": _record_update(sqlite)}


async def record_update(db: AsyncSession, *, channel: str, update_id: str, now: datetime) -> bool:
    """Records a platform update id in the caller's transaction; False when it is already there.

    The unique key decides, so this holds across server processes sharing one database: on
    PostgreSQL a second transaction inserting the same id waits for the first, then inserts
    nothing if it committed. ON CONFLICT DO NOTHING keeps the transaction usable either way.
    """
    result = await db.execute(
        _RECORD_UPDATE[_upsert_dialect(db)],
        {"channel": channel, "update_id": update_id[:64], "received_at": now},
    )
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
    delegate = await db.scalar(_FIND_DELEGATE, {"channel": channel, "user_id": user_id})
    if delegate is None:
        row = await db.execute(
            _CREATE_DELEGATE,
            {
                "channel": channel,
                "user_id": user_id,
                "display_name": display_name[:256],
                "language": language,
                "now": now,
            },
        )
        created = Delegate(**row.one()._asdict())
        make_transient_to_detached(created)  # persistent once added: loaded, nothing to flush
        db.add(created)
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
    await db.execute(
        _COUNT_TURN[_upsert_dialect(db)],
        {
            "hour": now.replace(minute=0, second=0, microsecond=0),
            "channel": channel[:16],
            "language": language[:8],
            "outcome": understood.outcome.value,
            "intent": understood.intent[:32],
            "detail": understood.detail[:64],
        },
    )
