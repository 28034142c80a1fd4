"""Replies the platform did not take when the turn answered (a 5xx, a timeout, a 429, an expired
LINE reply token): handed to the outbox, which retries them and pushes them to the delegate."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select

from db.models import Delegate, OutboxMessage
from handlers.core.messages import Reply
from handlers.deps import Deps
from handlers.notify.payloads import ReplyPayload, dump, kind_of

log = logging.getLogger(__name__)


async def hand_over(
    deps: Deps,
    channel: str,
    user_id: str,
    replies: Sequence[Reply],
    *,
    after: float = 0.0,
    skip: int = 0,
) -> bool:
    """Writes the replies as one outbox message to the delegate, due in `after` seconds (a
    429's retry_after); `skip` messages of the first one were delivered already. False when
    they could not be kept (no such delegate, or the database is away): they are lost, and the
    caller says so in its log."""
    if not replies:
        return True
    now = deps.clock()
    payload = ReplyPayload(tuple(replies), skip)
    try:
        async with deps.sessionmaker.begin() as db:
            delegate_id = await db.scalar(
                select(Delegate.id).where(
                    Delegate.channel == channel, Delegate.channel_user_id == user_id
                )
            )
            if delegate_id is None:
                return False
            db.add(
                OutboxMessage(
                    delegate_id=delegate_id,
                    channel=channel,
                    kind=kind_of(payload),
                    payload=dump(payload),
                    due_at=now + timedelta(seconds=max(after, 0.0)),
                    created_at=now,
                )
            )
    except Exception:
        log.exception("%s: replies to %s could not be handed to the outbox", channel, user_id)
        return False
    return True
