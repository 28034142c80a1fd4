"""The outbox gauges (how many messages wait, for how long, what is left of LINE's quota),
kept current by whichever process dispatches: a scrape of /metrics runs no query."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select

from bot.metrics import OutboxMetrics
from db.models import OutboxMessage, OutboxStatus
from handlers.deps import Deps

log = logging.getLogger(__name__)

REFRESH_SECONDS = 15.0  # a Prometheus scrape interval; LINE's quota is read as often


class OutboxWatch:
    def __init__(
        self,
        deps: Deps,
        metrics: OutboxMetrics,
        clock: Callable[[], datetime],
        every: float = REFRESH_SECONDS,
    ) -> None:
        self.deps, self.metrics, self.clock, self.every = deps, metrics, clock, every

    async def refresh(self) -> None:
        """Counts the messages not sent yet, by state, and the wait of the oldest one due."""
        now = self.clock()
        table = OutboxMessage
        async with self.deps.sessionmaker() as db:
            by_status = dict(
                (
                    await db.execute(
                        select(table.status, func.count())
                        .where(
                            table.status.in_(
                                [
                                    OutboxStatus.PENDING,
                                    OutboxStatus.SENDING,
                                    OutboxStatus.WAITING_QUOTA,
                                ]
                            )
                        )
                        .group_by(table.status)
                    )
                ).all()
            )
            due, oldest = (
                await db.execute(
                    select(func.count(), func.min(table.due_at)).where(
                        table.status == OutboxStatus.PENDING, table.due_at <= now
                    )
                )
            ).one()
            sending_since = await db.scalar(
                select(func.min(table.due_at)).where(table.status == OutboxStatus.SENDING)
            )
        depth = self.metrics.depth
        depth.labels("due").set(due)
        depth.labels("scheduled").set(by_status.get(OutboxStatus.PENDING, 0) - due)
        depth.labels("sending").set(by_status.get(OutboxStatus.SENDING, 0))
        depth.labels("waiting_quota").set(by_status.get(OutboxStatus.WAITING_QUOTA, 0))
        starts = [moment for moment in (oldest, sending_since) if moment is not None]
        age = (now - min(starts)).total_seconds() if starts else 0.0
        self.metrics.oldest_age.set(max(age, 0.0))
        quota = await self.deps.quota.line_quota()
        remaining = quota.remaining if quota is not None else None
        self.metrics.line_quota_remaining.set(-1 if remaining is None else remaining)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.refresh()
            except Exception as exc:  # the database may be away: the next round will tell
                log.warning("outbox gauges not refreshed: %s", exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.every)
