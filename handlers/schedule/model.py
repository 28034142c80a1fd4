"""The programme as organisers describe it (`SessionRow`), and what differs between two
versions of it (`ProgrammeDiff`): the import prints the difference, notifications are built
from it, and an edit is a new version with one row changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from db.models import ProgrammeSession, SessionStatus


@dataclass(frozen=True)
class SessionRow:
    """One session as organisers describe it: times are aware datetimes (UTC)."""

    id: str
    starts_at: datetime
    ends_at: datetime
    track: str
    title_fr: str
    title_ja: str
    title_en: str = ""
    room_fr: str = ""
    room_ja: str = ""
    room_en: str = ""
    speakers: tuple[str, ...] = ()
    description_fr: str = ""
    description_ja: str = ""
    description_en: str = ""
    status: SessionStatus = SessionStatus.CONFIRMED

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in COMPARED_FIELDS}


COMPARED_FIELDS = (
    "starts_at",
    "ends_at",
    "track",
    "status",
    "title_fr",
    "title_ja",
    "title_en",
    "room_fr",
    "room_ja",
    "room_en",
    "speakers",
    "description_fr",
    "description_ja",
    "description_en",
)


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class SessionChange:
    session_id: str
    changes: tuple[FieldChange, ...]

    def field(self, name: str) -> FieldChange | None:
        return next((c for c in self.changes if c.field == name), None)


@dataclass(frozen=True)
class ProgrammeDiff:
    added: tuple[SessionRow, ...] = ()
    removed: tuple[SessionRow, ...] = ()
    changed: tuple[SessionChange, ...] = ()
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def row_from_model(s: ProgrammeSession) -> SessionRow:
    room = s.room
    return SessionRow(
        id=s.id,
        starts_at=s.starts_at,
        ends_at=s.ends_at,
        track=s.track_code,
        title_fr=s.title_fr,
        title_ja=s.title_ja,
        title_en=s.title_en,
        room_fr=room.name_fr if room else "",
        room_ja=room.name_ja if room else "",
        room_en=room.name_en if room else "",
        speakers=tuple(s.speakers or ()),
        description_fr=s.description_fr,
        description_ja=s.description_ja,
        description_en=s.description_en,
        status=SessionStatus(s.status),
    )


def diff_rows(old: Sequence[SessionRow], new: Sequence[SessionRow]) -> ProgrammeDiff:
    old_by_id = {r.id: r for r in old}
    new_by_id = {r.id: r for r in new}
    added = tuple(r for r in new if r.id not in old_by_id)
    removed = tuple(r for r in old if r.id not in new_by_id)
    changed: list[SessionChange] = []
    for row in new:
        before = old_by_id.get(row.id)
        if before is None:
            continue
        old_values, new_values = before.values(), row.values()
        changes = tuple(
            FieldChange(name, old_values[name], new_values[name])
            for name in COMPARED_FIELDS
            if old_values[name] != new_values[name]
        )
        if changes:
            changed.append(SessionChange(row.id, changes))
    return ProgrammeDiff(added=added, removed=removed, changed=tuple(changed))


EDITABLE = (
    "date",
    "start",
    "end",
    "room_fr",
    "room_ja",
    "room_en",
    "title_fr",
    "title_ja",
    "title_en",
    "status",
)
TEXT_FIELDS = ("room_fr", "room_ja", "room_en", "title_fr", "title_ja", "title_en")


def edit_row(row: SessionRow, field: str, value: str, tz: ZoneInfo) -> SessionRow:
    """One field of a session changed as organisers say it ("start 14:30", "status cancelled");
    raises ValueError with a reason an organiser can act on."""
    value = value.strip()
    start, end = row.starts_at.astimezone(tz), row.ends_at.astimezone(tz)
    if field in ("start", "end"):
        try:
            hour, minute = (int(x) for x in value.split(":"))
            moment = time(hour, minute)
        except ValueError:
            raise ValueError(f"{value!r} is not a time HH:MM") from None
        base = start if field == "start" else end
        new = datetime.combine(base.date(), moment, tz)
        if field == "start":
            duration = row.ends_at - row.starts_at
            return replace(row, starts_at=new, ends_at=new + duration)
        if new <= row.starts_at:
            raise ValueError("the end must be after the start")
        return replace(row, ends_at=new)
    if field == "date":
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date YYYY-MM-DD") from None
        return replace(
            row,
            starts_at=datetime.combine(day, start.timetz().replace(tzinfo=None), tz),
            ends_at=datetime.combine(day, end.timetz().replace(tzinfo=None), tz),
        )
    if field == "status":
        try:
            return replace(row, status=SessionStatus(value.lower()))
        except ValueError:
            raise ValueError("status is confirmed or cancelled") from None
    if field in TEXT_FIELDS:
        if field.startswith("title") and not value:
            raise ValueError("a title cannot be empty")
        texts: dict[str, Any] = {field: value[:256]}
        return replace(row, **texts)
    raise ValueError(f"unknown field {field!r}: {', '.join(EDITABLE)}")
