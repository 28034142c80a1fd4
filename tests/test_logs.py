"""Logs keep no secret and no delegate's words."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bot.logs import ScrubbingFormatter, scrub
from db.engine import make_engine

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw_"


def test_tokens_are_scrubbed_from_messages_and_tracebacks() -> None:
    url = f"https://api.telegram.org/bot{TOKEN}/sendMessage"
    assert (
        scrub(f"redirect loop at {url}")
        == "redirect loop at https://api.telegram.org/bot<token>/sendMessage"
    )
    assert "secretvalue" not in scrub("Authorization: Bearer secretvalue0123456789abcdefgh")
    try:
        raise RuntimeError(f"GET {url} failed")
    except RuntimeError:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "call %s", (url,), None)
        record.exc_info = sys.exc_info()
    line = ScrubbingFormatter("%(message)s").format(record)
    assert TOKEN not in line and line.count("bot<token>") == 2


async def test_a_database_error_does_not_show_the_delegates_words(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    try:
        async with engine.connect() as conn:
            with pytest.raises(DBAPIError) as failure:
                await conn.execute(
                    text("INSERT INTO nowhere VALUES (:said)"), {"said": "mon numéro 0612345678"}
                )
    finally:
        await engine.dispose()
    assert "0612345678" not in str(failure.value)


def test_json_lines_for_log_collectors() -> None:
    import json

    from bot.logs import JsonFormatter

    record = logging.LogRecord(
        "bot.server", logging.WARNING, __file__, 1, "webhook at %s", (f"/bot{TOKEN}/x",), None
    )
    entry = json.loads(JsonFormatter().format(record))
    assert entry["level"] == "WARNING" and entry["logger"] == "bot.server"
    assert entry["message"] == "webhook at /bot<token>/x"
