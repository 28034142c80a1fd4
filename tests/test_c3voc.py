"""The c3voc schedule format: pretalx's schedule.json and frab's schedule.xml read into the
programme (rooms, tracks, persons, languages), problems named by their path, and confbot's
own exports valid against the published schemas and read back unchanged."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import defusedxml.ElementTree as SafeET
import pytest

from bot.content import load_conference
from db.models import SessionStatus
from handlers.core.conference import ConferenceInfo
from handlers.schedule.c3voc.schema import json_deviations, xml_deviations
from handlers.schedule.c3voc.write import ScheduleOptions, to_schedule_json, to_schedule_xml
from handlers.schedule.files import ProgrammeFileError
from handlers.schedule.formats import parse_programme, read_programme
from handlers.schedule.model import SessionRow
from tests.conftest import DATA

TZ = ZoneInfo("Asia/Tokyo")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def conference() -> ConferenceInfo:
    return load_conference(ROOT / "content")[0]


def test_a_pretalx_schedule_json(conference: ConferenceInfo) -> None:
    parsed = read_programme(DATA / "pretalx-schedule.json", TZ, tracks=conference.tracks)
    by_id = {r.id: r for r in parsed.rows}
    # pretalx's submission codes are the ids: stable when a title or a time changes
    assert list(by_id) == ["VM8QKX", "OP3NQZ", "PN1RVB", "EC9WS1", "SO2WS2", "RC7PTN", "CL0SDC"]
    panel = by_id["PN1RVB"]
    assert (panel.starts_at, panel.ends_at) == (
        datetime(2024, 11, 20, 1, 0, tzinfo=UTC),
        datetime(2024, 11, 20, 3, 0, tzinfo=UTC),
    )
    assert panel.speakers == ("Intervenante de Cités Unies France", "自治体国際化協会の登壇者")
    assert panel.room_fr == panel.room_ja == "全体会場"
    assert panel.description_fr == "日仏自治体のパートナーシップが世界にもたらす新しい価値"
    # one title per event: the same in every language, and the CLI is told
    assert panel.title_fr == panel.title_ja == panel.title_en == "全体会：第1パネルディスカッション"
    assert {r.id: r.track for r in parsed.rows} == {
        "VM8QKX": "visites-professionnelles",
        "OP3NQZ": "ceremony",  # 式典
        "PN1RVB": "plenary",  # 全体会
        "EC9WS1": "economy",  # Atelier 1 – Économie
        "SO2WS2": "society",  # Société
        "RC7PTN": "other",  # no track
        "CL0SDC": "ceremony",
    }
    warnings = "\n".join(str(w) for w in parsed.warnings)
    assert "track 'Visites professionnelles' is not in content/tracks.yaml" in warnings
    assert "1 session(s) without a track: imported as 'other'" in warnings
    assert "7 session(s) have their title in one language only (the file says: fr, ja)" in warnings
    # pretalx's slug of a Japanese title ends with '-', which the schema does not allow
    assert "schema: $.schedule.conference.days[2].rooms.全体会場[0].slug" in warnings
    assert str(parsed.reading) == "c3voc schedule.json"


def test_a_frab_schedule_xml(conference: ConferenceInfo) -> None:
    parsed = read_programme(DATA / "frab-schedule.xml", TZ, tracks=conference.tracks)
    by_id = {r.id: r for r in parsed.rows}
    assert list(by_id) == ["201", "202", "203", "204", "205"]
    assert {r.track for r in parsed.rows} == {"visit", "environment", "plenary"}
    workshop = by_id["203"]
    # a French title with its Japanese translation as subtitle: both languages
    assert workshop.title_fr.startswith("Atelier 3 – Environnement")
    assert workshop.title_ja == "第3分科会 環境「脱炭素社会の実現と魅力ある地域づくり」"
    assert workshop.speakers == ("Intervenant de la Ville de Tours", "静岡市の登壇者")
    assert workshop.ends_at == datetime(2024, 11, 20, 7, 0, tzinfo=UTC)  # 13:30 + 02:30 JST
    assert by_id["201"].starts_at == datetime(2024, 11, 19, 1, 0, tzinfo=UTC)
    assert by_id["201"].room_ja == "麻機地区の緑地"
    assert by_id["201"].description_ja == "フランス代表団による視察です。"
    assert not any(str(w).startswith("schema:") for w in parsed.warnings)
    assert any(
        "4 session(s) have their title in one language only" in str(w) for w in parsed.warnings
    )


def _schedule(events: list[dict[str, object]]) -> bytes:
    return json.dumps(
        {
            "schedule": {
                "version": "1",
                "conference": {
                    "acronym": "test",
                    "title": "Test",
                    "start": "2024-11-20",
                    "end": "2024-11-20",
                    "daysCount": 1,
                    "timeslot_duration": "00:05",
                    "time_zone_name": "Asia/Tokyo",
                    "days": [
                        {
                            "index": 1,
                            "date": "2024-11-20",
                            "day_start": "2024-11-20T04:00:00+09:00",
                            "day_end": "2024-11-21T03:59:00+09:00",
                            "rooms": {"Salle 1": events},
                        }
                    ],
                },
            }
        },
        ensure_ascii=False,
    ).encode()


EVENT = {
    "guid": "5a0e6a4e-2f0b-5b8e-9a57-1d3c1f0e7a14",
    "code": "EC9WS1",
    "id": 14,
    "date": "2024-11-20T13:30:00+09:00",
    "start": "13:30",
    "duration": "02:30",
    "room": "Salle 1",
    "title": "Atelier",
    "track": "Économie",
    "persons": [],
}


def test_titles_given_by_language_fill_each_language(conference: ConferenceInfo) -> None:
    event = {
        **EVENT,
        "title": {"fr-FR": "Atelier 1 – Économie", "ja_JP": "第1分科会 経済", "de": "Wirtschaft"},
        "room": {"fr": "Salle 1", "ja": "第1会場"},
        "abstract": {"fr": "Attractivité territoriale", "ja": "都市の価値"},
    }
    parsed = parse_programme(_schedule([event]), TZ, tracks=conference.tracks)
    row = parsed.rows[0]
    assert (row.title_fr, row.title_ja, row.title_en) == (
        "Atelier 1 – Économie",
        "第1分科会 経済",
        "",
    )
    assert (row.room_fr, row.room_ja) == ("Salle 1", "第1会場")
    assert (row.description_fr, row.description_ja) == ("Attractivité territoriale", "都市の価値")
    assert not any("one language only" in str(w) for w in parsed.warnings)


def test_a_bad_event_names_its_json_path_and_nothing_is_read() -> None:
    good = {**EVENT}
    bad = {
        **EVENT,
        "code": "SO2WS2",
        "guid": "5a0e6a4e-2f0b-5b8e-9a57-1d3c1f0e7a15",
        "date": "20/11/2024 13:30",
    }
    with pytest.raises(ProgrammeFileError) as failure:
        parse_programme(_schedule([good, bad]), TZ)
    assert [str(p) for p in failure.value.problems] == [
        '$.schedule.conference.days[0].rooms["Salle 1"][1], column date: '
        "'20/11/2024 13:30' is not an ISO date-time"
    ]


def test_a_bad_element_names_its_xml_path() -> None:
    text = (DATA / "frab-schedule.xml").read_text(encoding="utf-8")
    text = text.replace("<duration>00:45</duration>", "<duration>trois quarts d'heure</duration>")
    text = text.replace(
        '<event guid="e4a0c2f6-7b1d-4c9e-a3f5-0d2b6c8e1f02" id="202">',
        '<event guid="e4a0c2f6-7b1d-4c9e-a3f5-0d2b6c8e1f01" id="201">',
    )  # the same event twice
    with pytest.raises(ProgrammeFileError) as failure:
        parse_programme(text.encode(), TZ)
    assert [str(p) for p in failure.value.problems] == [
        "/schedule/day[1]/room[2]/event[1], column id: duplicate id 201, first at "
        "/schedule/day[1]/room[1]/event[1]",
        "/schedule/day[3]/room[1]/event[2], column duration: "
        '"trois quarts d\'heure" is not a duration HH:MM',
    ]


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE schedule [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE schedule [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_xml_entities_are_not_expanded(doctype: str) -> None:
    text = (DATA / "frab-schedule.xml").read_text(encoding="utf-8")
    text = text.replace("<schedule>", f"{doctype}\n<schedule>", 1).replace(
        "<title>第8回日仏自治体交流会議</title>", "<title>&b;&secret;</title>"
    )
    with pytest.raises(ProgrammeFileError, match="refused XML"):
        parse_programme(text.encode(), TZ)


def test_a_talk_in_two_slots_keeps_both() -> None:
    second = {
        **EVENT,
        "guid": "5a0e6a4e-2f0b-5b8e-9a57-1d3c1f0e7a99",
        "date": "2024-11-20T16:30:00+09:00",
    }
    parsed = parse_programme(_schedule([EVENT, second]), TZ)
    assert [r.id for r in parsed.rows] == ["EC9WS1", "5a0e6a4e-2f0b-5b8e-9a57-1d3c1f0e7a99"]
    assert any("this slot's id is its guid" in str(w) for w in parsed.warnings)


# ----------------------------------------------------------------------------- export


def sample_rows() -> list[SessionRow]:
    """The bundled programme, with what c3voc cannot say: a cancelled session, an id a c3voc
    slug cannot hold, speakers, a description with characters an XML comment refuses."""
    rows = read_programme(ROOT / "content" / "programme.csv", TZ).rows
    rows[0] = replace(rows[0], status=SessionStatus.CANCELLED)
    rows[1] = replace(
        rows[1], id="Visite.Asahata_2", track="gala", speakers=("静岡市長", "Maire de Tours")
    )
    rows[2] = replace(rows[2], description_fr="« Visite » -- <b>&amp; 10 h -> 12 h</b>")
    return rows


def options(conference: ConferenceInfo, language: str = "fr") -> ScheduleOptions:
    return ScheduleOptions(
        conference=conference, tz=TZ, language=language, acronym="rencontres2024",
        version="7", cancelled_mark="(annulée)", generator_version="0.1.0",
    )  # fmt: skip


def test_the_export_is_valid_against_both_schemas(conference: ConferenceInfo) -> None:
    rows = sample_rows()
    document = json.loads(to_schedule_json(rows, options(conference)))
    assert json_deviations(document) == []
    assert xml_deviations(SafeET.fromstring(to_schedule_xml(rows, options(conference)))) == []
    events = [
        e
        for day in document["schedule"]["conference"]["days"]
        for room in day["rooms"].values()
        for e in room
    ]
    assert len(events) == len(rows)
    assert all(re.fullmatch(r"[a-z0-9_-]+[a-z0-9]", e["slug"]) for e in events)


@pytest.mark.parametrize("export", [to_schedule_json, to_schedule_xml])
def test_export_then_import_gives_the_same_programme(
    conference: ConferenceInfo, export: object
) -> None:
    rows = sample_rows()
    data = export(rows, options(conference, "ja"))  # type: ignore[operator]
    parsed = parse_programme(
        data if isinstance(data, bytes) else data.encode(), TZ, tracks=conference.tracks
    )
    assert parsed.rows == sorted(rows, key=lambda r: (r.starts_at, r.id))
    assert parsed.warnings == []


def test_other_readers_see_one_language_and_the_cancellation(conference: ConferenceInfo) -> None:
    rows = sample_rows()
    document = json.loads(to_schedule_json(rows, options(conference, "ja")))
    first = document["schedule"]["conference"]["days"][0]["rooms"]["用宗地区"][0]
    assert first["title"] == "専門視察：用宗地区 (annulée)"
    assert first["track"] == "視察"
    assert first["abstract"] == "フランス代表団による視察です。"
    root = SafeET.fromstring(to_schedule_xml(rows, options(conference, "fr")))
    titles = [e.findtext("title") for e in root.iter("event")]
    assert "Cérémonie d'ouverture" in titles
    persons = [p.text for p in root.iter("person")]
    assert persons == ["静岡市長", "Maire de Tours"]


def test_a_schedule_stripped_of_confbot_data_reads_as_any_c3voc_file(
    conference: ConferenceInfo,
) -> None:
    """What another tool that rewrites the file leaves: the visible fields only."""
    rows = sample_rows()
    document = json.loads(to_schedule_json(rows, options(conference, "fr")))
    del document["schedule"]["conference"]["meta"]
    parsed = parse_programme(json.dumps(document).encode(), TZ, tracks=conference.tracks)
    opening = next(r for r in parsed.rows if r.title_fr == "Cérémonie d'ouverture")
    assert opening.title_ja == "Cérémonie d'ouverture" and opening.track == "ceremony"
    assert {r.track for r in parsed.rows} >= {"plenary", "economy", "society", "environment"}
