"""A conversation turn as every channel runs it: exactly once per update, with an apology in
the delegate's language when it fails."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from bot.metrics import ChannelMetrics
from db.models import Delegate, ProcessedUpdate
from handlers.core.language import normalise_hint
from handlers.core.messages import AlreadyHandled, Incoming, Reply, ReplyKind
from handlers.core.store import record_update

if TYPE_CHECKING:
    from handlers.core.conversation import Conversation
    from handlers.deps import Deps

log = logging.getLogger(__name__)


async def prune_processed(deps: Deps, keep: timedelta = timedelta(days=7)) -> int:
    """Forgets update ids older than `keep`, far beyond the platforms' redelivery: Telegram keeps
    an undelivered update for 24 hours (https://core.telegram.org/bots/api#getting-updates)."""
    async with deps.sessionmaker.begin() as db:
        result = await db.execute(
            delete(ProcessedUpdate).where(ProcessedUpdate.received_at < datetime.now(UTC) - keep)
        )
    return int(getattr(result, "rowcount", 0) or 0)


async def converse(
    conversation: Conversation, metrics: ChannelMetrics, message: Incoming, update_ref: str
) -> list[Reply] | None:
    """One turn of the conversation; on failure, the apology in the delegate's language.

    None when the update was already handled (a redelivery, or another server process took it):
    the caller sends nothing.
    """
    try:
        return await conversation.handle(message)
    except AlreadyHandled:
        return None
    except Exception:
        metrics.error("handler")
        log.exception("handler failed on %s update %s", message.channel, update_ref)
    deps = conversation.deps
    if message.update_id is not None and not await _record_alone(
        deps, metrics, message, update_ref
    ):
        return None
    lang = await _delegate_language(deps, message)
    return [Reply(ReplyKind.ERROR, deps.t(lang, "error-apology"), lang)]


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
