"""aiosqlite's connection, with each call made at once on the event loop's thread.

aiosqlite sends every call (execute, fetchall, commit) to a thread of its own and wakes the event
loop with the result. A statement on a local SQLite file in WAL mode takes some microseconds; the
round trip costs more, and under load the thread also waits for the GIL while the loop is busy
(up to the 5 ms switch interval). In the webhook benchmark the server answered a quarter more
updates per second with the calls made inline (README, "Load").

The class keeps aiosqlite's interface, which is what SQLAlchemy's `sqlite+aiosqlite` dialect
drives, and replaces the queue to the worker thread by a direct call, as SQLAlchemy's own adapter
reaches the same attributes (`_tx`, `_conn`). Waiting for another process's write lock must not
block the loop: the connection has no busy timeout, and a call that finds the database locked
is retried after an asyncio sleep, up to `busy_seconds`.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Awaitable, Callable, Generator
from typing import Any

import aiosqlite

# Backoff between attempts on a locked database: 1 ms doubling to 50 ms.
FIRST_WAIT = 0.001
LONGEST_WAIT = 0.05


class _CallNow:
    """Stands where aiosqlite keeps the queue to its worker thread: runs each call at once."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as exc:
            if future is None:
                raise
            future.set_exception(exc)
        else:
            if future is not None:
                future.set_result(result)


def _locked(exc: sqlite3.OperationalError) -> bool:
    """SQLITE_BUSY: another connection holds the lock ("database is locked")."""
    return exc.sqlite_errorcode == sqlite3.SQLITE_BUSY


class InlineConnection(aiosqlite.Connection):
    def __init__(self, connector: Callable[[], sqlite3.Connection], busy_seconds: float) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._tx = _CallNow()  # type: ignore[assignment]
        self.busy_seconds = busy_seconds

    def __await__(self) -> Generator[Any, None, aiosqlite.Connection]:
        return self._connect().__await__()  # no worker thread to start

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        wait, deadline = FIRST_WAIT, time.monotonic() + self.busy_seconds
        while True:
            try:
                return await super()._execute(fn, *args, **kwargs)  # type: ignore[no-untyped-call]
            except sqlite3.OperationalError as exc:
                # Safe to repeat: SQLite reports a lock before the statement does anything, and
                # pysqlite opens a transaction at its first write, so none holds a stale snapshot.
                if not _locked(exc) or time.monotonic() + wait > deadline:
                    raise
            await asyncio.sleep(wait)
            wait = min(wait * 2, LONGEST_WAIT)


def inline_creator(database: str, busy_seconds: float) -> Callable[[], Awaitable[InlineConnection]]:
    """The `async_creator` of an engine on the SQLite file `database`."""

    async def create() -> InlineConnection:
        def connector() -> sqlite3.Connection:
            # timeout=0: a locked database raises at once and `_execute` waits without blocking.
            return sqlite3.connect(database, timeout=0, check_same_thread=False)

        connection = InlineConnection(connector, busy_seconds)
        await connection
        return connection

    return create
