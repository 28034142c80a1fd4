"""Replacing the programme with a new version, and the difference between the two.

The difference is a value (`ProgrammeDiff`): the import command prints it, and change
notifications are built from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditLog, Meta, ProgrammeSession, Room, SessionStatus, Track

if TYPE_CHECKING:
    from handlers.notify.changes import NotifyOptions

LANGS = ("fr", "ja", "en")
PROGRAMME_META_KEY = "programme"


class Generation:
    """Counts the programme writes made by this process, so that its own caches need not ask
    the database whether something changed (other processes' writes: see programme_version)."""

    def __init__(self) -> None:
        self.value = 0

    def bump(self) -> None:
        self.value += 1


LOCAL_CHANGES = Generation()


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


async def load_rows(db: AsyncSession) -> list[SessionRow]:
    result = await db.scalars(select(ProgrammeSession).order_by(ProgrammeSession.starts_at))
    return [row_from_model(s) for s in result.unique()]


async def _room_id(
    db: AsyncSession, row: SessionRow, cache: dict[tuple[str, ...], int]
) -> int | None:
    key = (row.room_fr, row.room_ja, row.room_en)
    if not any(key):
        return None
    if key in cache:
        return cache[key]
    room = await db.scalar(
        select(Room).where(Room.name_fr == key[0], Room.name_ja == key[1], Room.name_en == key[2])
    )
    if room is None:
        room = Room(name_fr=key[0], name_ja=key[1], name_en=key[2])
        db.add(room)
        await db.flush()
    cache[key] = room.id
    return room.id


async def _ensure_tracks(db: AsyncSession, codes: set[str]) -> None:
    known = set(await db.scalars(select(Track.code)))
    for code in sorted(codes - known):
        label = code.replace("_", " ").replace("-", " ").capitalize()
        db.add(Track(code=code, name_fr=label, name_ja=label, name_en=label))
    await db.flush()


def _apply_values(target: ProgrammeSession, row: SessionRow, room_id: int | None) -> None:
    target.track_code = row.track
    target.room_id = room_id
    target.starts_at = row.starts_at
    target.ends_at = row.ends_at
    target.status = row.status
    target.title_fr, target.title_ja, target.title_en = row.title_fr, row.title_ja, row.title_en
    target.description_fr = row.description_fr
    target.description_ja = row.description_ja
    target.description_en = row.description_en
    target.speakers = list(row.speakers)


async def replace_programme(
    db: AsyncSession,
    rows: Sequence[SessionRow],
    *,
    source: str,
    sample: bool,
    actor: str,
    now: datetime,
    dry_run: bool = False,
    notify: NotifyOptions | None = None,
) -> ProgrammeDiff:
    """Makes the stored programme equal to `rows`, in the caller's transaction; with `notify`,
    the affected delegates' notifications are written in that same transaction."""
    from handlers.notify.changes import enqueue_changes, refresh_reminders

    diff = diff_rows(await load_rows(db), rows)
    if dry_run:
        return diff
    meta = await db.get(Meta, PROGRAMME_META_KEY)
    meta_value: dict[str, Any] = {"source": source, "sample": sample}
    if (
        diff.is_empty
        and meta is not None
        and ({k: meta.value.get(k) for k in meta_value} == meta_value)
    ):
        return diff
    if notify is not None:
        await enqueue_changes(db, diff, notify)
    await _ensure_tracks(db, {r.track for r in rows})
    rooms: dict[tuple[str, ...], int] = {}
    removed_ids = [r.id for r in diff.removed]
    if removed_ids:
        for stale in await db.scalars(
            select(ProgrammeSession).where(ProgrammeSession.id.in_(removed_ids))
        ):
            await db.delete(stale)
    touched = {r.id for r in diff.added} | {c.session_id for c in diff.changed}
    for row in rows:
        if row.id not in touched:
            continue
        existing = await db.get(ProgrammeSession, row.id)
        target = existing or ProgrammeSession(id=row.id)
        _apply_values(target, row, await _room_id(db, row, rooms))
        target.updated_at = now
        if existing is None:
            db.add(target)
    meta_value["imported_at"] = now.isoformat()
    # Every replica compares this number with the programme it holds in memory.
    meta_value["version"] = int(meta.value.get("version", 0)) + 1 if meta is not None else 1
    LOCAL_CHANGES.bump()
    if meta is None:
        db.add(Meta(key=PROGRAMME_META_KEY, value=meta_value))
    else:
        meta.value = meta_value
    db.add(
        AuditLog(
            at=now,
            actor=actor,
            action="programme.import",
            detail={
                "source": source,
                "added": [r.id for r in diff.added],
                "removed": removed_ids,
                "changed": {c.session_id: [f.field for f in c.changes] for c in diff.changed},
            },
        )
    )
    await db.flush()
    if notify is not None:
        await refresh_reminders(db, diff, notify)
    return diff


EDITABLE = ("date", "start", "end", "room_fr", "room_ja", "room_en", "status")


def edit_row(row: SessionRow, field: str, value: str, tz: Any) -> SessionRow:
    """One field of a session changed as organisers say it ("start 14:30", "status cancelled");
    raises ValueError with a reason an organiser can act on."""
    from dataclasses import replace
    from datetime import date, time

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
    if field == "room_fr":
        return replace(row, room_fr=value[:256])
    if field == "room_ja":
        return replace(row, room_ja=value[:256])
    if field == "room_en":
        return replace(row, room_en=value[:256])
    raise ValueError(f"unknown field {field!r}: {', '.join(EDITABLE)}")


async def programme_version(db: AsyncSession) -> tuple[int, bool]:
    """The stored programme's version and whether it is the bundled sample (one small read)."""
    value = await db.scalar(select(Meta.value).where(Meta.key == PROGRAMME_META_KEY))
    if not value:
        return 0, False
    return int(value.get("version", 0)), bool(value.get("sample"))
