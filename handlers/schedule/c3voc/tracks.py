"""A c3voc track (a name such as "Atelier 1 – Économie", maybe with a slug) as one of
confbot's track codes (content/tracks.yaml).

A name or slug is matched, without case or accents, against each track's code, names, short
names and keywords. A track that matches none keeps a code made from its slug or name
("Lightning talks" → `lightning-talks`), which the import adds as a new kind of session
named after the code; a name that gives no such code (「特別講演」) and an event without a
track go to `other`. Both cases are warned about, once per track name: add the track to
content/tracks.yaml to name it in every language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from handlers.core.conference import TrackInfo
from handlers.core.text import latin
from handlers.schedule.files import ProgrammeWarning, WarningKind

FALLBACK = "other"
_CODE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


def _key(text: str) -> str:
    return latin(text).replace("–", "-").replace("—", "-")


def code_from_name(name: str) -> str:
    """ "Lightning talks" → `lightning-talks`; "" when nothing Latin is left."""
    slug = re.sub(r"[^a-z0-9]+", "-", latin(name)).strip("-")[:32].strip("-")
    return slug if _CODE.match(slug) else ""


@dataclass
class TrackMapper:
    tracks: Sequence[TrackInfo]
    slugs: Mapping[str, str] = field(default_factory=dict)  # the file's track name → slug
    unknown: dict[str, str] = field(default_factory=dict)  # track name → code given
    untracked: int = 0
    _known: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for track in self.tracks:
            words = [track.code, *vars(track.name).values(), *vars(track.short).values()]
            words += [w for ws in track.keywords.values() for w in ws]
            for word in words:
                if word:
                    self._known.setdefault(_key(word), track.code)

    def code(self, name: str) -> str:
        name = name.strip()
        if not name:
            self.untracked += 1
            return FALLBACK
        slug = self.slugs.get(name, "")
        for candidate in (slug, name):
            if candidate and (code := self._known.get(_key(candidate))):
                return code
        if name not in self.unknown:
            self.unknown[name] = (slug if _CODE.match(slug) else "") or code_from_name(name)
            self.unknown[name] = self.unknown[name] or FALLBACK
        return self.unknown[name]

    def warnings(self) -> list[ProgrammeWarning]:
        found = [
            ProgrammeWarning(WarningKind.UNKNOWN_TRACK, value=name, code=code)
            for name, code in self.unknown.items()
        ]
        if self.untracked:
            found.append(
                ProgrammeWarning(WarningKind.NO_TRACK, count=self.untracked, code=FALLBACK)
            )
        return found
