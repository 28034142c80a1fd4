"""Shared fixtures: every database test runs on SQLite and on the PostgreSQL of this machine.

PostgreSQL: CONFBOT_TEST_PG_URL (default postgresql+asyncpg://postgres@127.0.0.1:5432/test).
Each test gets its own schema, dropped afterwards. Where `CI` is set, an unreachable server
fails the run instead of skipping the PostgreSQL half.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.app import App, build_app
from bot.settings import Settings
from db.engine import make_engine
from db.migrate import upgrade

PG_URL = os.environ.get("CONFBOT_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
TESTS = Path(__file__).parent
DATA = TESTS / "data"


def _pg_reachable() -> str | None:
    async def probe() -> None:
        engine = make_engine(PG_URL)
        try:
            async with engine.connect() as conn:
                await conn.execute(text("select 1"))
        finally:
            await engine.dispose()

    try:
        asyncio.run(probe())
    except Exception as exc:  # any failure to connect means the same: no server
        return f"{type(exc).__name__}: {exc}"
    return None


_PG_ERROR: str | None = None
_PG_CHECKED = False


def pg_error() -> str | None:
    global _PG_ERROR, _PG_CHECKED
    if not _PG_CHECKED:
        _PG_ERROR, _PG_CHECKED = _pg_reachable(), True
    return _PG_ERROR


def require_pg() -> None:
    error = pg_error()
    if error is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL at {PG_URL} is unreachable (CI is set): {error}")
    pytest.skip(f"PostgreSQL unreachable: {error}")


class Database:
    """Where one test's data lives: a SQLite file or a fresh PostgreSQL schema."""

    def __init__(self, kind: str, url: str, schema: str = "") -> None:
        self.kind, self.url, self.schema = kind, url, schema
        self._migrated = False

    def settings(self, **overrides: object) -> Settings:
        return Settings(database_url=self.url, database_schema=self.schema, **overrides)  # type: ignore[arg-type]

    def env(self) -> dict[str, str]:
        return {"DATABASE_URL": self.url, "DATABASE_SCHEMA": self.schema}

    def confbot(self, *args: str, stdin: str | None = None, timeout: float = 120) -> str:
        """Runs the `confbot` command line on this database (PostgreSQL migrated first, as an
        operator would); its standard output."""
        env = {**os.environ, **self.env(), "LOG_LEVEL": "WARNING"}
        command = [sys.executable, "-m", "bot.cli"]
        if self.kind == "postgresql" and not self._migrated:
            subprocess.run([*command, "db", "upgrade"], env=env, check=True, capture_output=True)
            self._migrated = True
        result = subprocess.run(
            [*command, *args],
            input=stdin,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=timeout,
        )
        return result.stdout

    async def migrate(self) -> None:
        """What an operator does once with `confbot db upgrade` (SQLite does it on start)."""
        engine = make_engine(self.url, schema=self.schema)
        try:
            await upgrade(engine)
        finally:
            await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        yield Database("sqlite", f"sqlite+aiosqlite:///{tmp_path / 'confbot.db'}")
        return
    require_pg()
    schema = f"t_{uuid.uuid4().hex[:12]}"

    async def run(statement: str) -> None:
        engine = make_engine(PG_URL)
        try:
            async with engine.begin() as conn:
                await conn.execute(text(statement))
        finally:
            await engine.dispose()

    asyncio.run(run(f'CREATE SCHEMA "{schema}"'))
    try:
        yield Database("postgresql", PG_URL, schema)
    finally:
        asyncio.run(run(f'DROP SCHEMA "{schema}" CASCADE'))


class FixedClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FixedClock:
    from zoneinfo import ZoneInfo

    return FixedClock(datetime(2024, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo")))


@pytest.fixture
async def app(database: Database, clock: FixedClock) -> AsyncIterator[App]:
    """The bot on the bundled content, on both databases, at 2024-11-20 10:00 JST."""
    await database.migrate()
    application = await build_app(database.settings(), clock=clock)
    try:
        yield application
    finally:
        await application.close()
