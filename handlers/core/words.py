"""Vocabularies of the understanders: alternatives matched on the folded forms of a message,
Latin ones (French, English) on `latin()` and Japanese ones on `kana()` (katakana as
hiragana, widths folded)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from handlers.core.japanese import reading
from handlers.core.text import kana, latin

# A compound of two kanji or more (「参加」「登録」「追加」) in a Japanese pattern is also
# matched in its reading (「さんか」), as delegates type it in kana or romaji; one kanji alone is
# left as written: its reading out of context is a guess (「消」 is not 「しょう」 here).
_COMPOUND = re.compile(r"[一-龯々]{2,}")
# A long vowel mark also matches the vowel written out: romaji 'sukejuuru',
# 'deeta' become 「すけじゅうる」「でえた」, not 「すけじゅーる」「でーた」.
_LONG_VOWEL = "[ーあいうえおぁぃぅぇぉ]"
# A Japanese pattern is found anywhere, but a Latin word in it ("ics", "follow", "agenda") is
# a whole word: not the end of "basics" or "logistics". Neither end of such a pattern's match
# may fall between two Latin letters (only patterns with Latin letters pay for the check).
_NOT_INSIDE_A_WORD = "(?:(?<![a-z])|(?![a-z]))"
# What is not a letter of a pattern: escapes (\w, \s), group syntax, counts.
_SYNTAX = re.compile(r"\\[a-zA-Z]|\(\?(?:<?[=!]|:)?|\{[^}]*\}")


def _japanese_alternatives(pattern: str) -> str:
    folded = kana(pattern)
    read = _COMPOUND.sub(lambda m: reading(m[0]), folded)
    forms = dict.fromkeys((folded, read))
    edge = _NOT_INSIDE_A_WORD if re.search(r"[a-z]", _SYNTAX.sub("", folded)) else ""
    return "|".join(f"{edge}(?:{f.replace('ー', _LONG_VOWEL)}){edge}" for f in forms)


@dataclass(frozen=True)
class Forms:
    """A message as the vocabularies read it."""

    text: str

    @cached_property
    def latin(self) -> str:
        return latin(self.text)

    @cached_property
    def kana(self) -> str:
        return kana(self.text)


class Words:
    """Words or phrases: `latin` are regular expressions on accent-folded French or English
    (whole words), `japanese` on hiragana-folded Japanese (anywhere in the text)."""

    def __init__(self, latin: tuple[str, ...] = (), japanese: tuple[str, ...] = ()) -> None:
        self._latin = re.compile("|".join(rf"\b(?:{p})\b" for p in latin)) if latin else None
        self._japanese = (
            re.compile("|".join(_japanese_alternatives(p) for p in japanese)) if japanese else None
        )

    def finditer(self, forms: Forms) -> list[re.Match[str]]:
        """Every place the words are found, in the Latin form, then in the Japanese one."""
        found: list[re.Match[str]] = []
        if self._latin is not None:
            found += self._latin.finditer(forms.latin)
        if self._japanese is not None:
            found += self._japanese.finditer(forms.kana)
        return found

    def search(self, forms: Forms) -> bool:
        return bool(
            (self._latin is not None and self._latin.search(forms.latin))
            or (self._japanese is not None and self._japanese.search(forms.kana))
        )
