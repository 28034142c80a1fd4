"""The notification dispatcher: sends what the outbox holds, once, and loses nothing.

Rows are claimed in a transaction (FOR UPDATE SKIP LOCKED on PostgreSQL, so several workers
share the load) with a lease, renewed while they are being sent: a worker killed mid-send leaves
rows whose lease runs out, and the next worker takes them again. Each outcome is written as soon
as the platform answered, so on Telegram only the messages in flight when a worker died (at most
the sender's concurrency) can go out twice. LINE messages carry a retry key kept in the row, so a
retry of a delivered message is answered 409 and never delivered twice.

Each platform has its own loop: LINE's multicasts do not wait for Telegram's rate limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import math
import random
import time
import uuid
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.engine import is_sqlite
from db.models import (
    Broadcast,
    BroadcastStatus,
    Delegate,
    OutboxKind,
    OutboxMessage,
    OutboxStatus,
)
from handlers.core.messages import Reply
from handlers.deps import Deps
from handlers.notify.held import any_waiting
from handlers.notify.payloads import BroadcastPayload, ReplyPayload, ReportPayload, dump, load
from handlers.notify.render import render_row

if TYPE_CHECKING:
    from bot.app import App
    from bot.metrics import OutboxMetrics

log = logging.getLogger(__name__)

OPEN = (OutboxStatus.PENDING, OutboxStatus.SENDING)  # not delivered, not given up


class Status(enum.StrEnum):
    SENT = "sent"
    RETRY = "retry"  # try again after `after` seconds
    WAIT = "wait"  # rate limited: try again after `after` seconds, not counted as an attempt
    BLOCKED = "blocked"  # the delegate blocked the bot
    FAILED = "failed"
    QUOTA = "waiting_quota"  # LINE's monthly quota is used up: goes with the next reply


@dataclass(frozen=True)
class Result:
    status: Status
    after: float = 0.0
    reason: str = ""


@dataclass
class Item:
    """One claimed outbox row, ready to send."""

    row_id: int
    delegate_id: int
    user_id: str
    language: str
    kind: str
    group_key: str
    retry_key: str | None
    replies: list[Reply]
    broadcast_id: int | None = None
    skip: int = 0  # messages of the first reply already delivered (a reply handed over)


Outcomes = Sequence[tuple[Item, Result]]
Record = Callable[[Outcomes], Awaitable[None]]
"""Given to a sender: it reports each outcome as soon as the platform answered, and the outcome
is written before the call returns."""


class ChannelSender(Protocol):
    channel: str
    # Recipients one request can carry the same message to (LINE's multicast: 500); 1 when
    # messages go one by one. Rows of one message share a retry key per batch of that size.
    multicast: int

    async def send(self, items: Sequence[Item], record: Record | None = None) -> dict[int, Result]:
        """Sends the items; reports each outcome to `record` when given; returns them all."""
        ...

    async def close(self) -> None: ...


@dataclass
class DispatcherConfig:
    batch_size: int = 200  # rows one claim takes (Telegram: 8 s of sending at 25 a second)
    # Rows one claim takes for a channel that multicasts: four full LINE multicasts.
    multicast_batch_size: int = 2000
    lease: timedelta = timedelta(seconds=120)  # renewed every third of it while sending
    poll_interval: float = 1.0
    max_attempts: int = 6
    backoff_base: float = 2.0
    backoff_max: float = 300.0


@dataclass
class Stats:
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    retried: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def backoff(attempts: int, config: DispatcherConfig, rng: random.Random) -> float:
    """Exponential, with full jitter between half and all of it (so retries do not align)."""
    ceiling = min(config.backoff_base * 2 ** max(attempts - 1, 0), config.backoff_max)
    return float(ceiling * rng.uniform(0.5, 1.0))


class _Recorder:
    """Writes outcomes while the rest of a batch is still being sent, all those that arrived
    meanwhile in one transaction. What could not be written is written again at the end."""

    def __init__(self, write: Callable[[Outcomes, set[int]], Awaitable[None]]) -> None:
        self._write = write
        self._queue: list[tuple[Item, Result]] = []
        self._waiters: list[asyncio.Future[None]] = []
        self._task: asyncio.Task[None] | None = None
        self.reported: dict[int, Result] = {}
        self.written: set[int] = set()

    async def __call__(self, outcomes: Outcomes) -> None:
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        for item, result in outcomes:
            self.reported[item.row_id] = result
        self._queue.extend(outcomes)
        self._waiters.append(waiter)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._drain())
        await waiter

    async def _drain(self) -> None:
        while self._queue:
            batch, waiters = self._queue, self._waiters
            self._queue, self._waiters = [], []
            try:
                await self._write(batch, set())
            except Exception:
                log.exception("dispatcher: %d outcomes not written yet", len(batch))
            else:
                self.written.update(item.row_id for item, _ in batch)
            finally:
                for waiter in waiters:
                    if not waiter.done():
                        waiter.set_result(None)

    async def close(self, items: Sequence[Item], fallback: dict[int, Result]) -> None:
        """Writes what is left (a row without an outcome is retried) and reports broadcasts."""
        if self._task is not None:
            await self._task
        rest = [
            (
                item,
                self.reported.get(item.row_id)
                or fallback.get(item.row_id)
                or Result(Status.RETRY, 5.0, "no result"),
            )
            for item in items
            if item.row_id not in self.written
        ]
        broadcasts = {item.broadcast_id for item in items if item.broadcast_id is not None}
        if rest or broadcasts:
            await self._write(rest, broadcasts)


class Dispatcher:
    """Sends the outbox through the channels' senders; needs the features' dependencies (the
    database, the catalogues) and whether the database is SQLite (no row locks to skip)."""

    def __init__(
        self,
        deps: Deps,
        senders: dict[str, ChannelSender],
        *,
        sqlite: bool,
        config: DispatcherConfig | None = None,
        worker: str | None = None,
        clock: Callable[[], datetime] | None = None,
        metrics: OutboxMetrics | None = None,
    ) -> None:
        self.deps = deps
        self.metrics = metrics
        self.senders = senders
        self.config = config or DispatcherConfig()
        self.worker = worker or f"w-{uuid.uuid4().hex[:8]}"
        self.clock = clock or (lambda: datetime.now(UTC))
        self.rng = random.Random()
        self.stats = Stats()
        self._texts: dict[int, dict[str, str]] = {}
        self._sqlite = sqlite

    @classmethod
    def of(cls, app: App, senders: dict[str, ChannelSender], **options: Any) -> Dispatcher:
        return cls(app.deps, senders, sqlite=is_sqlite(str(app.engine.url)), **options)

    # ------------------------------------------------------------------------------ loop

    async def run(self, stop: asyncio.Event) -> None:
        """A loop per platform, and one for the rows of platforms without a sender (they fail),
        which also reports the broadcasts left unreported."""
        log.info("dispatcher %s started (%s)", self.worker, ", ".join(self.senders) or "no channel")
        channels: list[str | None] = [*self.senders, None]
        await asyncio.gather(*(self._loop(stop, channel) for channel in channels))

    async def _loop(self, stop: asyncio.Event, channel: str | None) -> None:
        while not stop.is_set():
            try:
                if channel is None:
                    others = OutboxMessage.channel.not_in(list(self.senders))
                    done = await self._tick(others, self.config.batch_size)
                    if done == 0:
                        await self.report_finished()
                else:
                    done = await self.tick(channel)
            except Exception:
                log.exception("dispatcher %s: %s tick failed", self.worker, channel or "other")
                done = 0
            if done == 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.config.poll_interval)

    async def tick(self, channel: str | None = None) -> int:
        """Claims due rows (of one platform, or of all), sends them, records the outcomes; the
        number of rows handled."""
        if channel is None:
            return await self._tick(None, self.config.batch_size)
        multicasts = self.senders[channel].multicast > 1
        size = self.config.multicast_batch_size if multicasts else self.config.batch_size
        return await self._tick(OutboxMessage.channel == channel, size)

    async def _tick(self, where: ColumnElement[bool] | None, limit: int) -> int:
        token = f"{self.worker}:{uuid.uuid4().hex[:12]}"
        items = await self._claim(token, where, limit)
        if not items:
            return 0
        by_channel: dict[str, list[Item]] = defaultdict(list)
        for channel, item in items:
            by_channel[channel].append(item)
        recorder = _Recorder(self._finish)
        results: dict[int, Result] = {}
        async with self._lease_kept(token):
            outcomes = await asyncio.gather(
                *(self._send(ch, batch, recorder) for ch, batch in by_channel.items()),
                return_exceptions=True,
            )
        for (channel, batch), outcome in zip(by_channel.items(), outcomes, strict=True):
            if isinstance(outcome, dict):
                results.update(outcome)
                continue
            if not isinstance(outcome, Exception):
                raise outcome
            log.error("dispatcher %s: %s sender failed: %r", self.worker, channel, outcome)
            failure = Result(Status.RETRY, 5.0, f"{type(outcome).__name__}: {outcome}")
            results.update({item.row_id: failure for item in batch})
        await recorder.close([item for _, item in items], results)
        return len(items)

    async def _send(self, channel: str, items: list[Item], record: Record) -> dict[int, Result]:
        sender = self.senders.get(channel)
        if sender is None:
            return {i.row_id: Result(Status.FAILED, reason=f"no {channel} channel") for i in items}
        return await sender.send(items, record)

    @contextlib.asynccontextmanager
    async def _lease_kept(self, token: str) -> AsyncIterator[None]:
        """While a batch is being sent its lease is renewed: only a dead worker's runs out."""
        done = asyncio.Event()
        period = max(self.config.lease.total_seconds() / 3, 0.05)

        async def renew() -> None:
            while True:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(done.wait(), period)
                    return
                held = select(OutboxMessage.id).where(
                    OutboxMessage.claimed_by == token, OutboxMessage.status == OutboxStatus.SENDING
                )
                if not self._sqlite:  # rows being finished meanwhile need no renewal
                    held = held.with_for_update(skip_locked=True)
                try:
                    async with self.deps.sessionmaker.begin() as db:
                        await db.execute(
                            update(OutboxMessage)
                            .where(OutboxMessage.id.in_(held.scalar_subquery()))
                            .values(claimed_until=self.clock() + self.config.lease)
                            .execution_options(synchronize_session=False)
                        )
                except Exception as exc:
                    log.warning("dispatcher %s: lease not renewed: %s", self.worker, exc)

        task = asyncio.create_task(renew())
        try:
            yield
        finally:
            done.set()
            await task

    # ------------------------------------------------------------------------------ claim

    async def _claim(
        self, token: str, where: ColumnElement[bool] | None, limit: int
    ) -> list[tuple[str, Item]]:
        now = self.clock()
        due = or_(
            and_(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.due_at <= now),
            and_(OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.claimed_until < now),
        )
        async with self.deps.sessionmaker.begin() as db:
            query = select(OutboxMessage.id, OutboxMessage.retry_key).where(due)
            if where is not None:
                query = query.where(where)
            query = query.order_by(OutboxMessage.due_at, OutboxMessage.id).limit(limit)
            if not self._sqlite:
                query = query.with_for_update(skip_locked=True)
            found = (await db.execute(query)).all()
            if not found:
                return []
            ids = [row.id for row in found]
            # A LINE batch sent before a crash is retried whole, with its key: never split.
            keys = {row.retry_key for row in found if row.retry_key}
            if keys:
                extra = select(OutboxMessage.id).where(
                    OutboxMessage.retry_key.in_(keys),
                    OutboxMessage.status.in_(OPEN),
                )
                if not self._sqlite:
                    extra = extra.with_for_update(skip_locked=True)
                ids = sorted(set(ids) | set(await db.scalars(extra)))
            # The condition is repeated: on SQLite two workers may have read the same rows.
            await db.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(ids), or_(due, OutboxMessage.retry_key.in_(keys)))
                .where(OutboxMessage.status.in_(OPEN))
                .values(
                    status=OutboxStatus.SENDING,
                    claimed_by=token,
                    claimed_until=now + self.config.lease,
                    attempts=OutboxMessage.attempts + 1,
                )
                .execution_options(synchronize_session=False)
            )
            rows = (
                await db.execute(
                    select(OutboxMessage, Delegate)
                    .join(Delegate, Delegate.id == OutboxMessage.delegate_id)
                    .where(OutboxMessage.claimed_by == token)
                    .order_by(OutboxMessage.id)
                )
            ).all()
            rendered: dict[tuple[str, str, str], list[Reply]] = {}
            items = [await self._item(db, row, delegate, rendered) for row, delegate in rows]
            await self._assign_retry_keys(
                db, [(row, item) for (row, _), (_, item) in zip(rows, items, strict=True)]
            )
            return items

    async def _assign_retry_keys(
        self, db: AsyncSession, pairs: list[tuple[OutboxMessage, Item]]
    ) -> None:
        """Channels that multicast (LINE): rows with the same message (same group, same language)
        form batches of at most the sender's multicast size, each with one retry key, written
        before anything is sent."""
        groups: dict[tuple[str, str, str], list[Item]] = defaultdict(list)
        for row, item in pairs:
            sender = self.senders.get(row.channel)
            if sender is not None and sender.multicast > 1 and row.retry_key is None:
                groups[(row.channel, item.group_key or f"row:{row.id}", item.language)].append(item)
        for (channel, _, _), members in groups.items():
            size = self.senders[channel].multicast
            for start in range(0, len(members), size):
                batch = members[start : start + size]
                key = str(uuid.uuid4())
                await db.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_([item.row_id for item in batch]))
                    .values(retry_key=key)
                    .execution_options(synchronize_session=False)
                )
                for item in batch:
                    item.retry_key = key

    async def _item(
        self,
        db: AsyncSession,
        row: OutboxMessage,
        delegate: Delegate,
        rendered: dict[tuple[str, str, str], list[Reply]],
    ) -> tuple[str, Item]:
        """The row as an item; rows of one group in one language share one rendering (they are
        the same message: LINE sends it to all of them in one multicast)."""
        language = delegate.language or self.deps.default_language
        payload = load(row.kind, row.payload)
        broadcast_id = payload.broadcast_id if isinstance(payload, BroadcastPayload) else None
        key = (row.kind, row.group_key, language)
        replies = rendered.get(key) if row.group_key else None
        if replies is None:
            replies = await render_row(self.deps, db, row, language, self._texts)
            if row.group_key:
                rendered[key] = replies
        return row.channel, Item(
            row_id=row.id,
            delegate_id=delegate.id,
            user_id=delegate.channel_user_id,
            language=language,
            kind=row.kind,
            group_key=row.group_key,
            retry_key=row.retry_key,
            replies=replies,
            broadcast_id=broadcast_id,
            skip=payload.skip if isinstance(payload, ReplyPayload) else 0,
        )

    # ------------------------------------------------------------------------------ finish

    async def _finish(self, outcomes: Outcomes, broadcasts: set[int]) -> None:
        """Writes the outcomes; then reports the broadcasts of `broadcasts` that are over."""
        now = self.clock()
        async with self.deps.sessionmaker.begin() as db:
            rows: dict[int, OutboxMessage] = {}
            if outcomes:
                ids = [item.row_id for item, _ in outcomes]
                found = await db.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids)))
                rows = {row.id: row for row in found}
            for item, result in outcomes:
                row = rows.get(item.row_id)
                if row is None:  # the delegate asked to be forgotten meanwhile
                    continue
                self.stats.by_status[result.status.value] += 1
                row.claimed_by, row.claimed_until = None, None
                match result.status:
                    case Status.SENT:
                        row.status, row.sent_at, row.error = OutboxStatus.SENT, now, ""
                        self.stats.sent += 1
                    case Status.BLOCKED:
                        row.status, row.error = OutboxStatus.BLOCKED, result.reason[:500]
                        await db.execute(
                            update(Delegate)
                            .where(Delegate.id == item.delegate_id)
                            .values(active=False)
                        )
                        self.stats.blocked += 1
                    case Status.QUOTA:
                        row.status, row.error = OutboxStatus.WAITING_QUOTA, result.reason[:500]
                        any_waiting.value = True
                    case Status.WAIT:
                        row.status, row.attempts = OutboxStatus.PENDING, max(row.attempts - 1, 0)
                        row.due_at = now + timedelta(seconds=result.after)
                    case Status.RETRY if row.attempts < self.config.max_attempts:
                        row.status, row.error = OutboxStatus.PENDING, result.reason[:500]
                        wait = max(result.after, backoff(row.attempts, self.config, self.rng))
                        row.due_at = now + timedelta(seconds=wait)
                        self.stats.retried += 1
                    case _:
                        row.status, row.error = (
                            OutboxStatus.FAILED,
                            (result.reason or "gave up")[:500],
                        )
                        self.stats.failed += 1
                if self.metrics is not None:
                    counted = result.status
                    if row.status == OutboxStatus.FAILED:
                        counted = Status.FAILED  # retried too often: given up
                    self.metrics.outcomes.labels(row.channel, counted.value).inc()
            for broadcast_id in sorted(broadcasts):
                await self._maybe_report(db, broadcast_id, now)

    async def report_finished(self) -> None:
        """Reports the broadcasts with nothing left to send that no worker reported: two workers
        finishing the last rows at once each see the other's rows still open."""
        now = self.clock()
        async with self.deps.sessionmaker.begin() as db:
            unreported = await db.scalars(
                select(Broadcast.id).where(
                    Broadcast.status == BroadcastStatus.SCHEDULED,
                    Broadcast.recipients > 0,
                    Broadcast.send_at <= now,
                )
            )
            for broadcast_id in list(unreported):
                await self._maybe_report(db, broadcast_id, now)

    async def _maybe_report(self, db: AsyncSession, broadcast_id: int, now: datetime) -> None:
        """When no message of a broadcast is left to send, its organiser gets the counts."""
        await db.flush()
        open_rows = await db.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(
                OutboxMessage.kind == OutboxKind.BROADCAST,
                OutboxMessage.payload["broadcast_id"].as_integer() == broadcast_id,
                OutboxMessage.status.in_(OPEN),
            )
        )
        if open_rows:
            return
        counts = dict(
            (
                await db.execute(
                    select(OutboxMessage.status, func.count())
                    .where(
                        OutboxMessage.kind == OutboxKind.BROADCAST,
                        OutboxMessage.payload["broadcast_id"].as_integer() == broadcast_id,
                    )
                    .group_by(OutboxMessage.status)
                )
            ).all()
        )
        report = dump(
            ReportPayload(
                id=broadcast_id,
                sent=counts.get(OutboxStatus.SENT, 0),
                failed=counts.get(OutboxStatus.FAILED, 0),
                blocked=counts.get(OutboxStatus.BLOCKED, 0),
                waiting=counts.get(OutboxStatus.WAITING_QUOTA, 0),
            )
        )
        # Only one worker wins this update: only one report.
        won = await db.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id, Broadcast.status == BroadcastStatus.SCHEDULED)
            .values(status=BroadcastStatus.DONE, report=report)
        )
        if not getattr(won, "rowcount", 0):
            return
        broadcast = await db.get(Broadcast, broadcast_id)
        if broadcast is not None and broadcast.reporter_id is not None:
            reporter = await db.get(Delegate, broadcast.reporter_id)
            if reporter is not None:
                db.add(
                    OutboxMessage(
                        delegate_id=reporter.id,
                        channel=reporter.channel,
                        kind=OutboxKind.REPORT,
                        payload=report,
                        group_key=f"report:{broadcast_id}",
                        due_at=now,
                        created_at=now,
                    )
                )
        log.info("broadcast %s done: %s", broadcast_id, report)


