"""SQLite calls made on the event loop's thread (db/sqlite_inline.py): no worker thread, and a
lock held by another process is waited for with the loop still running."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from db.engine import make_engine
from db.sqlite_inline import inline_creator


def _hold_write_lock(path: Path, seconds: float, taken: threading.Event) -> None:
    """Another process's writer, as far as SQLite can tell: its own connection, BEGIN IMMEDIATE."""
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (1)")
        taken.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
    finally:
        conn.close()


async def test_calls_run_without_a_worker_thread(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'a.db'}")
    threads = threading.active_count()
    try:
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE t (x INTEGER)"))
            await conn.execute(text("INSERT INTO t VALUES (1), (2)"))
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT sum(x) FROM t"))).scalar() == 3
            mode = (await conn.execute(text("PRAGMA journal_mode"))).scalar()
        assert mode == "wal"
        assert threading.active_count() == threads
    finally:
        await engine.dispose()


async def test_a_locked_database_is_waited_for_while_the_loop_runs(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    engine = make_engine(f"sqlite+aiosqlite:///{path}")
    try:
        async with engine.begin() as conn:
            await conn.execute(text("CREATE TABLE t (x INTEGER)"))
        taken = threading.Event()
        holder = threading.Thread(target=_hold_write_lock, args=(path, 0.4, taken))
        holder.start()
        assert await asyncio.to_thread(taken.wait, 5)
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticker = asyncio.create_task(tick())
        started = time.monotonic()
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO t VALUES (2)"))
        waited = time.monotonic() - started
        ticker.cancel()
        await asyncio.to_thread(holder.join)
        assert waited >= 0.3  # it did wait for the other writer…
        assert ticks >= 10  # …and the loop kept running meanwhile
        async with engine.connect() as conn:
            assert (await conn.execute(text("SELECT count(*) FROM t"))).scalar() == 2
    finally:
        await engine.dispose()


async def test_a_lock_held_too_long_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    setup = sqlite3.connect(path)
    setup.execute("CREATE TABLE t (x INTEGER)")
    setup.close()
    taken = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(path, 0.6, taken))
    holder.start()
    assert await asyncio.to_thread(taken.wait, 5)
    engine = make_engine(
        f"sqlite+aiosqlite:///{path}", async_creator=inline_creator(str(path), busy_seconds=0.1)
    )
    try:
        with pytest.raises(OperationalError, match="locked"):
            async with engine.begin() as conn:
                await conn.execute(text("INSERT INTO t VALUES (2)"))
    finally:
        await asyncio.to_thread(holder.join)
        await engine.dispose()


async def test_a_slow_line_quota_does_not_hold_the_turn() -> None:
    """The broadcast preview reads LINE's quota inside a turn, which on SQLite holds the
    process's one connection: a quota LINE does not give in time counts as unknown."""
    from bot.channels.line.quota import QuotaCache
    from handlers.broadcast.quota import LineQuota

    async def slow() -> LineQuota:
        await asyncio.sleep(10)
        raise AssertionError("not reached")

    started = time.monotonic()
    assert await QuotaCache(slow, timeout=0.05).read() is None
    assert time.monotonic() - started < 1.0
