"""Conference facts the handlers need, loaded from `content/` by the runtime."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Localised:
    fr: str = ""
    ja: str = ""
    en: str = ""

    def get(self, language: str) -> str:
        value: str = getattr(self, language, "") or ""
        return value or self.fr or self.ja


@dataclass(frozen=True)
class TrackInfo:
    code: str
    name: Localised
    colour: str
    workshop: bool
    position: int
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    short: Localised = field(default_factory=Localised)  # for buttons: at most 20 characters


@dataclass(frozen=True)
class ConferenceInfo:
    edition: int
    name: Localised
    city: Localised
    venue: Localised
    tracks: tuple[TrackInfo, ...] = ()
