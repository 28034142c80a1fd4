"""Loading `content/`: the edition's facts, its tracks and the bundled programme."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ProgrammeSession, Track
from handlers.core.content import ConferenceInfo, Localised, TrackInfo
from handlers.schedule.files import read_programme
from handlers.schedule.programme import replace_programme

log = logging.getLogger(__name__)


class ContentError(ValueError):
    pass


def _localised(value: Any) -> Localised:
    if not isinstance(value, dict):
        value = {}
    return Localised(**{k: str(value.get(k) or "") for k in ("fr", "ja", "en")})


def _yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ContentError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ContentError(f"{path}: expected a mapping")
    return data


def load_conference(content_dir: Path) -> tuple[ConferenceInfo, dict[str, Any]]:
    """The edition's facts, and the raw `programme:` section (file name, sample flag)."""
    data = _yaml(content_dir / "conference.yaml")
    tracks_data = _yaml(content_dir / str(data.get("tracks", "tracks.yaml")))
    tracks = tuple(
        TrackInfo(
            code=str(t["code"]),
            name=_localised(t.get("name")),
            short=_localised(t.get("short") or t.get("name")),
            colour=str(t.get("colour", "#666666")),
            workshop=bool(t.get("workshop", False)),
            position=index,
            keywords={
                lang: tuple(str(w) for w in words)
                for lang, words in (t.get("keywords") or {}).items()
            },
        )
        for index, t in enumerate(tracks_data.get("tracks") or [])
    )
    info = ConferenceInfo(
        edition=int(data.get("edition", 0)),
        name=_localised(data.get("name")),
        city=_localised(data.get("city")),
        venue=_localised(data.get("venue")),
        tracks=tracks,
    )
    return info, dict(data.get("programme") or {})


async def sync_tracks(db: AsyncSession, tracks: tuple[TrackInfo, ...]) -> None:
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


async def load_bundled_programme(
    db: AsyncSession, content_dir: Path, programme: dict[str, Any], tz: ZoneInfo, now: datetime
) -> bool:
    """Loads the bundled programme into an empty database; True if it did."""
    if await db.scalar(select(ProgrammeSession.id).limit(1)) is not None:
        return False
    path = content_dir / str(programme.get("file", "programme.csv"))
    parsed = read_programme(path, tz)
    await replace_programme(
        db,
        parsed.rows,
        source=f"content/{path.name}",
        sample=bool(programme.get("sample", False)),
        actor="system",
        now=now,
    )
    log.info("loaded the bundled programme: %d sessions", len(parsed.rows))
    return True
