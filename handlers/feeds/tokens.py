"""The token of a delegate's personal feed URL: random (never derived from an id, so that no
URL can be guessed from another), one at a time, replaced on request and erased with the
delegate (/forget: the row goes with them, ON DELETE CASCADE)."""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import CalendarFeed

# 24 random bytes: 192 bits, written as 32 URL-safe characters.
TOKEN_BYTES = 24
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")


def well_formed(token: str) -> bool:
    """Whether `token` could be one we issue (anything else is not looked up)."""
    return bool(_TOKEN.match(token))


async def current(db: AsyncSession, delegate_id: int) -> CalendarFeed | None:
    return await db.get(CalendarFeed, delegate_id)


async def issue(db: AsyncSession, delegate_id: int, now: datetime) -> CalendarFeed:
    """A new token for the delegate's feed; the previous URL, if any, stops working."""
    feed = await db.get(CalendarFeed, delegate_id)
    if feed is None:
        feed = CalendarFeed(delegate_id=delegate_id)
        db.add(feed)
    feed.token = secrets.token_urlsafe(TOKEN_BYTES)
    feed.created_at = now
    feed.etag, feed.modified_at = "", None
    await db.flush()
    return feed


async def current_or_new(db: AsyncSession, delegate_id: int, now: datetime) -> CalendarFeed:
    return await current(db, delegate_id) or await issue(db, delegate_id, now)


async def revoke(db: AsyncSession, delegate_id: int) -> bool:
    result = await db.execute(delete(CalendarFeed).where(CalendarFeed.delegate_id == delegate_id))
    return bool(getattr(result, "rowcount", 0))


async def by_token(db: AsyncSession, token: str) -> CalendarFeed | None:
    if not well_formed(token):
        return None
    return await db.scalar(select(CalendarFeed).where(CalendarFeed.token == token))
