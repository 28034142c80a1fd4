"""What every webhook channel shares: metrics, the bounded task runner, and the conversation
turn with its exactly-once record of the update and its apology on failure.

The platforms want a quick answer to each webhook (Telegram retries a webhook that does not
answer; LINE drops the request after a few seconds), so the route only checks the request and
hands the update to `UpdateRunner`; the work happens in a task.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from sqlalchemy import delete, select

from bot.app import App
from db.models import Delegate, ProcessedUpdate
from handlers.core.language import normalise_hint
from handlers.core.messages import AlreadyHandled, Incoming, Reply, ReplyKind
from handlers.core.store import record_update

log = logging.getLogger(__name__)


class Metrics:
    """Prometheus series of one server (its own registry, so that tests can run several)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.updates = Counter(
            "confbot_updates_received",
            "Updates (Telegram updates, LINE events) received, by channel.",
            ["channel"],
            registry=self.registry,
        )
        self.duplicates = Counter(
            "confbot_updates_duplicate",
            "Updates already processed (redeliveries, other replicas): not answered again.",
            ["channel"],
            registry=self.registry,
        )
        self.replies = Counter(
            "confbot_replies_sent",
            "Messages sent to delegates, by channel.",
            ["channel"],
            registry=self.registry,
        )
        self.errors = Counter(
            "confbot_errors",
            "Failures, by channel and stage (handler, send, webhook, record).",
            ["channel", "stage"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "confbot_reply_latency_seconds",
            "Time from receiving an update to the platform accepting the reply.",
            ["channel"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "confbot_updates_in_flight", "Updates being handled now.", registry=self.registry
        )

    def channel(self, name: str) -> ChannelMetrics:
        return ChannelMetrics(self, name)


class ChannelMetrics:
    """The series of one channel, with their labels bound once (not at every update)."""

    STAGES = ("handler", "send", "webhook", "record")

    def __init__(self, metrics: Metrics, channel: str) -> None:
        self.updates = metrics.updates.labels(channel)
        self.duplicates = metrics.duplicates.labels(channel)
        self.replies = metrics.replies.labels(channel)
        self.latency = metrics.latency.labels(channel)
        self.in_flight = metrics.in_flight
        self._errors = {stage: metrics.errors.labels(channel, stage) for stage in self.STAGES}

    def error(self, stage: str) -> None:
        self._errors[stage].inc()


class KeyedLocks:
    """One lock per key (a delegate), dropped when nobody holds or waits for it.

    Updates of one delegate then run one after the other, in the order they came (asyncio.Lock
    is fair): replies keep the order of the questions, and a delegate's first two messages do
    not both try to create the delegate.
    """

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(key) or (asyncio.Lock(), 0)
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            _, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)


class UpdateRunner:
    """Runs update handling in tasks, at most `limit` at a time, and waits for them at shutdown.

    The route waits for a free slot before it acknowledges: when the bot is saturated the
    platform sees slower acknowledgements (and Telegram sends fewer updates at once) instead of
    the server piling up unbounded work. Updates with the same `key` run in order (KeyedLocks).
    """

    def __init__(self, limit: int) -> None:
        self._slots = asyncio.Semaphore(limit)
        self._tasks: set[asyncio.Task[None]] = set()
        self.locks = KeyedLocks()
        self.closing = False

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    async def submit(self, work: Coroutine[Any, Any, None], *, name: str, key: str) -> None:
        await self._slots.acquire()
        task = asyncio.create_task(self._run(work, name, key), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, work: Coroutine[Any, Any, None], name: str, key: str) -> None:
        try:
            async with self.locks.hold(key):
                await work
        except Exception:
            log.exception("update task %s failed", name)
        finally:
            self._slots.release()

    async def wait_idle(self) -> None:
        """Returns once no update is being handled (tests, benchmarks)."""
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    async def drain(self, grace: float) -> None:
        """Stops taking updates and waits for those in flight (cancels them after `grace` s)."""
        self.closing = True
        if not self._tasks:
            return
        log.info("waiting for %d update(s) in flight", len(self._tasks))
        _done, pending = await asyncio.wait(set(self._tasks), timeout=grace)
        for task in pending:
            log.error(
                "update task %s still running after %.0f s: cancelled", task.get_name(), grace
            )
            task.cancel()
        if pending:
            await asyncio.wait(pending)


async def prune_processed(app: App, keep: timedelta = timedelta(days=7)) -> int:
    """Forgets update ids older than `keep`, far beyond the platforms' redelivery: Telegram keeps
    an undelivered update for 24 hours (https://core.telegram.org/bots/api#getting-updates)."""
    async with app.engine.begin() as conn:
        result = await conn.execute(
            delete(ProcessedUpdate).where(ProcessedUpdate.received_at < datetime.now(UTC) - keep)
        )
    return int(result.rowcount or 0)


async def converse(
    app: App, metrics: ChannelMetrics, message: Incoming, update_ref: str
) -> list[Reply] | None:
    """One turn of the conversation; on failure, the apology in the delegate's language.

    None when the update was already handled (a redelivery, or another server process took it):
    the caller sends nothing.
    """
    try:
        return await app.handler.handle(message)
    except AlreadyHandled:
        return None
    except Exception:
        metrics.error("handler")
        log.exception("handler failed on %s update %s", message.channel, update_ref)
    if message.update_id is not None and not await _record_alone(app, metrics, message, update_ref):
        return None
    lang = await _delegate_language(app, message)
    return [Reply(ReplyKind.ERROR, app.deps.t(lang, "error-apology"), lang)]


async def _record_alone(
    app: App, metrics: ChannelMetrics, message: Incoming, update_ref: str
) -> bool:
    """A failed turn rolled back its record of the update: recorded now on its own, so that a
    redelivery gets no second apology. True also when the database cannot be reached: a
    delegate is better told sorry twice than left without an answer."""
    assert message.update_id is not None
    try:
        async with app.sessionmaker.begin() as db:
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


async def _delegate_language(app: App, message: Incoming) -> str:
    stored: str | None = None
    try:
        async with app.sessionmaker() as db:
            stored = await db.scalar(
                select(Delegate.language).where(
                    Delegate.channel == message.channel,
                    Delegate.channel_user_id == message.user_id,
                )
            )
    except Exception:  # the database may be what failed: the hint will do
        log.warning("could not read the language of %s:%s", message.channel, message.user_id)
    return stored or normalise_hint(message.language_hint) or app.settings.default_language
