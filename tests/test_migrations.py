"""Alembic owns the schema: the migrations build exactly what the models describe."""

from __future__ import annotations

from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from db.engine import make_engine
from db.migrate import current_revision, head_revision, upgrade
from db.models import Base
from tests.conftest import Database

pytestmark = pytest.mark.parity  # storage, outbox, workers: SQLite and PostgreSQL


def _diff(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def test_migrations_match_models_and_downgrade(database: Database) -> None:
    engine = make_engine(database.url, schema=database.schema)
    try:
        assert await current_revision(engine) is None
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
        async with engine.connect() as conn:
            assert await conn.run_sync(_diff) == []
            assert set(Base.metadata.tables) <= await conn.run_sync(_tables)
        await upgrade_down_and_up(engine)
        async with engine.connect() as conn:
            assert await conn.run_sync(_diff) == []
    finally:
        await engine.dispose()


async def upgrade_down_and_up(engine: Any) -> None:
    from alembic import command

    from db.migrate import alembic_config

    config = alembic_config()

    def down(connection: Connection) -> None:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")

    async with engine.begin() as conn:
        await conn.run_sync(down)
    async with engine.connect() as conn:
        assert await conn.run_sync(_tables) <= {"alembic_version"}
    await upgrade(engine)
