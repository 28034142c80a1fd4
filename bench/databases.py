"""The benchmarks' databases: a fresh one at the head revision, removed afterwards.

SQLite: a file in a temporary folder. PostgreSQL: a throw-away schema in the database of
CONFBOT_TEST_PG_URL (default postgresql+asyncpg://postgres@127.0.0.1:5432/test), on this machine
only, since the benchmarks measure this machine.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from db.engine import make_engine
from db.migrate import upgrade

PG_URL = os.environ.get("CONFBOT_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
LOCAL = ("127.0.0.1", "localhost")


@contextlib.asynccontextmanager
async def fresh_database(kind: str, prefix: str) -> AsyncIterator[tuple[str, str]]:
    """(url, schema) of a new database of `kind` ("sqlite" or "postgresql") at the head
    revision; `prefix` names the temporary folder or schema."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix=f"{prefix}-") as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'confbot.db'}"
            await _migrate(url, "")
            yield url, ""
        return
    if make_url(PG_URL).host not in LOCAL:
        raise SystemExit(f"PostgreSQL must be on 127.0.0.1 for the benchmarks, not {PG_URL}")
    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_URL)
    try:
        async with admin.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            await _migrate(PG_URL, schema)
            yield PG_URL, schema
        finally:
            async with admin.begin() as conn:
                await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        await admin.dispose()


async def _migrate(url: str, schema: str) -> None:
    engine = make_engine(url, schema=schema)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()
