"""Webhook updates handled in bounded tasks, one delegate's in order.

The platforms want a quick answer to each webhook (Telegram retries a webhook that does not
answer; LINE drops the request after a few seconds), so the route only checks the request and
hands the update to `UpdateRunner`; the work happens in a task.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections import deque
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from typing import Any

log = logging.getLogger(__name__)


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


Queued = tuple[Coroutine[Any, Any, None], str]  # an update's handling, and its name


class Admission(enum.StrEnum):
    """What became of an update handed to `UpdateRunner.submit`."""

    QUEUED = "queued"
    # Dropped: the delegate already has `per_delegate` updates waiting. OVERFLOW is the first
    # drop since their queue was last empty (the channel tells them to slow down, once); DROPPED
    # the ones after it (nothing is sent).
    OVERFLOW = "overflow"
    DROPPED = "dropped"


class UpdateRunner:
    """Runs update handling in tasks and waits for them at shutdown; fair between delegates.

    Each delegate (`key`) has a queue, worked through in order by one task: replies keep the
    order of the questions, and a delegate's first two messages do not both create the
    delegate. A turn takes one of `limit` slots only while it runs, so a delegate who sends a
    hundred messages (or whose replies wait for a platform) holds one slot, not all of them; past
    `per_delegate` waiting updates, more from that delegate are dropped (the first drop is
    reported as OVERFLOW, for one "slow down" reply). A turn that must wait (for the database to
    come back) gives its slot up meanwhile (`pause`). The route waits when
    `backlog` updates are queued in all: the platform then sees slower acknowledgements (and
    Telegram sends fewer updates at once) instead of the server piling up unbounded work.
    """

    def __init__(self, limit: int, *, per_delegate: int = 20, backlog: int | None = None) -> None:
        self._slots = asyncio.Semaphore(limit)
        self._backlog = asyncio.Semaphore(backlog or 8 * limit)
        self.per_delegate = per_delegate
        self.queues: dict[str, deque[Queued]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._holding: set[asyncio.Task[Any]] = set()  # tasks holding a slot now
        self._warned: set[str] = set()  # delegates told to slow down, until their queue drains
        self.dropped = 0
        self.closing = False

    @property
    def in_flight(self) -> int:
        return sum(len(q) for q in self.queues.values())

    async def submit(self, work: Coroutine[Any, Any, None], *, name: str, key: str) -> Admission:
        """Queues the work behind the delegate's earlier updates; dropped (the work is closed)
        when that delegate already has `per_delegate` waiting."""
        queue = self.queues.get(key)
        if queue is not None and len(queue) >= self.per_delegate:
            work.close()
            self.dropped += 1
            log.warning("update %s dropped: %s has %d updates waiting", name, key, len(queue))
            if key in self._warned:
                return Admission.DROPPED
            self._warned.add(key)
            return Admission.OVERFLOW
        await self._backlog.acquire()
        queue = self.queues.get(key)  # the wait may have let the delegate's worker finish
        if queue is None:
            queue = self.queues[key] = deque()
            self._start(self._work_through(key, queue), name)
        queue.append((work, name))
        return Admission.QUEUED

    def aside(self, work: Coroutine[Any, Any, None], *, name: str) -> None:
        """Runs a short piece of work (a "slow down" reply) outside the queues and the slots; it
        is waited for at shutdown like the updates."""
        self._start(work, name)

    def _start(self, work: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def pause(self, seconds: float) -> None:
        """Waits without holding a slot: a turn waiting for the database (or anything else)
        lets other delegates' turns run meanwhile; the delegate's own next updates still wait
        behind it, so their order is kept."""
        task = asyncio.current_task()
        if task is None or task not in self._holding:
            await asyncio.sleep(seconds)
            return
        self._holding.discard(task)
        self._slots.release()
        await asyncio.sleep(seconds)
        await self._slots.acquire()
        self._holding.add(task)

    async def _work_through(
        self, key: str, queue: deque[tuple[Coroutine[Any, Any, None], str]]
    ) -> None:
        try:
            while queue:
                work, name = queue[0]
                try:
                    await self._in_slot(work)
                except Exception:
                    log.exception("update task %s failed", name)
                finally:
                    queue.popleft()
                    self._backlog.release()
        finally:
            for work, _name in queue:  # cancelled at shutdown: nothing left half-started
                work.close()
                self._backlog.release()
            queue.clear()
            self._warned.discard(key)
            if self.queues.get(key) is queue:
                del self.queues[key]

    async def _in_slot(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.current_task()
        assert task is not None
        await self._slots.acquire()
        self._holding.add(task)
        try:
            await work
        finally:
            if task in self._holding:  # not when cancelled during a `pause`
                self._holding.discard(task)
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
        log.info("waiting for %d update(s) in flight", self.in_flight)
        _done, pending = await asyncio.wait(set(self._tasks), timeout=grace)
        for task in pending:
            log.error(
                "update task %s still running after %.0f s: cancelled", task.get_name(), grace
            )
            task.cancel()
        if pending:
            await asyncio.wait(pending)
