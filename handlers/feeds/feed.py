"""The two feeds as calendars read them: their bytes, and the validators (ETag, Last-Modified)
that let a calendar poll often and be answered "not modified" while nothing changed.

The ETag is a digest of the bytes (the ICS is the same for the same programme: see
`handlers.schedule.ics.to_ics`), so a change of anything shown (a session, the agenda, the
delegate's language) changes it. Last-Modified is when this ETag was first served, kept beside
the feed: then it moves with every change too, even one that leaves no date behind (a session
taken out of the agenda).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import CalendarFeed, Delegate, Meta
from handlers.agenda import store as agenda_store
from handlers.core.language import SUPPORTED
from handlers.deps import Deps
from handlers.feeds import tokens
from handlers.schedule.ics import revision_of, to_ics
from handlers.schedule.model import row_from_model

# How often calendars are asked to poll (most poll at their own pace whatever this says).
REFRESH = timedelta(minutes=30)
UID_DOMAIN = "confbot"
PROGRAMME_PATH = "/calendar/programme.ics"
AGENDA_PATH = "/calendar/agenda/{token}.ics"


@dataclass(frozen=True)
class Feed:
    body: bytes
    etag: str  # without the quotes of the header
    modified: datetime  # UTC, whole seconds, as HTTP dates carry them


def programme_url(public_url: str, language: str) -> str:
    return f"{public_url}{PROGRAMME_PATH}?lang={quote(language)}"


def agenda_url(public_url: str, token: str) -> str:
    return public_url + AGENDA_PATH.format(token=token)


async def programme_feed(deps: Deps, db: AsyncSession, language: str) -> Feed:
    """The whole programme in `language` (fr, ja or en; ValueError otherwise)."""
    if language not in SUPPORTED:
        raise ValueError(f"unknown language {language!r}")
    sessions, sample = await deps.programme.get(db)
    body = to_ics(
        [row_from_model(s) for s in sessions],
        deps.tz,
        language=language,
        calendar_name=deps.t(language, "feed-programme-name"),
        description=deps.t(language, "programme-sample-notice") if sample else "",
        uid_domain=UID_DOMAIN,
        revisions={s.id: revision_of(s) for s in sessions},
        refresh=REFRESH,
    )
    key = f"feed:programme:{language}"
    meta = await db.get(Meta, key)
    stored: dict[str, Any] = meta.value if meta is not None else {}
    since = datetime.fromisoformat(stored["modified"]) if stored.get("modified") else None
    feed, changed = _validated(body, stored.get("etag", ""), since, deps.clock())
    if changed:
        value = {"etag": feed.etag, "modified": feed.modified.isoformat()}
        if meta is None:
            db.add(Meta(key=key, value=value))
        else:
            meta.value = value
    return feed


async def agenda_feed(deps: Deps, db: AsyncSession, token: str) -> Feed | None:
    """The agenda of the delegate whose feed has this token, in their language; None when no
    feed has it (never issued, replaced by a newer one, or the delegate was forgotten)."""
    feed_row = await tokens.by_token(db, token)
    if feed_row is None:
        return None
    delegate = await db.get(Delegate, feed_row.delegate_id)
    if delegate is None:
        return None
    language = delegate.language if delegate.language in SUPPORTED else deps.default_language
    sessions = await agenda_store.agenda_sessions(db, delegate.id)
    body = to_ics(
        [row_from_model(s) for s in sessions],
        deps.tz,
        language=language,
        calendar_name=deps.t(language, "agenda-calendar-name"),
        uid_domain=UID_DOMAIN,
        revisions={s.id: revision_of(s) for s in sessions},
        refresh=REFRESH,
    )
    return _record(feed_row, body, deps.clock())


def _record(row: CalendarFeed, body: bytes, now: datetime) -> Feed:
    feed, changed = _validated(body, row.etag, row.modified_at, now)
    if changed:
        row.etag, row.modified_at = feed.etag, feed.modified
    return feed


def _validated(
    body: bytes, etag: str, modified: datetime | None, now: datetime
) -> tuple[Feed, bool]:
    """The feed with its validators, and whether they changed since they were last served.

    A new version's Last-Modified is a whole second later than the last one's at least: a
    calendar that polled within the second of a change must not be told "not modified"."""
    digest = hashlib.sha256(body).hexdigest()[:32]
    if digest == etag and modified is not None:
        return Feed(body, digest, modified.astimezone(UTC)), False
    moment = now.astimezone(UTC).replace(microsecond=0)
    if modified is not None and moment <= modified:
        moment = modified + timedelta(seconds=1)
    return Feed(body, digest, moment), True
