"""Calendar files (RFC 5545) of sessions: the whole programme, or a delegate's agenda."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from db.models import SessionStatus
from handlers.schedule.model import SessionRow


def to_ics(
    rows: Sequence[SessionRow], tz: ZoneInfo, *, language: str, calendar_name: str, uid_domain: str
) -> bytes:
    """RFC 5545 calendar; times carry the venue's zone (with its VTIMEZONE)."""
    calendar = Calendar()
    calendar.add("prodid", "-//confbot//Rencontres franco-japonaises//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", calendar_name)
    calendar.add("x-wr-timezone", str(tz))
    stamp = datetime.now(UTC)
    for row in rows:
        event = Event()
        event.add("uid", f"{row.id}@{uid_domain}")
        event.add("dtstamp", stamp)
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
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _pick(row: SessionRow, name: str, language: str) -> str:
    value = str(getattr(row, f"{name}_{language}", "") or "")
    return value or str(getattr(row, f"{name}_fr", "") or getattr(row, f"{name}_ja", ""))
