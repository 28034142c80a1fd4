"""Calendar files (RFC 5545) of sessions: the whole programme, or a delegate's agenda, as a file
or as a feed that calendars poll."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vDuration

from db.models import ProgrammeSession, SessionStatus
from handlers.schedule.model import SessionRow


@dataclass(frozen=True)
class Revision:
    """Which version of a session an event shows: calendars keep the event with the highest
    SEQUENCE (RFC 5545, 3.8.7.4), and LAST-MODIFIED says when it was written."""

    sequence: int
    modified: datetime


def revision_of(session: ProgrammeSession) -> Revision:
    return Revision(session.sequence or 0, session.updated_at)


def to_ics(
    rows: Sequence[SessionRow],
    tz: ZoneInfo,
    *,
    language: str,
    calendar_name: str,
    uid_domain: str,
    description: str = "",
    revisions: Mapping[str, Revision] | None = None,
    refresh: timedelta | None = None,
) -> bytes:
    """RFC 5545 calendar; times carry the venue's zone (with its VTIMEZONE).

    With `revisions` every event has its SEQUENCE and LAST-MODIFIED, and its DTSTAMP is that
    moment too (a published calendar without METHOD: RFC 5545, 3.8.7.2), so that the same
    programme gives the same bytes: feeds compare them for their ETag. `refresh` asks the
    calendars that read it to poll that often (RFC 7986 REFRESH-INTERVAL, and Outlook's
    X-PUBLISHED-TTL)."""
    calendar = Calendar()
    calendar.add("prodid", "-//confbot//Rencontres franco-japonaises//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", calendar_name)
    calendar.add("name", calendar_name)
    calendar.add("x-wr-timezone", str(tz))
    if description:  # what every reply showing the programme says of it (a sample…)
        calendar.add("description", description)
        calendar.add("x-wr-caldesc", description)
    if refresh is not None:
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))
    now = datetime.now(UTC)
    for row in rows:
        revision = (revisions or {}).get(row.id)
        event = Event()
        event.add("uid", f"{row.id}@{uid_domain}")
        event.add("dtstamp", revision.modified.astimezone(UTC) if revision else now)
        if revision is not None:
            event.add("last-modified", revision.modified.astimezone(UTC))
            event.add("sequence", revision.sequence)
        event.add("dtstart", row.starts_at.astimezone(tz))
        event.add("dtend", row.ends_at.astimezone(tz))
        event.add("summary", _pick(row, "title", language))
        room = _pick(row, "room", language)
        if room:
            event.add("location", room)
        description = _pick(row, "description", language)
        if row.speakers:
            description = "\n".join(filter(None, [description, ", ".join(row.speakers)]))
        if description:
            event.add("description", description)
        event.add("categories", [row.track])
        event.add("status", "CANCELLED" if row.status is SessionStatus.CANCELLED else "CONFIRMED")
        calendar.add_component(event)
    for position, tzid in enumerate(sorted(calendar.get_missing_tzids())):
        calendar.subcomponents.insert(position, _vtimezone(tzid))  # before the events using it
    return bytes(calendar.to_ical())


@cache
def _vtimezone(tzid: str) -> Timezone:
    """The zone's VTIMEZONE, computed once: icalendar's add_missing_timezones() works out its
    transitions from 1970 to 2038 for every file, 40 to 60 ms, more than all the rest of an
    agenda's calendar. Never changed once made, so every calendar can hold the same one."""
    return Timezone.from_tzid(tzid)


def _pick(row: SessionRow, name: str, language: str) -> str:
    value = str(getattr(row, f"{name}_{language}", "") or "")
    return value or str(getattr(row, f"{name}_fr", "") or getattr(row, f"{name}_ja", ""))
