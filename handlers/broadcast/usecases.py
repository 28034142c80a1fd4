"""Broadcasts as organisers make them, from the chat, the command line or the web console:
preview (who, how many, the LINE messages it uses), then create (one outbox message each)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Broadcast, BroadcastStatus, OutboxKind, OutboxMessage, OutboxStatus
from handlers.broadcast.audience import Audience, Summary, recipients, summarise
from handlers.broadcast.quota import LineQuota, QuotaSource
from handlers.core import store as core_store
from handlers.notify.payloads import BroadcastPayload, dump

LINE = "line"  # the platform whose pushed messages count against a monthly quota


@dataclass(frozen=True)
class Preview:
    audience: Audience
    summary: Summary
    quota: LineQuota | None  # None: LINE is not set up, or did not answer in time

    @property
    def line_messages(self) -> int:
        """LINE counts every pushed message per recipient."""
        return self.summary.by_channel.get(LINE, 0)

    @property
    def line_missing(self) -> int:
        """Messages beyond the quota left: they wait for the delegate's next message."""
        if self.quota is None or self.quota.remaining is None:
            return 0
        return max(self.line_messages - self.quota.remaining, 0)


async def preview(
    db: AsyncSession,
    audience: Audience,
    *,
    default_language: str,
    pushable: frozenset[str],
    quota: QuotaSource,
) -> Preview:
    people = await recipients(db, audience, default_language, pushable)
    summary = summarise(people, default_language)
    line_quota = await quota.line_quota() if summary.by_channel.get(LINE) else None
    return Preview(audience, summary, line_quota)


async def create_broadcast(
    db: AsyncSession,
    *,
    texts: dict[str, str],
    audience: Audience,
    actor: str,
    reporter_id: int | None,
    send_at: datetime,
    now: datetime,
    default_language: str,
    pushable: frozenset[str],
) -> tuple[Broadcast, Summary]:
    """The broadcast, one outbox message per recipient and its audit line, in the caller's
    transaction."""
    delegates = await recipients(db, audience, default_language, pushable)
    broadcast = Broadcast(
        created_at=now,
        created_by=actor,
        reporter_id=reporter_id,
        texts={k: v for k, v in texts.items() if v},
        audience=audience.as_dict(),
        status=BroadcastStatus.SCHEDULED,
        send_at=send_at,
        recipients=len(delegates),
    )
    db.add(broadcast)
    await db.flush()
    rows: list[dict[str, Any]] = [
        {
            "delegate_id": d.id,
            "channel": d.channel,
            "kind": OutboxKind.BROADCAST,
            "payload": dump(BroadcastPayload(broadcast.id)),
            "group_key": f"broadcast:{broadcast.id}",
            "status": OutboxStatus.PENDING,
            "due_at": send_at,
            "created_at": now,
            "attempts": 0,
            "error": "",
        }
        for d in delegates
    ]
    if rows:
        await db.execute(insert(OutboxMessage), rows)
    summary = summarise(delegates, default_language)
    core_store.audit(
        db,
        actor=actor,
        action="broadcast.create",
        now=now,
        broadcast=broadcast.id,
        audience=str(audience),
        recipients=summary.total,
    )
    return broadcast, summary


class NotCancellable(ValueError):
    """The broadcast is unknown, already sent (in part), done or cancelled."""


async def cancel_broadcast(
    db: AsyncSession, broadcast_id: int, *, actor: str, now: datetime
) -> int:
    """Withdraws a scheduled broadcast before it goes out: its messages are deleted; how many.
    One that has started to go out is not cancelled (part of the audience has it)."""
    broadcast = await db.get(Broadcast, broadcast_id, with_for_update=True)
    if broadcast is None or broadcast.status is not BroadcastStatus.SCHEDULED:
        raise NotCancellable(broadcast_id)
    group = f"broadcast:{broadcast_id}"
    started = await db.scalar(
        select(func.count()).where(
            OutboxMessage.group_key == group, OutboxMessage.status != OutboxStatus.PENDING
        )
    )
    if started:
        raise NotCancellable(broadcast_id)
    result = await db.execute(delete(OutboxMessage).where(OutboxMessage.group_key == group))
    broadcast.status = BroadcastStatus.CANCELLED
    removed = int(getattr(result, "rowcount", 0) or 0)
    core_store.audit(
        db, actor=actor, action="broadcast.cancel", now=now, broadcast=broadcast_id, removed=removed
    )
    return removed


@dataclass(frozen=True)
class Delivery:
    """Where a broadcast's messages are: the web console shows it while it goes out."""

    broadcast: Broadcast
    counts: dict[OutboxStatus, int]

    @property
    def finished(self) -> int:
        done = (OutboxStatus.SENT, OutboxStatus.FAILED, OutboxStatus.BLOCKED)
        return sum(self.counts.get(status, 0) for status in done)

    @property
    def percent(self) -> int:
        total = self.broadcast.recipients
        return 100 if not total else min(100, round(100 * self.finished / total))


async def recent_deliveries(db: AsyncSession, limit: int = 30) -> list[Delivery]:
    broadcasts = (
        await db.scalars(select(Broadcast).order_by(Broadcast.id.desc()).limit(limit))
    ).all()
    if not broadcasts:
        return []
    groups = {f"broadcast:{b.id}": b.id for b in broadcasts}
    counts: dict[int, dict[OutboxStatus, int]] = {b.id: {} for b in broadcasts}
    rows = await db.execute(
        select(OutboxMessage.group_key, OutboxMessage.status, func.count())
        .where(OutboxMessage.group_key.in_(list(groups)))
        .group_by(OutboxMessage.group_key, OutboxMessage.status)
    )
    for group, status, count in rows:
        counts[groups[group]][status] = count
    return [Delivery(b, counts[b.id]) for b in broadcasts]


async def same_recent_broadcast(
    db: AsyncSession,
    *,
    actor: str,
    texts: dict[str, str],
    audience: Audience,
    since: datetime,
) -> Broadcast | None:
    """The same announcement by the same organiser since `since`: a form sent twice (a double
    click, a reload) must not reach the delegates twice."""
    wanted = {k: v for k, v in texts.items() if v}
    recent = await db.scalars(
        select(Broadcast).where(Broadcast.created_by == actor, Broadcast.created_at >= since)
    )
    return next((b for b in recent if b.texts == wanted and b.audience == audience.as_dict()), None)
