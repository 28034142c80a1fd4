"""Who may use the organisers' web console: single-use sign-in links given in chat (or by the
command line) and the browser sessions they open. Tokens are random; only their SHA-256 is
stored, so reading the database opens nothing."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ConsoleLink, ConsoleSession, Delegate, Role
from handlers.core.store import audit

LINK_LIFETIME = timedelta(minutes=10)
SIGN_IN_PATH = "/organisers/sign-in/"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def actor_of(delegate: Delegate) -> str:
    """How the audit log names an organiser (as the chat and the command line do)."""
    return f"{delegate.channel}:{delegate.channel_user_id}"


@dataclass(frozen=True)
class SignedIn:
    """A console session as the web pages see it."""

    session_id: int
    delegate_id: int
    actor: str
    name: str
    language: str
    csrf: str


async def issue_link(
    db: AsyncSession, delegate: Delegate, *, base_url: str, now: datetime
) -> str | None:
    """A sign-in link for an organiser, valid LINK_LIFETIME and once; None for anyone else."""
    if delegate.role is not Role.ORGANISER:
        return None
    token = secrets.token_urlsafe(32)
    db.add(
        ConsoleLink(
            token_hash=_hash(token),
            delegate_id=delegate.id,
            created_at=now,
            expires_at=now + LINK_LIFETIME,
        )
    )
    audit(db, actor=actor_of(delegate), action="console.link", now=now)
    await db.flush()
    return f"{base_url.rstrip('/')}{SIGN_IN_PATH}{token}"


async def redeem_link(
    db: AsyncSession, token: str, *, language: str, now: datetime
) -> tuple[str, SignedIn] | None:
    """Opens a session from a link: the session's cookie token and the session; None when the
    link is unknown, used, expired, or its organiser is an organiser no more."""
    link = await db.scalar(
        select(ConsoleLink).where(ConsoleLink.token_hash == _hash(token)).with_for_update()
    )
    if link is None or link.used_at is not None or link.expires_at <= now:
        return None
    link.used_at = now
    delegate = await db.get(Delegate, link.delegate_id)
    if delegate is None or delegate.role is not Role.ORGANISER:
        return None
    cookie = secrets.token_urlsafe(32)
    session = ConsoleSession(
        token_hash=_hash(cookie),
        delegate_id=delegate.id,
        csrf=secrets.token_urlsafe(24),
        language=language,
        created_at=now,
        last_seen=now,
    )
    db.add(session)
    audit(db, actor=actor_of(delegate), action="console.sign-in", now=now)
    await db.flush()
    return cookie, _signed_in(session, delegate)


async def session_for(
    db: AsyncSession, cookie: str, *, idle: timedelta, now: datetime
) -> SignedIn | None:
    """The session of a cookie if it is live and its organiser still one; an idle or orphaned
    session is closed on the way."""
    session = await db.scalar(
        select(ConsoleSession).where(ConsoleSession.token_hash == _hash(cookie))
    )
    if session is None:
        return None
    delegate = await db.get(Delegate, session.delegate_id)
    if delegate is None or delegate.role is not Role.ORGANISER or now - session.last_seen > idle:
        await db.delete(session)
        return None
    # Written at most once a minute: every page view would otherwise be a write.
    if now - session.last_seen > timedelta(minutes=1):
        session.last_seen = now
    return _signed_in(session, delegate)


async def set_language(db: AsyncSession, session_id: int, language: str) -> None:
    session = await db.get(ConsoleSession, session_id)
    if session is not None:
        session.language = language


async def sign_out(
    db: AsyncSession, signed_in: SignedIn, *, everywhere: bool, now: datetime
) -> int:
    """Closes this session, or every session of the organiser; how many were closed."""
    where = (
        ConsoleSession.delegate_id == signed_in.delegate_id
        if everywhere
        else ConsoleSession.id == signed_in.session_id
    )
    closed = len((await db.scalars(select(ConsoleSession.id).where(where))).all())
    await db.execute(delete(ConsoleSession).where(where))
    action = "console.sign-out-everywhere" if everywhere else "console.sign-out"
    audit(db, actor=signed_in.actor, action=action, now=now)
    return closed


def _signed_in(session: ConsoleSession, delegate: Delegate) -> SignedIn:
    return SignedIn(
        session_id=session.id,
        delegate_id=delegate.id,
        actor=actor_of(delegate),
        name=delegate.display_name or actor_of(delegate),
        language=session.language,
        csrf=session.csrf,
    )
