"""A session described rather than named: "le truc au sanctuaire cet aprem", 「木曜の朝のパネル」,
"the party tomorrow", "la cérémonie du début", 「最後のやつ」. Resolved from the programme itself
(the words of its titles, the kind of each session, its day and its part of the day) and from a
small vocabulary of generic words in the three languages, never from session ids: organisers
replace the programme."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from functools import lru_cache

from db.models import ProgrammeSession
from handlers.core.conference import TrackInfo
from handlers.core.text import kana, latin
from handlers.schedule.intents import parse_day, tracks_named
from handlers.schedule.names import NOISE, latin_words


class Part(enum.Enum):
    """A part of the day, by the hour a session starts (venue time)."""

    MORNING = (0, 12)
    AFTERNOON = (12, 18)
    EVENING = (17, 24)


_PARTS: tuple[tuple[Part, re.Pattern[str]], ...] = (
    (
        Part.AFTERNOON,
        re.compile(r"\bapres[ -]?midi\b|\baprem\w*|\bafternoon\b|午後|ごご"),
    ),
    (
        Part.EVENING,
        re.compile(r"\bsoir\b|\bsoiree\b|\bevening\b|\btonight\b|\bnight\b|夜|夕方|今晩|晩"),
    ),
    (Part.MORNING, re.compile(r"\bmatin(?:ee)?\b|\bmorning\b|午前|ごぜん|朝")),
)
# The first or the last session (of the day named, of the kind named, of the whole Rencontres).
# A day phrase ("le dernier jour", 「最終日」) names a day, not a session: taken out first.
_DAY_PHRASE = re.compile(
    r"\b(?:premier|dernier|derniere|first|last|final) (?:jour|journee|day)\b|最終日|初日|最後の日"
)
_FIRST = re.compile(
    r"\b(?:debut|commencement|first|premier|premiere|1er|1ere)\b|最初|はじめ|初め|朝一|朝いち"
)
_LAST = re.compile(
    r"\b(?:fin|dernier|derniere|last|final|finale|la toute fin)\b|最後|さいご|ラスト|らすと|締め"
)
# Generic words for what some titles say in other words: a report back is a "compte rendu";
# the Declaration signed, or the final text adopted, is its adoption (not "sign me up for").
_SYNONYMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\bcomptes?[- ]rendus?\b|\bbilan\b|\breport(?:ing)? back\b|\bsynthese\b"
            r"|\brestitution\b|\bsummary\b"
        ),
        "restitution reports synthese summary",
    ),
    (re.compile(r"\bsign(?:s|ed|ing|ature)?\b(?! (?:me |us )?up)(?! me\b)"), "adoption"),
    (re.compile(r"\badopt(?:e|ee|er|ed|s)?\b|\btexte final\b"), "adoption"),
)
# 「分科会の総括」: the report, in the titles' word.
_JA_SYNONYMS = re.compile(r"総括|とりまとめ|取りまとめ")
# Words every kind of session is called by, and small words: no title word.
_GENERIC = frozenset(
    "seance seances session sessions evenement event events and et or ou with avec by par"
    " en an un une".split()
)
# "le truc", 「やつ」: a session, said loosely; "le dernier truc" is the last session.
_THING = re.compile(
    r"\b(?:truc|machin|bidule|chose|session|seance|evenement|event|thing|one)s?\b"
    r"|やつ|奴|もの|セッション|せっしょん|イベント|いべんと|プログラム"
)
# "juste après l'ouverture", "right after the opening", 「開会式の後」: a landmark, not the session.
_AFTER = re.compile(
    r"\b(?:juste |just |right |tout de suite )?(?:apres|after) (?!midi|demain|-midi)"
    r"(?:l'|la |le |les |the )?[a-z]+"
)
_AFTER_JA = re.compile(r"[一-龯ァ-ヶー]+の?(?:後|あと)(?!で)")
_KANJI_RUN = re.compile(r"[一-龯々]{2,}")
# A word in katakana is found whole inside a title's ("パネル" in 「パネルディスカッション」):
# by pairs, 「セッション」 would be found in 「ディスカッション」.
_KATAKANA_RUN = re.compile(r"[ァ-ヶー]{3,}")
# A workshop's theme (after its name, 「…」 in Japanese) holds topic words delegates ask about
# ("on présente ça où ?"): a workshop is told by its name and its kind, not by its theme.
_THEME = re.compile(r"\s*(?::|「).*$")


@dataclass(frozen=True)
class _Titles:
    """Each session's telling title words and Japanese pairs (not those most titles share),
    and the words and pairs of the kinds' keywords."""

    words: tuple[frozenset[str], ...]
    pairs: tuple[frozenset[str], ...]
    kind_words: frozenset[str]
    kind_pairs: frozenset[str]
    katakana: frozenset[str]  # every katakana word of the titles
    kind_katakana: frozenset[str]


def _pairs(title: str) -> frozenset[str]:
    """Two-kanji pieces of the kanji runs (「神社」, 「報告」) and the katakana words whole."""
    kanji = (run[i : i + 2] for run in _KANJI_RUN.findall(title) for i in range(len(run) - 1))
    return frozenset(kanji) | frozenset(_KATAKANA_RUN.findall(title))


def _said_pairs(text: str, katakana: frozenset[str], kinds: frozenset[str]) -> frozenset[str]:
    """The text's kanji pairs, and the titles' katakana words that hold one of its katakana
    words (leaving out those of `kinds`)."""
    said = [w for w in _KATAKANA_RUN.findall(text) if not any(w in k or k in w for k in kinds)]
    kanji = (run[i : i + 2] for run in _KANJI_RUN.findall(text) for i in range(len(run) - 1))
    return frozenset(kanji) | frozenset(k for k in katakana if any(w in k for w in said))


