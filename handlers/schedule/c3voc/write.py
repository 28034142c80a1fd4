"""confbot's programme as a c3voc schedule.json or schedule.xml, valid against the published
schemas, for the apps that read them (EventFahrplan, Giggity, info-beamer) and for confbot.

Other readers see each session in one language (`language`: titles, rooms, descriptions and
track names; c3voc has one title per event), a cancelled one marked in its title. Reading
the file back into confbot gives the same programme: the rest travels as `extension.py` says.
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from db.models import SessionStatus
from handlers.core.conference import ConferenceInfo
from handlers.schedule.c3voc.extension import KEY, extras_of, to_comment
from handlers.schedule.model import SessionRow

GENERATOR = "confbot"
# Both schemas' acronym patterns at once (JSON: ^[a-z0-9_-][a-z0-9_]{3,}…$, XSD: [a-z0-9_-]{4,}).
ACRONYM = re.compile(r"^[a-z0-9_][a-z0-9_]{3,}$")
_TRACK_SLUG = re.compile(r"^[a-z][a-z0-9-]+$")  # the XSD's track slug
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class ScheduleOptions:
    conference: ConferenceInfo
    tz: ZoneInfo
    language: str = "fr"  # of the texts other readers show
    acronym: str = GENERATOR
    version: str = "1"  # the programme's version, for readers that compare schedules
    cancelled_mark: str = "(cancelled)"  # added to a cancelled session's title
    generator_version: str = ""


def to_schedule_json(rows: Sequence[SessionRow], options: ScheduleOptions) -> str:
    document = {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": GENERATOR, "version": options.generator_version},
        "schedule": {
            "version": options.version,
            "conference": {
                **_conference(rows, options),
                "rooms": [
                    {"name": name, "guid": _guid(options, "room", name)}
                    for name in _rooms(rows, options)
                ],
                "tracks": [
                    {k: v for k, v in t.items() if k in ("name", "slug", "color")}
                    for t in _tracks(rows, options)
                ],
                "days": [
                    {
                        "index": index,
                        "date": day.isoformat(),
                        "day_start": _day_bounds(day, options.tz)[0],
                        "day_end": _day_bounds(day, options.tz)[1],
                        "rooms": {
                            room: [_json_event(row, number, options) for row, number in events]
                            for room, events in by_room.items()
                        },
                    }
                    for index, (day, by_room) in enumerate(_days(rows, options), start=1)
                ],
                "meta": {
                    KEY: {
                        "sessions": {
                            _guid(options, "session", row.id): extras_of(row) for row in rows
                        }
                    }
                },
            },
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_schedule_xml(rows: Sequence[SessionRow], options: ScheduleOptions) -> bytes:
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name=GENERATOR, version=options.generator_version)
    ET.SubElement(root, "version").text = options.version
    conference = ET.SubElement(root, "conference")
    for name, value in _conference(rows, options).items():
        if name != "daysCount":
            ET.SubElement(conference, name).text = str(value)
    ET.SubElement(conference, "days").text = str(_conference(rows, options)["daysCount"])
    for track in _tracks(rows, options):
        attributes = {"name": track["name"]}
        if _TRACK_SLUG.match(track["slug"]):
            attributes["slug"] = track["slug"]
        if "color" in track:
            attributes["color"] = track["color"]
        ET.SubElement(conference, "track", attributes)
    for index, (day, by_room) in enumerate(_days(rows, options), start=1):
        start, end = _day_bounds(day, options.tz)
        day_element = ET.SubElement(
            root, "day", index=str(index), date=day.isoformat(), start=start, end=end
        )
        for room, events in by_room.items():
            room_element = ET.SubElement(
                day_element, "room", name=room, guid=_guid(options, "room", room)
            )
            for row, number in events:
                _xml_event(room_element, row, number, options)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f"<?xml version='1.0' encoding='utf-8'?>\n{body}\n".encode()


def _json_event(row: SessionRow, number: int, options: ScheduleOptions) -> dict[str, Any]:
    start, end = row.starts_at.astimezone(options.tz), row.ends_at.astimezone(options.tz)
    guid = _guid(options, "session", row.id)
    return {
        "guid": guid,
        "id": number,
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "end": end.isoformat(),
        "duration": _duration(row.ends_at - row.starts_at),
        "room": _room(row, options),
        "slug": _slug(options.acronym, number, row.id),
        # No web page per session: the event's own URN (RFC 4122) is its URL.
        "url": f"urn:uuid:{guid}",
        "title": _title(row, options),
        "subtitle": "",
        "track": _track_name(row.track, options),
        "type": _type(row, options),
        "language": None,  # the language spoken: not in confbot's programme
        "abstract": _pick(row, "description", options.language) or None,
        "persons": [
            {"name": name, "public_name": name, "guid": _guid(options, "person", name)}
            for name in row.speakers
        ],
        "links": [],
    }


def _xml_event(parent: ET.Element, row: SessionRow, number: int, options: ScheduleOptions) -> None:
    start = row.starts_at.astimezone(options.tz)
    event = ET.SubElement(parent, "event", guid=_guid(options, "session", row.id), id=str(number))
    event.append(ET.Comment(to_comment(extras_of(row))))
    for name, value in (
        ("date", start.isoformat()),
        ("start", start.strftime("%H:%M")),
        ("duration", _duration(row.ends_at - row.starts_at)),
        ("room", _room(row, options)),
        ("title", _title(row, options)),
        ("subtitle", ""),
        ("track", _track_name(row.track, options)),
        ("type", _type(row, options)),
        ("abstract", _pick(row, "description", options.language)),
    ):
        ET.SubElement(event, name).text = value
    persons = ET.SubElement(event, "persons")
    for name in row.speakers:
        ET.SubElement(persons, "person", guid=_guid(options, "person", name)).text = name
    ET.SubElement(event, "links")


def _conference(rows: Sequence[SessionRow], options: ScheduleOptions) -> dict[str, Any]:
    days = [d for d, _ in _days(rows, options)]
    first, last = (days[0], days[-1]) if days else (date.today(), date.today())
    return {
        "acronym": options.acronym,
        "title": options.conference.name.get(options.language),
        "start": first.isoformat(),
        "end": last.isoformat(),
        "daysCount": (last - first).days + 1,
        "timeslot_duration": "00:05",
        "time_zone_name": str(options.tz),
    }


def _days(
    rows: Sequence[SessionRow], options: ScheduleOptions
) -> list[tuple[date, dict[str, list[tuple[SessionRow, int]]]]]:
    """Sessions by day (of their start, in the venue's zone), then by room, with the event
    number each has (c3voc wants a positive integer id: confbot's ids in sorted order)."""
    numbers = {session_id: n for n, session_id in enumerate(sorted(r.id for r in rows), start=1)}
    days: dict[date, dict[str, list[tuple[SessionRow, int]]]] = {}
    for row in sorted(rows, key=lambda r: (r.starts_at, r.id)):
        day = row.starts_at.astimezone(options.tz).date()
        days.setdefault(day, {}).setdefault(_room(row, options), []).append((row, numbers[row.id]))
    return sorted(days.items())


def _day_bounds(day: date, tz: ZoneInfo) -> tuple[str, str]:
    start = datetime.combine(day, time(0, 0), tz)
    return start.isoformat(), (start + timedelta(days=1, minutes=-1)).isoformat()


def _rooms(rows: Sequence[SessionRow], options: ScheduleOptions) -> list[str]:
    return list(dict.fromkeys(_room(r, options) for r in rows))


def _tracks(rows: Sequence[SessionRow], options: ScheduleOptions) -> list[dict[str, str]]:
    used = {r.track for r in rows}
    known = {t.code: t for t in options.conference.tracks}
    found = []
    for code in sorted(used, key=lambda c: (known[c].position if c in known else 1_000, c)):
        track = {"name": _track_name(code, options), "slug": code}
        if code in known and _HEX_COLOUR.match(known[code].colour):
            track["color"] = known[code].colour
        found.append(track)
    return found


def _track_name(code: str, options: ScheduleOptions) -> str:
    track = next((t for t in options.conference.tracks if t.code == code), None)
    return track.name.get(options.language) if track else code


def _type(row: SessionRow, options: ScheduleOptions) -> str:
    track = next((t for t in options.conference.tracks if t.code == row.track), None)
    return "workshop" if track and track.workshop else "other"


def _title(row: SessionRow, options: ScheduleOptions) -> str:
    title = _pick(row, "title", options.language)
    if row.status is SessionStatus.CANCELLED:
        title = f"{title} {options.cancelled_mark}"
    return title


def _room(row: SessionRow, options: ScheduleOptions) -> str:
    return _pick(row, "room", options.language)


def _pick(row: SessionRow, name: str, language: str) -> str:
    value = str(getattr(row, f"{name}_{language}", "") or "")
    return value or str(getattr(row, f"{name}_fr") or getattr(row, f"{name}_ja"))


def _duration(length: timedelta) -> str:
    minutes = int(length.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _slug(acronym: str, number: int, session_id: str) -> str:
    """Like pretalx's and frab's `<acronym>-<id>-<words>`, from confbot's id (ASCII)."""
    return re.sub(r"[^a-z0-9]+", "-", f"{acronym}-{number}-{session_id}".lower()).strip("-_")


def _guid(options: ScheduleOptions, kind: str, key: str) -> str:
    """The same for the same session, room or person in every export of this conference."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:confbot:{options.acronym}:{kind}:{key}"))
