"""Messages held back by LINE's monthly quota: they go, free, with the reply to the delegate's
next message (replies do not count against the quota)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from db.models import Delegate, OutboxMessage, OutboxStatus
from handlers.core.messages import Reply
from handlers.deps import Deps
from handlers.notify.render import render_row


class _AnyWaiting:
    """Whether any message waits for LINE's quota at all, asked at most every 5 seconds: most of
    the time none does, and a reply need not look for them."""

    def __init__(self) -> None:
        self.at = -1e9
        self.value = False

    async def __call__(self, deps: Deps) -> bool:
        if time.monotonic() - self.at > 5.0:
            async with deps.sessionmaker() as db:
                found = await db.scalar(
                    select(OutboxMessage.id)
                    .where(OutboxMessage.status == OutboxStatus.WAITING_QUOTA)
                    .limit(1)
                )
            self.at, self.value = time.monotonic(), found is not None
        return self.value


any_waiting = _AnyWaiting()


async def take_waiting(
    deps: Deps, channel: str, user_id: str, *, limit: int = 4
) -> tuple[list[int], list[Reply]]:
    """Messages held back by LINE's monthly quota, to go (free) with a reply to this delegate.

    They are claimed like any row, so no other worker sends them meanwhile; `settle_waiting`
    records whether the reply carried them."""
    if not await any_waiting(deps):
        return [], []
    now = datetime.now(UTC)
    async with deps.sessionmaker.begin() as db:
        delegate = await db.scalar(
            select(Delegate).where(Delegate.channel == channel, Delegate.channel_user_id == user_id)
        )
        if delegate is None:
            return [], []
        rows = list(
            await db.scalars(
                select(OutboxMessage)
                .where(
                    OutboxMessage.delegate_id == delegate.id,
                    OutboxMessage.status == OutboxStatus.WAITING_QUOTA,
                )
                .order_by(OutboxMessage.id)
                .limit(limit)
            )
        )
        replies: list[Reply] = []
        ids: list[int] = []
        language = delegate.language or deps.default_language
        for row in rows:
            rendered = await render_row(deps, db, row, language, {})
            row.status, row.claimed_until = OutboxStatus.SENDING, now + timedelta(minutes=2)
            ids.append(row.id)
            replies.extend(rendered)
        return ids, replies


async def settle_waiting(deps: Deps, ids: Sequence[int], delivered: bool) -> None:
    if not ids:
        return
    async with deps.sessionmaker.begin() as db:
        await db.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(list(ids)))
            .values(
                status=OutboxStatus.SENT if delivered else OutboxStatus.WAITING_QUOTA,
                sent_at=datetime.now(UTC) if delivered else None,
                claimed_until=None,
            )
        )
