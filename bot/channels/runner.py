"""Webhook updates handled in bounded tasks, one delegate's in order.

The platforms want a quick answer to each webhook (Telegram retries a webhook that does not
answer; LINE drops the request after a few seconds), so the route only checks the request and
hands the update to `UpdateRunner`; the work happens in a task.
"""

from __future__ import annotations

import asyncio
import logging
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