# ---------------------------------------------------------------------------------- senders


class RateLimiter:
    """At most `rate` messages a second in all, and one a second per chat.

    Telegram's limits: about 30 messages a second to different chats, one a second to one chat
    (core.telegram.org/bots/faq, "My bot is hitting limits"). The default rate (25) keeps a
    margin; several workers share the rate, so set TELEGRAM_RATE to 25 divided by their number.

    Messages get evenly spaced slots; and when they are released, no more than `rate` go in any
    sliding second: senders woken late together (the event loop was busy, e.g. with a large
    LINE batch) would otherwise go in a burst that Telegram counts against its limit.
    """

    def __init__(self, rate: float, per_chat: float = 1.0) -> None:
        self.interval = 1.0 / rate
        self.per_chat = per_chat
        self._next = 0.0
        self._chats: dict[str, float] = {}
        self._lock = asyncio.Lock()
        self._released: deque[float] = deque(maxlen=max(1, math.floor(rate)))
        self._window_lock = asyncio.Lock()

    async def wait(self, chat: str) -> None:
        """Waits for the chat's turn first, then for a global slot: a chat with many messages
        waiting (one a second) does not push the other chats' slots back."""
        async with self._lock:
            now = time.monotonic()
            turn = max(now, self._chats.get(chat, 0.0))
            self._chats[chat] = turn + self.per_chat
            if len(self._chats) > 50_000:
                self._chats = {c: t for c, t in self._chats.items() if t > now}
        if turn > now:
            await asyncio.sleep(turn - now)
        async with self._lock:
            now = time.monotonic()
            slot = max(now, self._next)
            self._next = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)
        async with self._window_lock:
            released = self._released
            while len(released) == released.maxlen:
                wait = released[0] + 1.0 - time.monotonic()
                if wait <= 0:
                    break
                await asyncio.sleep(wait)
            released.append(time.monotonic())
