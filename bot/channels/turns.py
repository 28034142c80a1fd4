"""A conversation turn as every channel runs it: exactly once per update; run again when the
database could not be reached; with an apology in the delegate's language when it fails."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from bot.metrics import ChannelMetrics
from db.errors import unavailable
from db.models import Delegate, ProcessedUpdate
from handlers.core.language import normalise_hint
from handlers.core.messages import AlreadyHandled, Incoming, Reply, ReplyKind
from handlers.core.store import record_update

if TYPE_CHECKING:
    from handlers.core.conversation import Conversation, Response
    from handlers.deps import Deps

log = logging.getLogger(__name__)

Pause = Callable[[float], Awaitable[None]]
"""How a turn waits before running again: `UpdateRunner.pause` gives its slot up meanwhile."""

# A turn that met an unreachable database runs again after these waits (doubling, at most
# RETRY_WAIT_MAX), for up to RETRY_SECONDS: the update was acknowledged to the platform, which
# will not send it again, so it is answered when the database is back. Past that the delegate
# gets the apology (and the update is not recorded: the database is still away).
RETRY_FIRST_WAIT = 0.25
RETRY_WAIT_MAX = 5.0
RETRY_SECONDS = 120.0


async def prune_processed(deps: Deps, keep: timedelta = timedelta(days=7)) -> int:
    """Forgets update ids older than `keep`, far beyond the platforms' redelivery: Telegram keeps
    an undelivered update for 24 hours (https://core.telegram.org/bots/api#getting-updates)."""
    async with deps.sessionmaker.begin() as db:
        result = await db.execute(
            delete(ProcessedUpdate).where(ProcessedUpdate.received_at < datetime.now(UTC) - keep)
        )
    return int(getattr(result, "rowcount", 0) or 0)


async def converse(
    conversation: Conversation,
    metrics: ChannelMetrics,
    message: Incoming,
    update_ref: str,
    *,
    pause: Pause = asyncio.sleep,
    public: bool = False,
) -> list[Reply] | None:
    """One turn of the conversation (`public`: a command in a group, public content only); on
    failure, the apology in the delegate's language.

    A turn that could not reach the database rolled back, so the update is not marked handled:
    it runs again, after `pause`, until it commits (or RETRY_SECONDS have passed). None when the
    update was already handled (a redelivery, or another server process took it): the caller
    sends nothing.
    """
    wait, deadline = RETRY_FIRST_WAIT, time.monotonic() + RETRY_SECONDS
    retried = recorded = False
    while True:
        try:
            response = await _respond(conversation, message, public)
        except AlreadyHandled:
            if not retried:
                return None
            # The connection broke while the turn committed, and the commit went through: its
            # replies are gone with it. Rare; the delegate is asked to say it again.
            log.warning("%s: committed as the database went away; apologising", update_ref)
            recorded = True
            break
        except Exception as exc:
            if unavailable(exc) and time.monotonic() + wait < deadline:
                metrics.error("database")
                log.warning(
                    "%s: the database is unavailable (%s: %s); the turn runs again in %.2f s",
                    update_ref,
                    type(exc).__name__,
                    str(exc)[:200],
                    wait,
                )
                await pause(wait)
                wait, retried = min(wait * 2, RETRY_WAIT_MAX), True
                continue
            metrics.error("handler")
            log.exception("handler failed on %s update %s", message.channel, update_ref)
            break
        metrics.understood(response.understood)
        return response.replies
    deps = conversation.deps
    if (
        not recorded
        and message.update_id is not None
        and not await _record_alone(deps, metrics, message, update_ref)
    ):
        return None
    lang = await _delegate_language(deps, message)
    return [Reply(ReplyKind.ERROR, deps.t(lang, "error-apology"), lang)]


async def _respond(conversation: Conversation, message: Incoming, public: bool) -> Response:
    if public:
        return await conversation.respond_public(message)
    return await conversation.respond(message)


async def slow_down(deps: Deps, message: Incoming) -> Reply:
    """The one reply a delegate gets when they send faster than they are answered and their
    waiting messages overflow: the ones dropped are not answered."""
    lang = await _delegate_language(deps, message)
    return Reply(ReplyKind.ERROR, deps.t(lang, "slow-down"), lang)


async def _record_alone(
    deps: Deps, metrics: ChannelMetrics, message: Incoming, update_ref: str
) -> bool:
    """A failed turn rolled back its record of the update: recorded now on its own, so that a
    redelivery gets no second apology. True also when the database cannot be reached: a
    delegate is better told sorry twice than left without an answer."""
    assert message.update_id is not None
    try:
        async with deps.sessionmaker.begin() as db:
            return await record_update(
                db,
                channel=message.channel,
                update_id=message.update_id,
                now=datetime.now(UTC),
            )
    except Exception:
        metrics.error("record")
        log.warning("could not record %s update %s", message.channel, update_ref)
        return True


async def _delegate_language(deps: Deps, message: Incoming) -> str:
    stored: str | None = None
    try:
        async with deps.sessionmaker() as db:
            stored = await db.scalar(
                select(Delegate.language).where(
                    Delegate.channel == message.channel,
                    Delegate.channel_user_id == message.user_id,
                )
            )
    except Exception:  # the database may be what failed: the hint will do
        log.warning("could not read the language of %s:%s", message.channel, message.user_id)
    return stored or normalise_hint(message.language_hint) or deps.default_language
