"""Loading `content/`: the edition's facts and its tracks (the bundled programme and FAQ are
loaded by their features' use cases)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import yaml

from handlers.core.conference import ConferenceInfo, Localised, TrackInfo

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
