"""A c3voc schedule (schedule.json or schedule.xml, as pretalx and frab export it) as
confbot's programme.

- a session's id is confbot's own (files confbot exported), else pretalx's submission `code`,
  else the event's numeric `id` (frab, pretalx's XML), else its `guid`; a talk scheduled twice
  (one code, two slots) keeps its guid as the id of the second slot;
- times come from `date` (with its UTC offset) and `end` or `duration`;
- rooms and persons (the speakers) are taken as named; tracks as in `tracks.py`;
- a text given by language ({"fr": …, "ja-JP": …}, as pretalx's i18n fields and c3voc's
  "LocalizableString" are written) fills each language; a title and a subtitle of which one
  only is in Japanese script are the Japanese and the French titles (bilingual frab
  schedules do this); any other single title (c3voc's usual one) is used in every language,
  with a warning that says which language the file gives for the event;
- the whole document is also checked against the published schema: deviations that do not
  stop the import are warnings.

Every problem names where it is: the JSON path, or the XML path of the element.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import XMLParser

from db.models import SessionStatus
from handlers.core.conference import TrackInfo
from handlers.schedule.c3voc.extension import (
    KEY,
    LANGUAGES,
    SessionExtras,
    from_comment,
    parse_extras,
)
from handlers.schedule.c3voc.schema import json_deviations, json_path, xml_deviations
from handlers.schedule.c3voc.tracks import TrackMapper
from handlers.schedule.files import (
    FileFormat,
    FileReading,
    ParsedProgramme,
    Problem,
    ProblemKind,
    ProgrammeFileError,
    ProgrammeWarning,
    WarningKind,
    check_row,
)
from handlers.schedule.model import SessionRow

MAX_SHOWN_DEVIATIONS = 10
_DURATION = re.compile(r"^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$")
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)")

# What an event gives, whichever syntax it came in: c3voc field → text, {language: text},
# a list of person names, or None.
Fields = dict[str, Any]


@dataclass
class _Event:
    where: str
    fields: Fields
    day: str = ""  # the date of the day it is listed under
    extras: Any = None  # confbot's record for it, when confbot wrote the file


@dataclass
class _Reading:
    tz: ZoneInfo
    tracks: TrackMapper
    problems: list[Problem] = field(default_factory=list)
    single_language: list[tuple[str, str]] = field(default_factory=list)  # (id, language)
    warnings: list[ProgrammeWarning] = field(default_factory=list)

    def problem(
        self,
        where: str,
        column: str,
        reason: str,
        kind: ProblemKind,
        *,
        value: str = "",
        expected: str = "",
        first: str = "",
    ) -> None:
        found = Problem(
            0, column, reason, where=where, kind=kind, value=value, expected=expected, first=first
        )
        self.problems.append(found)

    def other(self, where: str, reason: str) -> None:
        """A reason too rare to translate (confbot's own data, edited by hand)."""
        self.problem(where, "", reason, ProblemKind.OTHER)


# ------------------------------------------------------------------------------- JSON


def parse_schedule_json(
    text: str, tz: ZoneInfo, tracks: Sequence[TrackInfo] = ()
) -> ParsedProgramme:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = f"unreadable JSON at column {exc.colno}: {exc.msg}"
        detail = f"column {exc.colno}: {exc.msg}"
        problem = Problem.unreadable("JSON", detail, line=exc.lineno, reason=reason)
        raise ProgrammeFileError([problem]) from None
    except RecursionError:
        problem = Problem.unreadable("JSON", "nested too deeply", reason="JSON nested too deeply")
        raise ProgrammeFileError([problem]) from None
    schedule = document.get("schedule") if isinstance(document, dict) else None
    conference = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(conference, dict):
        missing = Problem(
            0, "", "no conference", where="$.schedule.conference", kind=ProblemKind.NOT_A_MAPPING
        )
        raise ProgrammeFileError([missing])
    slugs = {
        str(t.get("name")): str(t.get("slug") or "")
        for t in conference.get("tracks") or []
        if isinstance(t, dict) and t.get("name")
    }
    reading = _Reading(_zone(conference.get("time_zone_name"), tz), TrackMapper(tracks, slugs))
    meta = conference.get("meta")
    own = meta.get(KEY) if isinstance(meta, dict) else None
    extras = own.get("sessions") if isinstance(own, dict) else None
    extras = extras if isinstance(extras, dict) else {}
    events = list(_json_events(conference, extras, reading))
    return _finish(events, reading, json_deviations(document), FileFormat.C3VOC_JSON)


def _json_events(
    conference: dict[str, Any], extras: dict[str, Any], reading: _Reading
) -> Iterator[_Event]:
    days = conference.get("days")
    if not isinstance(days, list):
        reading.problem(
            "$.schedule.conference.days", "", "expected a list of days", ProblemKind.NOT_A_LIST
        )
        return
    for d, day in enumerate(days):
        base: list[str | int] = ["schedule", "conference", "days", d]
        rooms = day.get("rooms") if isinstance(day, dict) else None
        if not isinstance(rooms, dict):
            reading.problem(
                json_path([*base, "rooms"]), "", "expected rooms by name", ProblemKind.NOT_A_MAPPING
            )
            continue
        for room, events in rooms.items():
            if not isinstance(events, list):
                reading.problem(
                    json_path([*base, "rooms", room]), "", "expected a list", ProblemKind.NOT_A_LIST
                )
                continue
            for e, event in enumerate(events):
                where = json_path([*base, "rooms", room, e])
                if not isinstance(event, dict):
                    reading.problem(
                        where, "", "an event must be an object", ProblemKind.NOT_A_MAPPING
                    )
                    continue
                fields = dict(event)
                fields.setdefault("room", room)
                fields["persons"] = [
                    str(p.get("name") or p.get("public_name") or "") if isinstance(p, dict) else p
                    for p in event.get("persons") or []
                ]
                guid = str(event.get("guid") or "")
                yield _Event(where, fields, str(day.get("date") or ""), extras.get(guid))


# -------------------------------------------------------------------------------- XML


def parse_schedule_xml(
    data: bytes, tz: ZoneInfo, tracks: Sequence[TrackInfo] = ()
) -> ParsedProgramme:
    # defusedxml: no entity expansion (the "billion laughs"), no external entity or DTD fetch.
    parser = XMLParser(target=ET.TreeBuilder(insert_comments=True))
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        detail = f"{exc} (entities and external references are not read)"
        problem = Problem.unreadable("XML", detail, reason=f"refused XML: {detail}")
        raise ProgrammeFileError([problem]) from None
    except ET.ParseError as exc:
        line, column = exc.position
        reason = f"unreadable XML at column {column + 1}: {exc}"
        problem = Problem.unreadable("XML", str(exc), line=line, reason=reason)
        raise ProgrammeFileError([problem]) from None
    if root.tag != "schedule":
        raise ProgrammeFileError(
            [
                Problem(
                    0,
                    "",
                    f"the root element is <{root.tag}>, not <schedule>",
                    where="/",
                    kind=ProblemKind.UNSUPPORTED_FORMAT,
                    looks_like="xml",
                    value=f"<{root.tag}>",
                )
            ]
        )
    conference = root.find("conference")
    zone_name = conference.findtext("time_zone_name") if conference is not None else None
    slugs = {
        t.get("name", ""): t.get("slug", "")
        for t in (conference.findall("track") if conference is not None else [])
    }
    reading = _Reading(_zone(zone_name, tz), TrackMapper(tracks, slugs))
    events = list(_xml_events(root, reading))
    return _finish(events, reading, xml_deviations(root), FileFormat.C3VOC_XML)


def _xml_events(root: ET.Element, reading: _Reading) -> Iterator[_Event]:
    for d, day in enumerate(root.findall("day"), start=1):
        for r, room in enumerate(day.findall("room"), start=1):
            for e, event in enumerate(room.findall("event"), start=1):
                where = f"/schedule/day[{d}]/room[{r}]/event[{e}]"
                fields: Fields = {
                    k: v for k, v in event.attrib.items() if k in ("id", "guid", "code")
                }
                fields["room"] = room.get("name", "")
                extras = None
                for child in event:
                    if not isinstance(child.tag, str):  # a comment: the tree keeps no other
                        try:
                            extras = from_comment(child.text or "") or extras
                        except ValueError as exc:
                            reading.other(where, str(exc))
                    elif child.tag == "persons":
                        fields["persons"] = [(p.text or "") for p in child.findall("person")]
                    else:
                        fields[child.tag] = child.text or ""
                yield _Event(where, fields, day.get("date", ""), extras)


# ---------------------------------------------------------------------- both syntaxes


def _finish(
    events: list[_Event], reading: _Reading, deviations: list[tuple[str, str]], form: FileFormat
) -> ParsedProgramme:
    rows: list[SessionRow] = []
    seen: dict[str, str] = {}  # id → where
    guids: set[str] = set()
    for event in events:
        row = _row(event, reading)
        if row is None:
            continue
        guid = str(event.fields.get("guid") or "")
        if row.id in seen:
            if event.extras is None and guid and guid not in guids and guid not in seen:
                reading.warnings.append(
                    ProgrammeWarning(
                        WarningKind.GUID_AS_ID,
                        where=event.where,
                        session=row.id,
                        first=seen[row.id],
                        value=guid,
                    )
                )
                row = replace(row, id=guid)
            else:
                first = seen[row.id]
                reading.problem(
                    event.where,
                    "id",
                    f"duplicate id {row.id}, first at {first}",
                    ProblemKind.DUPLICATE_ID,
                    value=row.id,
                    first=first,
                )
                continue
        seen[row.id] = event.where
        guids.add(guid)
        rows.append(row)
    if reading.problems:
        raise ProgrammeFileError(reading.problems)
    if not rows:
        raise ProgrammeFileError(
            [Problem(0, "", "no session in the schedule", kind=ProblemKind.NO_SESSION)]
        )
    warnings = [
        ProgrammeWarning(WarningKind.SCHEMA, where=where, detail=detail)
        for where, detail in deviations[:MAX_SHOWN_DEVIATIONS]
    ]
    if len(deviations) > MAX_SHOWN_DEVIATIONS:
        more = len(deviations) - MAX_SHOWN_DEVIATIONS
        warnings.append(ProgrammeWarning(WarningKind.MORE_DEVIATIONS, count=more))
    warnings += reading.warnings + reading.tracks.warnings() + _language_warning(reading)
    rows.sort(key=lambda r: (r.starts_at, r.id))
    return ParsedProgramme(rows, warnings, FileReading(form))


def _row(event: _Event, reading: _Reading) -> SessionRow | None:
    before = len(reading.problems)
    fields = event.fields
    extras: SessionExtras | None = None
    if event.extras is not None:
        try:
            extras = parse_extras(event.extras)
        except ValueError as exc:
            reading.other(event.where, str(exc))
    session_id = extras.id if extras else _identifier(fields)
    if not session_id:
        reading.problem(event.where, "id", "no code, id or guid", ProblemKind.NO_ID)
    starts_at = _start(event, reading)
    ends_at = _end(event, starts_at, reading)
    if len(reading.problems) > before or starts_at is None or ends_at is None:
        return None
    texts = {
        "title": _localised(fields.get("title")),
        "room": _localised(fields.get("room")),
        # pretalx: a short abstract and a long description; confbot shows one text.
        "description": _localised(fields.get("abstract") or fields.get("description")),
    }
    if extras is not None:
        texts = {name: (dict(extras.localised.get(name, {})), True) for name in texts}
    titles, multilingual = texts["title"]
    if not multilingual and extras is None:
        titles, multilingual = _title_pair(titles, _plain(fields.get("subtitle")))
    if not multilingual and any(titles.values()):
        reading.single_language.append((session_id, _language(fields.get("language"))))
    track = extras.track if extras else reading.tracks.code(_plain(fields.get("track")))
    row = SessionRow(
        id=session_id,
        starts_at=starts_at,
        ends_at=ends_at,
        track=track,
        title_fr=titles.get("fr") or titles.get("ja", ""),
        title_ja=titles.get("ja") or titles.get("fr", ""),
        title_en=titles.get("en", ""),
        room_fr=texts["room"][0].get("fr") or texts["room"][0].get("ja", ""),
        room_ja=texts["room"][0].get("ja") or texts["room"][0].get("fr", ""),
        room_en=texts["room"][0].get("en", ""),
        speakers=tuple(str(p).strip() for p in fields.get("persons") or [] if str(p).strip()),
        description_fr=texts["description"][0].get("fr", ""),
        description_ja=texts["description"][0].get("ja", ""),
        description_en=texts["description"][0].get("en", ""),
        status=extras.status if extras else SessionStatus.CONFIRMED,
    )
    reading.problems += [replace(p, where=event.where) for p in check_row(row)]
    return None if len(reading.problems) > before else row


def _identifier(fields: Fields) -> str:
    for name in ("code", "id", "guid"):
        value = fields.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


def _localised(value: Any) -> tuple[dict[str, str], bool]:
    """Texts by confbot language, and whether the file gave them by language: one text is
    used in every language."""
    if isinstance(value, dict):
        texts: dict[str, str] = {}
        for key, text in value.items():
            language = _language(key)
            if language in LANGUAGES and isinstance(text, str) and text.strip():
                texts.setdefault(language, text.strip())
        if texts:
            return texts, True
        value = next((t for t in value.values() if isinstance(t, str) and t.strip()), "")
    text = _plain(value)
    return ({lang: text for lang in LANGUAGES} if text else {}), False


_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")


def _title_pair(titles: dict[str, str], subtitle: str) -> tuple[dict[str, str], bool]:
    """A title and its translation as subtitle, told apart by their script."""
    title = titles.get("fr", "")
    if (
        not title
        or not subtitle
        or bool(_JAPANESE.search(title)) == bool(_JAPANESE.search(subtitle))
    ):
        return titles, False
    japanese, other = (title, subtitle) if _JAPANESE.search(title) else (subtitle, title)
    return {"fr": other, "ja": japanese}, True


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        value = next((t for t in value.values() if isinstance(t, str) and t.strip()), "")
    return str(value).strip() if isinstance(value, str | int | float) else ""


def _language(value: Any) -> str:
    """ "ja-JP", "fr_FR", "FR" → ja, fr, fr."""
    return re.split(r"[-_]", str(value or "").strip().lower(), maxsplit=1)[0]


def _language_warning(reading: _Reading) -> list[ProgrammeWarning]:
    if not reading.single_language:
        return []
    return [
        ProgrammeWarning(
            WarningKind.ONE_LANGUAGE,
            count=len(reading.single_language),
            languages=tuple(sorted({lang or "?" for _, lang in reading.single_language})),
            sessions=tuple(i for i, _ in reading.single_language[:5]),
        )
    ]


def _zone(name: Any, default: ZoneInfo) -> ZoneInfo:
    try:
        return ZoneInfo(str(name)) if name else default
    except (ZoneInfoNotFoundError, ValueError):
        return default


def _moment(text: Any, tz: ZoneInfo) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(text).strip())
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=tz)).astimezone(UTC)


