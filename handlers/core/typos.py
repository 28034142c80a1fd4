"""One typo in a word the understanders key on, put right: « progamme », "tomorow",
« chnagements », « ateleir ». The rules read these words exactly, and a delegate on a phone
types them wrong.

Only a misspelling that is no word of its own is corrected: each keyword's spellings one edit
away (a letter missing, extra, wrong, or two swapped) are kept when neither the French nor the
English dictionary of pyspellchecker knows them (« couverture » is not « ouverture », "domain"
is not « demain »), and when they are one keyword's only (not two keywords' at once). The
dictionaries are read once, to build that table, and then let go."""

from __future__ import annotations

import re
from functools import lru_cache

from handlers.core.text import fold_accents

# The words the rules of the schedule, the agenda, the reminders and the language read,
# French then English; six letters or more (a shorter word's neighbours are too often words).
KEYWORDS = (
    "programme aujourd'hui demain maintenant moment atelier ateliers environnement économie "
    "société changement changements modification modifications informé informer prévenir "
    "rappel rappels notification notifications réception cérémonie ouverture clôture plénière "
    "visite visites session sessions séance séances agenda calendrier paramètres réglages langue "
    "anglais japonais français prochaine prochain horaire horaires combien pourquoi "
    "program tomorrow workshop workshops environment economy society reminder reminders "
    "reception ceremony opening closing plenary schedule calendar settings language english "
    "japanese french"
).split()
SHORTEST = 6
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_WORD = re.compile(r"[a-zA-ZÀ-ÖØ-öø-ÿœŒ]{5,}")


def _one_edit(word: str) -> set[str]:
    """Every spelling one edit away (Norvig's `edits1`)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {
        *(a + b[1:] for a, b in splits if b),
        *(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1),
        *(a + c + b[1:] for a, b in splits if b for c in _LETTERS),
        *(a + c + b for a, b in splits for c in _LETTERS),
    }


@lru_cache(maxsize=1)  # built once (0.8 s): the first message need not wait, App.warm builds it
def table() -> dict[str, str]:
    """Misspelling (folded) → keyword."""
    from spellchecker import SpellChecker

    dictionaries = [SpellChecker(language=lang, distance=1) for lang in ("fr", "en")]
    folded = {fold_accents(k).casefold(): k for k in KEYWORDS if len(k) >= SHORTEST}
    found: dict[str, set[str]] = {}
    for plain, keyword in folded.items():
        for spelling in _one_edit(plain):
            if spelling not in folded:
                found.setdefault(spelling, set()).add(keyword)
    known: set[str] = set()
    for dictionary in dictionaries:
        words = dictionary.word_frequency.dictionary
        known.update(fold_accents(w) for w in words if fold_accents(w) in found)
    return {
        spelling: word
        for spelling, keywords in found.items()
        if spelling not in known and (word := _one_word(keywords)) is not None
    }


def _one_word(keywords: set[str]) -> str | None:
    """The keyword a misspelling stands for: the only one, or the shortest of one word's forms
    (« programe » is "program" and « programme »; "atelier" and « ateliers »)."""
    shortest = min(keywords, key=len)
    stem = fold_accents(shortest).casefold()
    if all(fold_accents(k).casefold().startswith(stem) for k in keywords):
        return shortest
    return None


def correct(text: str) -> str:
    """The text with its misspelt keywords put right; other words as typed."""
    typos = table()

    def put_right(match: re.Match[str]) -> str:
        return typos.get(fold_accents(match[0]).casefold(), match[0])

    return _WORD.sub(put_right, text)
