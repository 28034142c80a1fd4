"""Which session a message names, in words: "la visite d'Asahata", "the 2nd panel",
「第２分科会」, 「かんげいこうりゅうかい」. For requests such as "ajoute X à mon agenda"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from db.models import ProgrammeSession
from handlers.core.conference import TrackInfo
from handlers.core.japanese import reading
from handlers.core.language import is_latin_word
from handlers.core.normalise import is_romaji_word, romaji_to_kana
from handlers.core.text import kana, latin
from handlers.schedule.intents import find_track

# Words that say nothing about which session: requests, possessives, small words.
NOISE = frozenset(
    """
    a ajoute ajouter ajouts au aux avec c ce cette de des du en et garde garder je la le les
    ma me mes met mets mettre moi mon ne pas planning programme agenda pour plus stp svp sur ta
    te toi ton un une veux voudrais retire retirer enleve enlever supprime supprimer efface
    effacer annule annuler inscris inscrire aller vais participer selection session sessions
    l d s qu il y ds dans lui elle please pls plz add to my the of from remove delete take off
    put in on list schedule i want would like can you u me save sign up for
    est ou et quand quel quelle quels quelles heure heures commence commencent debut fin lieu
    salle se passe passer trouve a lieu combien temps jour date qui what where when which who
    is are at time does do start starts begin begins end ends room place how long day
    retirez ajoutez mettez enlevez supprimez gardez notez reservez inscrivez voudrais aimerais
    vous plait merci cet apres midi matin soir aujourd hui demain moment today tomorrow
    afternoon morning evening this that
    """.split()
)
_ORDINALS = {
    "premiere": "1",
    "premier": "1",
    "1ere": "1",
    "1er": "1",
    "first": "1",
    "1st": "1",
    "deuxieme": "2",
    "seconde": "2",
    "second": "2",
    "2e": "2",
    "2eme": "2",
    "2nd": "2",
    "troisieme": "3",
    "3e": "3",
    "3eme": "3",
    "third": "3",
    "3rd": "3",
}
FUZZY_KANA = 0.8  # share of a long name in kana found: one typo in six kana
_KANJI = re.compile(r"[一-龯]")
_JA_PUNCT = re.compile(r"[\s:：・、。,，.「」『』（）()!?！？]+")


def latin_words(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", latin(text).replace("'", " "))
    return [_ORDINALS.get(w, w) for w in words]


@lru_cache(maxsize=4096)
def _title_words(title: str) -> frozenset[str]:
    return frozenset(latin_words(title))


def _japanese_forms(title: str) -> set[str]:
    """The title folded to hiragana, and its reading, in pieces (「専門視察」「麻機地区の緑地」)."""
    pieces = [p for p in _JA_PUNCT.split(title) if p]
    return {f for f in {kana(p) for p in pieces} | {reading(p) for p in pieces} if len(f) >= 2}


def _place_names(*romanised: str) -> set[str]:
    """The place names of the romanised titles, in kana: the dictionary reads 「麻機」 あさき,
    the English title says Asahata; 「浅間」 あさま, the title says Sengen."""
    return {
        romaji_to_kana(word)
        for title in romanised
        for word in re.findall(r"[a-z]{5,}", latin(title))
        if is_romaji_word(word) and not is_latin_word(word)
    }


@lru_cache(maxsize=64)
def _distinct_forms(
    titles: tuple[tuple[str, str, str], ...],
) -> tuple[tuple[tuple[str, str], ...], ...]:
    """Each session's forms, without those another title has too: 「視察」 and 「全体会」 name a
    kind of session, 「閉会式」 names one. A place name is dropped only when another title
    names the same place (Shizuoka), not for a word of the same sound (Sengen, 宣言)."""
    forms = [_japanese_forms(ja) for ja, _, _ in titles]
    places = [_place_names(en, fr) for _, en, fr in titles]
    distinct = []
    for index, (own, named) in enumerate(zip(forms, places, strict=True)):
        others = [" ".join(f) for other, f in enumerate(forms) if other != index]
        other_places = set().union(*(p for other, p in enumerate(places) if other != index))
        kept = {f for f in own if not any(f in text for text in others)}
        kept |= named - other_places
        distinct.append(tuple((f, _own_start(f, others)) for f in sorted(kept)))
    return tuple(distinct)


def _own_start(form: str, others: Sequence[str]) -> str:
    """The first four kana of a long form, when no other title has them: 「ぶんかかいほうこく」
    (workshop reports) does not start a title of its own, since every workshop is a
    「ぶんかかい」."""
    start = form[:4]
    return start if len(form) >= 6 and not any(start in text for text in others) else ""


def _latin_score(words: Sequence[str], session: ProgrammeSession) -> float:
    """Share of the message's meaningful words found (one typo allowed) in a title."""
    if not words:
        return 0.0
    best = 0.0
    for title in (session.title_fr, session.title_en):
        vocabulary = _title_words(title)
        found = sum(
            1
            for w in words
            if w in vocabulary
            or (len(w) >= 5 and any(fuzz.ratio(w, v) >= 80 for v in vocabulary if len(v) >= 4))
        )
        best = max(best, found / len(words))
    return best


