"""`confbot programme import/export` against SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import time as time_module
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import defusedxml.ElementTree as SafeET
import openpyxl
import pytest
from icalendar import Calendar
from sqlalchemy import select

from bot.app import App
from bot.cli.main import main
from bot.cli.programme_import import ImportOptions, run_import
from bot.settings import Settings
from db.engine import make_engine, make_sessionmaker
from db.models import ChangeEvent
from handlers.notify.options import NotifyOptions
from handlers.schedule.c3voc.schema import json_deviations, xml_deviations
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


# ------------------------------------------------------------------- other formats, URLs


def test_a_pretalx_schedule_imports_and_the_c3voc_export_comes_back_unchanged(
    cli: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["programme", "import", str(DATA / "pretalx-schedule.json")]) == 0
    out, err = capsys.readouterr()
    assert "+ PN1RVB: 2024-11-20 10:00 全体会：第1パネルディスカッション" in out
    assert "pretalx-schedule.json: c3voc schedule.json, 7 sessions" in err
    assert "warning: 7 session(s) have their title in one language only" in err
    assert stored(cli)["EC9WS1"] == ("2024-11-20T04:30:00+00:00", "第1会場")
    for export in ("json", "xml"):
        path = tmp_path / f"schedule.{export}"
        assert (
            main(["programme", "export", "--format", export, "--lang", "ja", "-o", str(path)]) == 0
        )
        if export == "json":
            assert json_deviations(json.loads(path.read_text(encoding="utf-8"))) == []
        else:
            assert xml_deviations(SafeET.fromstring(path.read_bytes())) == []
        capsys.readouterr()
        assert main(["programme", "import", str(path)]) == 0
        assert capsys.readouterr().out.strip() == "no changes"


def test_an_xlsx_workbook_imports(
    cli: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.create_sheet("Final")
    sheet.append(["id", "date", "start", "end", "track", "title_fr", "title_ja", "room_fr"])
    sheet.append(
        [
            "eco",
            date(2024, 11, 20),
            time(14, 0),
            time(16, 0),
            "economy",
            "Atelier économie",
            "経済分科会",
            "Salle Fuji",
        ]
    )
    path = tmp_path / "programme.xlsx"
    book.save(path)
    assert main(["programme", "import", str(path), "--sheet", "Final"]) == 0
    assert capsys.readouterr().out.startswith("1 added")
    assert stored(cli) == {"eco": ("2024-11-20T05:00:00+00:00", "Salle Fuji")}


class Served:
    """Files served on 127.0.0.1 by a thread: conditional GETs answered as a web server does
    (ETag, Last-Modified, 304), or a status or a delay when a test says so."""

    def __init__(self) -> None:
        self.body = b""
        self.status = 200
        self.delay = 0.0
        self.requests: list[dict[str, str]] = []
        self.before: dict[int, Callable[[], None]] = {}  # request number → what changes first
        served = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                served.requests.append(dict(self.headers.items()))
                served.before.get(len(served.requests), lambda: None)()
                time_module.sleep(served.delay)
                etag = f'"{hashlib.sha256(served.body).hexdigest()[:16]}"'
                if served.status != 200:
                    self.send_response(served.status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                else:
                    self.send_response(200)
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", "Wed, 20 Nov 2024 00:00:00 GMT")
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(served.body)))
                    self.end_headers()
                    self.wfile.write(served.body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/rencontres2024/schedule.json"

    def __enter__(self) -> Served:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _moved(body: bytes) -> bytes:
    """The same schedule with the economy workshop half an hour later."""
    return body.replace(
        b'"2024-11-20T13:30:00+09:00",\n                "start": "13:30",\n                "duration": "02:30",\n                "room": "\xe7\xac\xac1',
        b'"2024-11-20T14:00:00+09:00",\n                "start": "14:00",\n                "duration": "02:30",\n                "room": "\xe7\xac\xac1',
    )


async def _change_sources(database: Database) -> list[tuple[str, str]]:
    engine = make_engine(database.url, schema=database.schema)
    try:
        async with make_sessionmaker(engine)() as db:
            rows = await db.execute(select(ChangeEvent.session_id, ChangeEvent.source))
            return [(s, src) for s, src in rows.all()]
    finally:
        await engine.dispose()


def test_a_watched_url_is_imported_only_when_it_changed(
    cli: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    body = (DATA / "pretalx-schedule.json").read_bytes()
    moved = _moved(body)
    assert moved != body

    def fail() -> None:  # the organisers move a session in pretalx, whose server fails once
        served.body, served.status = moved, 500

    def recover() -> None:
        served.status = 200

    with Served() as served:
        served.body = body
        served.before = {3: fail, 4: recover}
        options = ImportOptions(served.url, watch=0.05, polls=4)
        assert asyncio.run(run_import(Settings(), options)) == 0
    etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
    assert "If-None-Match" not in served.requests[0]
    assert served.requests[1]["If-None-Match"] == etag
    assert served.requests[1]["If-Modified-Since"] == "Wed, 20 Nov 2024 00:00:00 GMT"
    assert served.requests[3]["If-None-Match"] == etag  # the failed poll changed nothing
    out, err = capsys.readouterr()
    polls = [line.split(" ", 1)[1] for line in out.splitlines() if line[:2].isdigit()]
    assert polls[0].startswith("7 added")
    assert polls[1] == f"{served.url}: not modified since the last import"
    assert (
        f"{served.url}: HTTP 500 Internal Server Error: not imported, the current programme is kept"
        in err
    )
    assert polls[2] == "0 added, 0 removed, 1 changed"
    assert "~ EC9WS1" in out and "start: 2024-11-20 13:30 → 2024-11-20 14:00" in out
    assert stored(cli)["EC9WS1"][0] == "2024-11-20T05:00:00+00:00"
    # notified as any import: the change is written with its source, for the delegates' messages
    assert ("EC9WS1", "import schedule.json") in asyncio.run(_change_sources(cli))


@pytest.mark.parametrize(
    ("status", "delay", "said"),
    [
        (404, 0.0, "HTTP 404 Not Found"),
        (500, 0.0, "HTTP 500 Internal Server Error"),
        (200, 2.0, "no answer within 0.3 s"),
    ],
)
def test_a_url_that_fails_keeps_the_programme(
    cli: Database, capsys: pytest.CaptureFixture[str], status: int, delay: float, said: str
) -> None:
    assert main(["programme", "import", str(DATA / "programme.csv")]) == 0
    before = stored(cli)
    capsys.readouterr()
    with Served() as served:
        served.body, served.status, served.delay = b"id,date\n", status, delay
        assert main(["programme", "import", served.url, "--timeout", "0.3"]) == 1
    assert f"{said}: not imported, the current programme is kept" in capsys.readouterr().err
    assert stored(cli) == before


def test_a_url_serving_a_web_page_is_named(
    cli: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    with Served() as served:
        served.body = b"<!DOCTYPE html><html><body>Programme</body></html>"
        assert main(["programme", "import", served.url]) == 1
    err = capsys.readouterr().err
    assert "this is an HTML page" in err and "the current programme is kept" in err


def test_watch_is_for_urls(cli: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["programme", "import", str(DATA / "programme.csv"), "--watch", "300"]) == 2
    assert "--watch polls a URL" in capsys.readouterr().err


def test_a_bad_event_names_its_xml_path_and_changes_nothing(
    cli: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["programme", "import", str(DATA / "frab-schedule.xml")]) == 0
    before = stored(cli)
    capsys.readouterr()
    broken = tmp_path / "schedule.xml"
    text = (DATA / "frab-schedule.xml").read_text(encoding="utf-8")
    text = text.replace("<room>Salle 3</room>", "<room>Salle 4</room>")  # a change…
    broken.write_text(text.replace("<duration>00:45</duration>", "<duration>45 min</duration>"))
    assert main(["programme", "import", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "not imported, nothing changed" in err
    assert "/schedule/day[3]/room[1]/event[2], column duration: '45 min' is not a duration" in err
    assert stored(cli) == before  # …that did not happen
