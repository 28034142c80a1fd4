"""Applies the Alembic migrations from inside the running event loop."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import is_sqlite

# Alembic's scripts live beside the packages, in the source tree or the image.
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


class SchemaOutOfDate(RuntimeError):
    pass


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def current_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as conn:
        return await conn.run_sync(_current)


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    config = alembic_config()

    def _upgrade(connection: Connection) -> None:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with engine.begin() as conn:
        await conn.run_sync(_upgrade)


async def ensure_schema(engine: AsyncEngine) -> None:
    """SQLite (one machine) is brought up to date on start; PostgreSQL, shared by replicas, is
    migrated once by an operator with `confbot db upgrade`, never by every replica at once."""
    if await current_revision(engine) == head_revision():
        return
    if is_sqlite(str(engine.url)):
        await upgrade(engine)
        return
    raise SchemaOutOfDate(
        "The database schema is not up to date: run `confbot db upgrade` once, then start again."
    )
