"""The stored programme: sessions, rooms, tracks, and the version every replica compares
with the programme it holds in memory."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditLog, Meta, ProgrammeSession, Room, Track
from handlers.core.conference import TrackInfo
from handlers.core.generation import Generation
from handlers.core.store import batches
from handlers.schedule.model import ProgrammeDiff, SessionRow, row_from_model

PROGRAMME_META_KEY = "programme"
# Ids in one statement: SQLite refuses expressions past a depth of 1,000 (SQLITE_MAX_EXPR_DEPTH,
# https://www.sqlite.org/limits.html) and long IN lists cost as much as several queries.
BATCH = 500
# Any number, the same in every process: the key of the programme's advisory lock (PostgreSQL).
PROGRAMME_LOCK = 80_412_024


LOCAL_CHANGES = Generation()


async def load_rows(db: AsyncSession) -> list[SessionRow]:
    result = await db.scalars(select(ProgrammeSession).order_by(ProgrammeSession.starts_at))
    return [row_from_model(s) for s in result.unique()]


async def all_sessions(db: AsyncSession) -> Sequence[ProgrammeSession]:
    result = await db.scalars(
        select(ProgrammeSession)
        .join(Track)
        .order_by(ProgrammeSession.starts_at, Track.position, ProgrammeSession.id)
    )
    return result.unique().all()


async def session_by_id(db: AsyncSession, session_id: str) -> ProgrammeSession | None:
    return await db.get(ProgrammeSession, session_id)


async def is_empty(db: AsyncSession) -> bool:
    return await db.scalar(select(ProgrammeSession.id).limit(1)) is None


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


async def lock(db: AsyncSession) -> None:
    """Programme writes one at a time, whatever process makes them, taken before anything is
    read so that a write's difference is computed against what the previous one left: a
    transaction-scoped advisory lock on PostgreSQL, the database's write lock on SQLite."""
    if db.get_bind().dialect.name == "postgresql":
        await db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PROGRAMME_LOCK})
    else:
        await db.execute(
            update(Meta).where(Meta.key == PROGRAMME_META_KEY).values(key=PROGRAMME_META_KEY)
        )


async def differs(db: AsyncSession, diff: ProgrammeDiff, *, source: str, sample: bool) -> bool:
    """Whether writing would change anything: a session, or where the programme comes from."""
    if not diff.is_empty:
        return True
    meta = await db.get(Meta, PROGRAMME_META_KEY)
    wanted = {"source": source, "sample": sample}
    return meta is None or {k: meta.value.get(k) for k in wanted} != wanted


async def write(
    db: AsyncSession,
    rows: Sequence[SessionRow],
    diff: ProgrammeDiff,
    *,
    source: str,
    sample: bool,
    actor: str,
    now: datetime,
) -> None:
    """Applies `diff` (computed against what is stored, towards `rows`) and bumps the version."""
    await _ensure_tracks(db, {r.track for r in rows})
    rooms: dict[tuple[str, ...], int] = {}
    removed_ids = [r.id for r in diff.removed]
    for chunk in batches(removed_ids, BATCH):
        for stale in await db.scalars(
            select(ProgrammeSession).where(ProgrammeSession.id.in_(chunk))
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
        else:
            target.sequence += 1  # subscribed calendars take the new version at their next poll
    meta = await db.get(Meta, PROGRAMME_META_KEY)
    meta_value: dict[str, Any] = {"source": source, "sample": sample}
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


async def programme_version(db: AsyncSession) -> tuple[int, bool]:
    """The stored programme's version and whether it is the bundled sample (one small read)."""
    value = await db.scalar(select(Meta.value).where(Meta.key == PROGRAMME_META_KEY))
    if not value:
        return 0, False
    return int(value.get("version", 0)), bool(value.get("sample"))


async def sync_tracks(db: AsyncSession, tracks: Sequence[TrackInfo]) -> None:
    """The tracks table follows content/tracks.yaml (names, colours, order)."""
    existing = {t.code: t for t in await db.scalars(select(Track))}
    for info in tracks:
        track = existing.get(info.code) or Track(code=info.code)
        track.name_fr, track.name_ja = info.name.get("fr"), info.name.get("ja")
        track.name_en = info.name.get("en")
        track.colour, track.position, track.is_workshop = info.colour, info.position, info.workshop
        if info.code not in existing:
            db.add(track)
    await db.flush()
