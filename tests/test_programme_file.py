"""Reading and writing programme files: every problem named by line and column."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from db.models import SessionStatus
from handlers.schedule.files import (
    ProblemKind,
    ProgrammeFileError,
    parse_csv,
    parse_yaml,
    to_csv,
    to_yaml,
)
from handlers.schedule.formats import read_programme
from handlers.schedule.ics import to_ics

TZ = ZoneInfo("Asia/Tokyo")
DATA = Path(__file__).parent / "data"
HEADER = "id,date,start,end,track,title_fr,title_ja"


def test_reads_columns_in_any_order_and_converts_venue_time_to_utc() -> None:
    parsed = read_programme(DATA / "programme.csv", TZ)
    by_id = {r.id: r for r in parsed.rows}
    assert set(by_id) == {"open", "panel", "eco", "soc", "env", "visit"}
    assert by_id["eco"].starts_at == datetime(2024, 11, 20, 5, 0, tzinfo=UTC)
    assert by_id["eco"].room_ja == "富士の間"
    assert by_id["panel"].speakers == ("Maire de Tours", "市長")
    assert by_id["visit"].status is SessionStatus.CANCELLED
    assert by_id["open"].status is SessionStatus.CONFIRMED


def test_broken_row_names_line_and_column() -> None:
    text = (
        f"{HEADER}\na,2024-11-20,09:00,10:00,plenary,A,あ\nb,2024-11-20,25:00,10:00,plenary,B,い\n"
    )
    with pytest.raises(ProgrammeFileError) as error:
        parse_csv(text, TZ)
    assert [(p.line, p.column) for p in error.value.problems] == [(3, "start")]
    assert "line 3, column start" in str(error.value)


def test_every_problem_is_reported_at_once() -> None:
    text = (
        f"{HEADER}\n"
        "a,2024-13-01,09:00,10:00,plenary,A,あ\n"
        "b,2024-11-20,11:00,10:00,plenary,B,い\n"
        "a,2024-11-20,09:00,10:00,plenary,C,う\n"
        ",2024-11-20,09:00,10:00,plenary,D,え\n"
        "e,2024-11-20,09:00,10:00,Plenary Session,E,お\n"
    )
    with pytest.raises(ProgrammeFileError) as error:
        parse_csv(text, TZ)
    found = {(p.line, p.column) for p in error.value.problems}
    assert found == {(2, "date"), (3, "end"), (5, "id"), (6, "track")}


def test_duplicate_id_is_refused() -> None:
    text = (
        f"{HEADER}\na,2024-11-20,09:00,10:00,plenary,A,あ\na,2024-11-20,11:00,12:00,plenary,B,い\n"
    )
    with pytest.raises(ProgrammeFileError) as error:
        parse_csv(text, TZ)
    assert error.value.problems[0].line == 3
    assert "duplicate" in error.value.problems[0].reason


def test_missing_required_column_and_unknown_column() -> None:
    with pytest.raises(ProgrammeFileError) as error:
        parse_csv("id,date,start,track,title_fr,colour\n", TZ)
    assert {(p.line, p.column) for p in error.value.problems} == {(1, "end"), (1, "colour")}


def test_missing_title_falls_back_with_a_warning() -> None:
    parsed = parse_csv(f"{HEADER}\na,2024-11-20,09:00,10:00,plenary,Ouverture,\n", TZ)
    assert parsed.rows[0].title_ja == "Ouverture"
    assert parsed.warnings and "title_ja" in str(parsed.warnings[0])


def test_semicolon_separated_spreadsheet_export_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    text = HEADER.replace(",", ";") + "\r\na;2024-11-20;09:00;10:00;plenary;A, B;あ\r\n"
    path.write_bytes(text.encode("utf-8-sig"))
    parsed = read_programme(path, TZ)
    assert parsed.rows[0].id == "a"
    assert parsed.rows[0].title_fr == "A, B"


def test_a_latin1_file_is_refused_clearly(tmp_path: Path) -> None:
    """Neither UTF-8 nor cp932: the error names the encoding assumed, the line and column."""
    path = tmp_path / "p.csv"
    path.write_bytes(f"{HEADER}\na,2024-11-20,09:00,10:00,plenary,Été,x\n".encode("latin-1"))
    with pytest.raises(ProgrammeFileError) as failure:
        read_programme(path, TZ)
    message = str(failure.value)
    assert "line 2" in message and "cp932" in message and "UTF-8" in message


def test_yaml_times_are_read_as_written_not_as_sexagesimal() -> None:
    text = """
