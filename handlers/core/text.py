"""Text normalisation shared by the schedule intents and the FAQ matcher."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jaconv

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_SPACES = re.compile(r"\s+")
MAX_INPUT = 500  # longer messages are cut before matching: nobody asks a question in a page
MAX_STORED = 4000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufeff]")


def clean_input(text: str) -> str:
    """What a message may carry into the database: no NUL or control characters (PostgreSQL
    refuses NUL in text), no byte-order marks, and a bounded length."""
    return _CONTROL.sub("", text)[:MAX_STORED].strip()


def fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def basic(text: str) -> str:
    """NFKC (full/half width), casefold, straight apostrophes, single spaces."""
    text = unicodedata.normalize("NFKC", text[:MAX_INPUT]).casefold().translate(_APOSTROPHES)
    return _SPACES.sub(" ", text).strip()


# Every understander folds the same message again (about a dozen times a turn): folded once.
@lru_cache(maxsize=8192)
def latin(text: str) -> str:
    """French/English form: accents folded, œ → oe, elisions kept as words (l', d')."""
    return fold_accents(basic(text)).replace("œ", "oe").replace("æ", "ae")


@lru_cache(maxsize=8192)
def kana(text: str) -> str:
    """Japanese form: katakana → hiragana, so that ケ and け, セッション and せっしょん agree."""
    return str(jaconv.kata2hira(basic(text)))