def _words(text: str) -> frozenset[str]:
    return frozenset(
        w.removesuffix("s") for w in latin_words(text) if w not in NOISE and w not in _GENERIC
    )


@lru_cache(maxsize=16)
def _titles(titles: tuple[tuple[str, str, str, bool], ...], keywords: tuple[str, ...]) -> _Titles:
    def head(title: str, workshop: bool) -> str:
        return _THEME.sub("", title) if workshop else title

    words = [_words(head(fr, w) + " " + head(en, w)) for fr, _, en, w in titles]
    pairs = [_pairs(head(ja, w)) for _, ja, _, w in titles]
    common = len(titles) // 2

    def telling(sets: list[frozenset[str]]) -> tuple[frozenset[str], ...]:
        count: dict[str, int] = {}
        for s in sets:
            for w in s:
                count[w] = count.get(w, 0) + 1
        return tuple(frozenset(w for w in s if count[w] <= common) for s in sets)

    # « cérémonie » is as much a kind's word as « ouverture »: Latin with its accents
    latin_keywords = [k for k in keywords if not _JAPANESE_SCRIPT.search(k)]
    kind_words = frozenset().union(*(_words(k) for k in latin_keywords))
    kind_pairs = frozenset().union(*(_pairs(k) for k in keywords if k not in latin_keywords))
    katakana = frozenset(w for ja in pairs for w in ja if _KATAKANA_RUN.fullmatch(w))
    kind_katakana = frozenset(w for w in kind_pairs if _KATAKANA_RUN.fullmatch(w))
    return _Titles(telling(words), telling(pairs), kind_words, kind_pairs, katakana, kind_katakana)


_JAPANESE_SCRIPT = re.compile(r"[ぁ-ゖァ-ヺ一-龯]")


def _hits(
    text: str, sessions: Sequence[ProgrammeSession], tracks: Sequence[TrackInfo]
) -> list[int]:
    """How many of each title's telling words (or Japanese pairs) the text has. A number
    counts only beside a word ("la 2e table ronde", not "les 3 ateliers"); a kind's keyword
    ("panel", 「パネル」, "déclaration") only when no other title word is found."""
    workshops = {t.code for t in tracks if t.workshop}
    keywords = tuple(k for t in tracks for ks in t.keywords.values() for k in ks)
    titles = _titles(
        tuple((s.title_fr, s.title_ja, s.title_en, s.track_code in workshops) for s in sessions),
        keywords,
    )
    folded = latin(text)
    for pattern, synonym in _SYNONYMS:
        folded = pattern.sub(f" {synonym} ", folded)
    words = _words(folded)
    text = _JA_SYNONYMS.sub("報告", text)
    for kinds in (False, True):
        said = words if kinds else words - titles.kind_words
        said_pairs = _said_pairs(
            text, titles.katakana, frozenset() if kinds else titles.kind_katakana
        )
        said_pairs = said_pairs if kinds else said_pairs - titles.kind_pairs
        hits = []
        for own, own_pairs in zip(titles.words, titles.pairs, strict=True):
            named, paired = own & said, len(own_pairs & said_pairs)
            lettered = paired + sum(1 for w in named if not w.isdigit())
            hits.append(len(named) + paired if lettered else 0)
        if any(hits):
            return hits
    return hits


def _part(folded: str, hira: str) -> Part | None:
    for part, pattern in _PARTS:
        if pattern.search(folded) or pattern.search(hira):
            return part
    return None


def described_sessions(
    text: str,
    sessions: Sequence[ProgrammeSession],
    tracks: Sequence[TrackInfo],
    tz: tzinfo,
    today: date,
) -> list[ProgrammeSession]:
    """The sessions a description fits, in programme order: one when it tells one apart,
    several when it names a kind that has several that day, none when it describes no session
    (a day alone is the day's programme, not a session)."""
    if not sessions:
        return []
    ordered = sorted(sessions, key=lambda s: s.starts_at)
    japanese = _AFTER_JA.sub(" ", text)
    folded, hira = _AFTER.sub(" ", latin(text)), kana(japanese)
    hits = _hits(folded if text.isascii() else japanese, ordered, tracks)
    # the text itself when no landmark was taken out: the other understanders' search, cached
    landmark = folded != latin(text) or japanese != text
    kinds = tracks_named((folded if text.isascii() else japanese) if landmark else text, tracks)
    loosely = bool(kinds or any(hits) or _THING.search(folded) or _THING.search(japanese))
    undated = _DAY_PHRASE.sub(" ", folded), _DAY_PHRASE.sub(" ", hira)
    first = loosely and any(_FIRST.search(t) for t in undated)
    last = loosely and any(_LAST.search(t) for t in undated)
    if not (any(hits) or kinds or first or last):
        return []
    days = sorted({s.starts_at.astimezone(tz).date() for s in ordered})
    day = parse_day(text, today, days)
    found = list(zip(hits, ordered, strict=True))
    if day is not None:
        found = [(h, s) for h, s in found if s.starts_at.astimezone(tz).date() == day]
    part = _part(folded, hira)
    if part is not None:
        low, high = part.value
        timed = [(h, s) for h, s in found if low <= s.starts_at.astimezone(tz).hour < high]
        found = timed or found
    best = max((h for h, _ in found), default=0)
    if best:
        found = [(h, s) for h, s in found if h == best]
    elif kinds:
        found = [(h, s) for h, s in found if s.track_code in kinds]
    elif any(hits):
        return []  # the title words named are of sessions on another day
    chosen = [s for _, s in found]
    if chosen and first:
        chosen = chosen[:1]
    elif chosen and last:
        chosen = chosen[-1:]
    return chosen
