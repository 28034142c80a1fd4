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

from db.sqlite_inline import inline_creator

# How long a write waits for another process's lock on a SQLite database.
BUSY_SECONDS = 5.0
# PostgreSQL: seconds to open a connection, and for one statement to answer. Without them a
# black-holed network holds a turn (and its pooled connection) forever; a statement of this
# application takes milliseconds, an import's largest a few seconds.
CONNECT_SECONDS = 5.0
STATEMENT_SECONDS = 30.0


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str, *, schema: str = "", **kwargs: Any) -> AsyncEngine:
    """Creates the engine; for SQLite, the folder of the file, WAL, and one inline connection.

    WAL lets this process read while another one (a worker, the command line) writes; a write
    that finds the database locked waits up to BUSY_SECONDS without blocking the event loop
    (db/sqlite_inline.py) instead of failing with "database is locked".
    """
    parsed = make_url(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    # A failing statement's error names it without its values: they are delegates' messages.
    kwargs.setdefault("hide_parameters", True)
    if sqlite:
        database = parsed.database or ":memory:"
        if database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("async_creator", inline_creator(database, BUSY_SECONDS))
        # Every transaction here ends in commit or rollback: the pool's extra ROLLBACK when a
        # connection is returned is work for nothing.
        kwargs.setdefault("pool_reset_on_return", None)
        # One connection per process. SQLite lets one writer in at a time; the turns of one
        # process wait for the connection on the pool (an asyncio queue) rather than for the
        # write lock, which SQLite polls in sleeps of up to 100 ms (sqliteDefaultBusyCallback).
        kwargs.setdefault("pool_size", 1)
        kwargs.setdefault("max_overflow", 0)
    else:
        kwargs.setdefault("pool_pre_ping", True)
        connect_args = kwargs.setdefault("connect_args", {})
        connect_args.setdefault("timeout", CONNECT_SECONDS)
        connect_args.setdefault("command_timeout", STATEMENT_SECONDS)
        if schema:
            connect_args.setdefault("server_settings", {})["search_path"] = schema
    engine = create_async_engine(url, **kwargs)
    if sqlite:

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            # In WAL mode, NORMAL syncs at checkpoints, not at every commit: a crash of the
            # process loses nothing; a power cut may lose the last commits (sqlite.org/wal.html).
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    return engine


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
