"""Shared fixtures: the database of a test.

Feature tests run in-process on SQLite, each on a copy of one template database (migrated, the
bundled content loaded) made once per test process. Tests of storage, the outbox and the
workers (`pytestmark = pytest.mark.parity`) also run on the PostgreSQL of this machine:
CONFBOT_TEST_PG_URL (default postgresql+asyncpg://postgres@127.0.0.1:5432/test), a schema of
its own per test, dropped afterwards. Where `CI` is set, an unreachable server fails the run
instead of skipping the PostgreSQL half.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bench.fakes import FakeTelegram
from bot.app import App, build_app
from bot.settings import Settings
from db.engine import make_engine
from db.migrate import upgrade
from handlers.core.homophones import Edition
from tests.chat import Chat

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

    def __init__(self, kind: str, url: str, schema: str = "", template: Path | None = None) -> None:
        self.kind, self.url, self.schema = kind, url, schema
        self.template = template
        self._migrated = False

    def settings(self, **overrides: object) -> Settings:
        return Settings(database_url=self.url, database_schema=self.schema, **overrides)  # type: ignore[arg-type]

    def _copy_template(self, template: Path) -> None:
        path = Path(make_url(self.url).database or "")
        if not path.exists():
            shutil.copyfile(template, path)

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
        """What an operator does once with `confbot db upgrade` (SQLite does it on start). On
        SQLite, a copy of the template: migrated, with the bundled content already loaded."""
        if self.template is not None:
            await asyncio.to_thread(self._copy_template, self.template)
            return
        engine = make_engine(self.url, schema=self.schema)
        try:
            await upgrade(engine)
        finally:
            await engine.dispose()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """`database` is SQLite, and also PostgreSQL for the tests marked `parity`."""
    if "database" not in metafunc.fixturenames:
        return
    if any("database" in m.args[0] for m in metafunc.definition.iter_markers("parametrize")):
        return
    parity = metafunc.definition.get_closest_marker("parity") is not None
    kinds = ["sqlite", "postgresql"] if parity else ["sqlite"]
    metafunc.parametrize("database", kinds, indirect=True)


TEST_NOW = datetime(2024, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


@pytest.fixture(scope="session", autouse=True)
def classifier_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One folder of trained classifiers for the run's test processes (xdist's workers share
    the parent of their base temporary folders): the first to need a model trains it, the
    others read it, as replicas do. Never the working tree's var/cache."""
    folder = tmp_path_factory.getbasetemp().parent / "classifier-cache"
    before = os.environ.get("CLASSIFIER_CACHE_DIR")
    os.environ["CLASSIFIER_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        del os.environ["CLASSIFIER_CACHE_DIR"]
    else:
        os.environ["CLASSIFIER_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrated, with the bundled programme, tracks and FAQ: built once per test process."""
    path = tmp_path_factory.mktemp("template") / "confbot.db"

    async def build() -> None:
        settings = Settings(database_url=f"sqlite+aiosqlite:///{path}")
        application = await build_app(settings, clock=lambda: TEST_NOW)
        await application.close()

    asyncio.run(build())
    return path


@pytest.fixture
def database(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'confbot.db'}"
        yield Database("sqlite", url, template=sqlite_template)
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
    return FixedClock(TEST_NOW)


@pytest.fixture
async def app(database: Database, clock: FixedClock) -> AsyncIterator[App]:
    """The bot on the bundled content, on both databases, at 2024-11-20 10:00 JST."""
    await database.migrate()
    application = await build_app(database.settings(), clock=clock)
    try:
        yield application
    finally:
        await application.close()


@pytest.fixture
async def edition(app: App) -> Edition:
    """The words wrong kanji are repaired towards: those of the FAQ and programme the app
    serves (the bundled ones, loaded into the database)."""
    async with app.sessionmaker() as db:
        return await app.deps.edition(db)


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    """The fake Telegram Bot API, on a port of its own."""
    async with FakeTelegram() as fake:
        yield fake


# Delegates of each language, for the understanding tests (tests/chat.py).
@pytest.fixture
def fr(app: App, clock: FixedClock) -> Chat:
    return Chat(app, clock, "marie", "fr")


@pytest.fixture
def ja(app: App, clock: FixedClock) -> Chat:
    return Chat(app, clock, "sato", "ja")


@pytest.fixture
def en(app: App, clock: FixedClock) -> Chat:
    return Chat(app, clock, "john", "en")
