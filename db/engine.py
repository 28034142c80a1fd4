"""Engine and session factory, with the SQLite settings a chat bot needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str, *, schema: str = "", **kwargs: Any) -> AsyncEngine:
    """Creates the engine; for SQLite, the folder of the file, WAL and a busy timeout.

    WAL lets the webhook server read while the dispatcher writes; the busy timeout (5 s) makes a
    second writer wait instead of failing with "database is locked".
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {}).setdefault("timeout", 5)
        # Every transaction here ends in commit or rollback: the pool's extra ROLLBACK when a
        # connection is returned is a thread hop through aiosqlite for nothing.
        kwargs.setdefault("pool_reset_on_return", None)
    else:
        kwargs.setdefault("pool_pre_ping", True)
        if schema:
            connect_args = kwargs.setdefault("connect_args", {})
            connect_args.setdefault("server_settings", {})["search_path"] = schema
    engine = create_async_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            # In WAL mode, NORMAL syncs at checkpoints, not at every commit: a crash of the
            # process loses nothing; a power cut may lose the last commits (sqlite.org/wal.html).
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

    return engine


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
