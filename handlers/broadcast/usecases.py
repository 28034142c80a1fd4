"""Broadcasts as organisers make them, from the chat, the command line or the web console:
preview (who, how many, the LINE messages it uses), then create (one outbox message each)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert
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