sessions:
  - id: a
    date: 2024-11-20
    start: 13:30
    end: 15:00
    track: economy
    title_fr: Atelier
    title_ja: 分科会
    speakers: [Alice, 鈴木]
"""
    row = parse_yaml(text, TZ).rows[0]
    assert row.starts_at == datetime(2024, 11, 20, 4, 30, tzinfo=UTC)
    assert row.speakers == ("Alice", "鈴木")


def test_yaml_problem_has_line_number() -> None:
    text = "- id: a\n  date: 2024-11-20\n  start: 9h\n  end: 10:00\n  track: x\n  title_fr: A\n"
    with pytest.raises(ProgrammeFileError) as error:
        parse_yaml(text, TZ)
    assert (error.value.problems[0].line, error.value.problems[0].column) == (1, "start")


def test_a_yaml_session_naming_a_field_twice_is_refused_at_the_second() -> None:
    text = "- id: a\n  date: 2024-11-20\n  start: 9:00\n  end: 10:00\n  start: 9:30\n"
    with pytest.raises(ProgrammeFileError) as error:
        parse_yaml(text, TZ)
    problem = error.value.problems[0]
    assert (problem.line, problem.column, problem.kind) == (5, "start", ProblemKind.REPEATED_FIELD)


def test_csv_and_yaml_exports_round_trip() -> None:
    rows = read_programme(DATA / "programme.csv", TZ).rows
    assert parse_csv(to_csv(rows, TZ), TZ).rows == rows
    assert parse_yaml(to_yaml(rows, TZ), TZ).rows == rows


def test_ics_has_zone_and_one_event_per_session() -> None:
    rows = read_programme(DATA / "programme.csv", TZ).rows
    data = to_ics(rows, TZ, language="ja", calendar_name="会議", uid_domain="confbot")
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == len(rows)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Tokyo"
    eco = next(e for e in events if str(e["UID"]) == "eco@confbot")
    assert eco.decoded("DTSTART") == datetime(2024, 11, 20, 14, 0, tzinfo=TZ)
    assert str(eco["SUMMARY"]) == "経済分科会"
    assert str(next(e for e in events if str(e["UID"]) == "visit@confbot")["STATUS"]) == (
        "CANCELLED"
    )
    assert b"DTSTART;TZID=Asia/Tokyo:20241120T140000" in data


def test_a_stray_quote_control_characters_and_aliases_are_refused(tmp_path: Path) -> None:
    header = "id,date,start,end,track,title_fr,title_ja\n"
    stray = (
        header
        + 'a,2024-11-20,10:00,11:00,plenary,"Ouverture,開会\nb,2024-11-20,11:00,12:00,plenary,Suite,続き\n'
    )
    with pytest.raises(ProgrammeFileError) as swallowed:
        parse_csv(stray, TZ)
    assert "quote" in str(swallowed.value) and "line 3" in str(swallowed.value)
    nul = header + "a,2024-11-20,10:00,11:00,plenary,Ouver\x00ture,開会\n"
    with pytest.raises(ProgrammeFileError) as control:
        parse_csv(nul, TZ)
    assert "line 2" in str(control.value) and "control character" in str(control.value)
    bomb = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nsessions: [*b, *b]\n"
    with pytest.raises(ProgrammeFileError) as aliases:
        parse_yaml(bomb, TZ)
    assert "aliases" in str(aliases.value)


def test_formula_cells_are_exported_as_text() -> None:
    rows = parse_csv(
        "id,date,start,end,track,title_fr,title_ja\n"
        'a,2024-11-20,10:00,11:00,plenary,"=HYPERLINK(""http://x"")",開会\n',
        TZ,
    ).rows
    exported = to_csv(rows, TZ)
    assert "'=HYPERLINK" in exported and ",=HYPERLINK" not in exported