def _iso_field(event: _Event, name: str, reading: _Reading) -> datetime | None:
    """An event's ISO 8601 date-time field, or None with the problem noted."""
    moment = _moment(event.fields[name], reading.tz)
    if moment is None:
        reading.problem(
            event.where,
            name,
            f"{event.fields[name]!r} is not an ISO date-time",
            ProblemKind.BAD_DATE,
            value=str(event.fields[name]),
            expected="ISO 8601",
        )
    return moment


def _start(event: _Event, reading: _Reading) -> datetime | None:
    fields = event.fields
    if fields.get("date"):
        return _iso_field(event, "date", reading)
    start, day = str(fields.get("start") or ""), event.day
    match = _HHMM.match(start)
    try:
        on = date.fromisoformat(day)
    except ValueError:
        on = None
    if match is None or on is None:
        reading.problem(
            event.where,
            "date",
            "no date, and no day and start to make it from",
            ProblemKind.NO_DATE,
        )
        return None
    local = datetime(on.year, on.month, on.day, int(match[1]), int(match[2]), tzinfo=reading.tz)
    return local.astimezone(UTC)


def _end(event: _Event, start: datetime | None, reading: _Reading) -> datetime | None:
    fields = event.fields
    if fields.get("end"):
        return _iso_field(event, "end", reading)
    duration = _DURATION.match(str(fields.get("duration") or "").strip())
    if duration is None:
        reading.problem(
            event.where,
            "duration",
            f"{fields.get('duration')!r} is not a duration HH:MM",
            ProblemKind.BAD_DURATION,
            value=str(fields.get("duration") or ""),
        )
        return None
    hours, minutes, seconds = (int(g or 0) for g in duration.groups())
    length = timedelta(hours=hours, minutes=minutes, seconds=seconds)
    return None if start is None else start + length
