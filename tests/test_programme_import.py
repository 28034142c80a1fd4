"""`confbot programme import/export` against SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from bot.app import App
from bot.cli.main import main
from db.engine import make_engine, make_sessionmaker
from handlers.notify.options import NotifyOptions
from handlers.schedule.model import SessionRow
from handlers.schedule.store import load_rows
from handlers.schedule.usecases import replace_programme
from tests.conftest import DATA, Database, FixedClock

pytestmark = pytest.mark.parity  # storage, outbox, workers: SQLite and PostgreSQL


@pytest.fixture
def cli(database: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    for key, value in database.env().items():
        monkeypatch.setenv(key, value)
    if database.kind == "postgresql":  # replicas share it: migrated once, by hand
        assert main(["db", "upgrade"]) == 0
    return database


def stored(database: Database) -> dict[str, tuple[str, str]]:
    async def read() -> dict[str, tuple[str, str]]:
        engine = make_engine(database.url, schema=database.schema)
        try:
            async with make_sessionmaker(engine)() as db:
                rows = await load_rows(db)
        finally:
            await engine.dispose()
        return {r.id: (r.starts_at.isoformat(), r.room_fr) for r in rows}

    return asyncio.run(read())


def test_import_prints_added_then_no_changes(
    cli: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["programme", "import", str(DATA / "programme.csv")]) == 0
    first = capsys.readouterr().out
    assert first.startswith("6 added, 0 removed, 0 changed")
    assert "+ eco: 2024-11-20 14:00 Atelier économie" in first
    assert main(["programme", "import", str(DATA / "programme.csv")]) == 0
    assert capsys.readouterr().out.strip() == "no changes"


def test_changed_start_and_room_reported_exactly(
    cli: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["programme", "import", str(DATA / "programme.csv")]) == 0
    capsys.readouterr()
    edited = tmp_path / "edited.csv"
    text = (DATA / "programme.csv").read_text(encoding="utf-8")
    text = text.replace(
        "Atelier économie,eco,2024-11-20,14:00,16:00,economy,経済分科会,Economy workshop,Salle Fuji,",
        "Atelier économie,eco,2024-11-20,14:30,16:00,economy,経済分科会,Economy workshop,Salle Hinoki,",
    )
    edited.write_text(text, encoding="utf-8")
    assert main(["programme", "import", str(edited)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "0 added, 0 removed, 1 changed",
        "~ eco",
        "    start: 2024-11-20 14:00 → 2024-11-20 14:30",
        "    room_fr: Salle Fuji → Salle Hinoki",
    ]
    assert stored(cli)["eco"] == ("2024-11-20T05:30:00+00:00", "Salle Hinoki")


def test_broken_file_changes_nothing(
    cli: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["programme", "import", str(DATA / "programme.csv")]) == 0
    before = stored(cli)
    capsys.readouterr()
    broken = tmp_path / "broken.csv"
    lines = (DATA / "programme.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("09:45", "9h45")  # the panel's start, on line 3
    lines[1] = lines[1].replace("Ouverture", "Ouverture modifiée")
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["programme", "import", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "line 3, column start" in err
    assert "nothing changed" in err
    assert stored(cli) == before


def test_dry_run_and_removal(
    cli: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["programme", "import", str(DATA / "programme.csv")]) == 0
    smaller = tmp_path / "smaller.csv"
    lines = (DATA / "programme.csv").read_text(encoding="utf-8").splitlines()
    smaller.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["programme", "import", "--dry-run", str(smaller)]) == 0
    assert "- visit:" in capsys.readouterr().out
    assert "visit" in stored(cli)
    assert main(["programme", "import", str(smaller)]) == 0
    assert "visit" not in stored(cli)


def test_first_run_loads_bundled_sample_and_exports_ics(
    cli: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "programme.ics"
    assert main(["programme", "export", "--format", "ics", "--lang", "ja", "-o", str(out)]) == 0
    calendar = Calendar.from_ical(out.read_bytes())
    titles = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert "閉会式・静岡宣言の採択" in titles
    assert main(["programme", "export", "--format", "csv"]) == 0
    csv_out = capsys.readouterr().out
    assert csv_out.startswith("id,date,start,end,track,")
    assert "ws-environment,2024-11-20,13:30,16:00,environment" in csv_out


def test_sqlite_migrates_itself_postgresql_waits_for_db_upgrade(
    database: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for key, value in database.env().items():
        monkeypatch.setenv(key, value)
    if database.kind == "sqlite":
        assert main(["programme", "export"]) == 0
        assert "ws-economy" in capsys.readouterr().out
    else:
        assert main(["programme", "export"]) == 2
        assert "confbot db upgrade" in capsys.readouterr().err


def test_missing_file_is_a_clear_error(cli: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["programme", "import", "/nonexistent/programme.csv"]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_yaml_import(cli: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["programme", "import", str(DATA / "programme.csv")]) == 0
    exported = tmp_path / "p.yaml"
    assert main(["programme", "export", "--format", "yaml", "-o", str(exported)]) == 0
    capsys.readouterr()
    assert main(["programme", "import", str(exported)]) == 0
    assert capsys.readouterr().out.strip() == "no changes"


def _rows(prefix: str, count: int) -> list[SessionRow]:
    start = datetime(2024, 11, 20, 1, 0, tzinfo=UTC)
    return [
        SessionRow(
            id=f"{prefix}-{n}",
            starts_at=start + timedelta(minutes=n),
            ends_at=start + timedelta(minutes=n + 30),
            track="plenary",
            title_fr=f"Session {prefix} {n}",
            title_ja=f"セッション {prefix} {n}",
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
async def test_replacing_thousands_of_sessions(app: App, clock: FixedClock) -> None:
    """Removing 1,100 sessions at once stays within SQLite's limits on the size of a
    statement (an expression of more than 1,000 terms is refused)."""
    async with app.sessionmaker.begin() as db:
        await replace_programme(
            db, _rows("old", 1100), source="a", sample=False, actor="t", now=clock.now,
            notify=NotifyOptions.of(app.deps, clock.now),
        )  # fmt: skip
    async with app.sessionmaker.begin() as db:
        diff = await replace_programme(
            db, _rows("new", 2), source="b", sample=False, actor="t", now=clock.now,
            notify=NotifyOptions.of(app.deps, clock.now),
        )  # fmt: skip
    assert len(diff.removed) == 1100
    async with app.sessionmaker() as db:
        assert [r.id for r in await load_rows(db)] == ["new-0", "new-1"]


async def test_two_imports_at_once_leave_one_of_the_two_programmes(
    app: App, clock: FixedClock
) -> None:
    """The second waits for the first and computes its difference against what the first left:
    never the union of both files."""
    first, second = _rows("a", 3), _rows("b", 2)
    async with app.sessionmaker.begin() as db:
        await replace_programme(db, first, source="a", sample=False, actor="t", now=clock.now)
        other = asyncio.create_task(_import(app, second, clock))
        await asyncio.sleep(0.3)
        assert not other.done()  # waiting for the first import's transaction
    await other
    async with app.sessionmaker() as db:
        assert [r.id for r in await load_rows(db)] == ["b-0", "b-1"]


async def _import(app: App, rows: list[SessionRow], clock: FixedClock) -> None:
    async with app.sessionmaker.begin() as db:
        await replace_programme(db, rows, source="b", sample=False, actor="t", now=clock.now)