def _japanese_score(text: str, forms: Sequence[tuple[str, str]]) -> float:
    folded = kana(text)
    best = 0.0
    for form, start in forms:
        if form in folded:
            best = max(best, min(1.0, len(form) / 4))
        elif start and start in folded:
            # the start of a long title ("第1パネル" for 「第1パネルディスカッション」)
            best = max(best, 0.9)
        elif len(form) >= 4:
            # a typo in a long name, or part of it (「麻機の視察」); in kana, a typo only: kana
            # words share many syllables (「かいさい」, 「かいかいしき」: two thirds alike)
            near = fuzz.partial_ratio(form, folded) / 100
            if near >= FUZZY_KANA or _KANJI.search(form):
                best = max(best, near - 0.15)
    return best


def named_sessions(
    text: str, sessions: Sequence[ProgrammeSession], tracks: Sequence[TrackInfo]
) -> list[ProgrammeSession]:
    """The sessions the text names, best first; several when it names a kind of session that
    has several (the plenary, the visits), none when it names none."""
    track = find_track(text, tracks)
    japanese = bool(re.search(r"[ぁ-んァ-ン一-龯]", text))
    words = [w for w in latin_words(text) if w not in NOISE]
    if track is not None:
        # the kind's own name ("ceremony") is in one title and not the other: it names
        # the kind, and "closing ceremony" the closing, not the opening ceremony too
        kind = _kind_words(next((t for t in tracks if t.code == track), None))
        words = [w for w in words if w not in kind] or words
    scored: list[tuple[float, ProgrammeSession]] = []
    forms = (
        _distinct_forms(tuple((s.title_ja, s.title_en, s.title_fr) for s in sessions))
        if japanese
        else ()
    )
    for position, session in enumerate(sessions):
        score = _japanese_score(text, forms[position]) if japanese else _latin_score(words, session)
        if track is not None and session.track_code == track:
            # the kind named ("la visite"): every session of it fits, those whose title words
            # the message also has fit best ("la visite du sanctuaire")
            score = max(score, 0.6) + 0.2 * score
        if score >= 0.5:
            scored.append((score, session))
    scored.sort(key=lambda pair: (-pair[0], pair[1].starts_at))
    if not scored:
        return []
    top = scored[0][0]
    return [s for score, s in scored if score >= top - 0.05]


def _kind_words(track: TrackInfo | None) -> frozenset[str]:
    if track is None:
        return frozenset()
    names = (track.name.fr, track.name.en, track.short.fr, track.short.en)
    words = [w for name in names for w in latin_words(name)]
    return frozenset(words) | frozenset(w.removesuffix("s") for w in words)


def titled_session(text: str, sessions: Sequence[ProgrammeSession]) -> ProgrammeSession | None:
    """The one session whose title has every meaningful word of the message, two or more
    ("la restitution des ateliers c'est quand ?"): a title, not the workshops in general."""
    if re.search(r"[ぁ-んァ-ン一-龯]", text):
        return None
    words = [w for w in latin_words(text) if w not in NOISE]
    if len(words) < 2:
        return None
    found = [
        session
        for session in sessions
        if any(set(words) <= _title_words(t) for t in (session.title_fr, session.title_en))
    ]
    return found[0] if len(found) == 1 else None
