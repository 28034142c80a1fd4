"""Readings of Japanese text, so that 「ぶんかかい」 finds 「分科会」: the core's (the commands'
words, the wrong-kanji repair) and the features' (the FAQ matcher, the sessions' names).

SudachiPy with its core dictionary: measurably better than written-form n-grams alone
(bench/faq_eval.py prints both).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache

import jaconv
from sudachipy import Dictionary, SplitMode, Tokenizer


@lru_cache(maxsize=1)
def dictionary() -> Dictionary:
    """SudachiPy's core dictionary, loaded once for the process: the readings here and the
    kanji lookups of handlers/core/homophones.py share it."""
    return Dictionary(dict="core")


def per_thread(make: Callable[[], Tokenizer]) -> Callable[[], Tokenizer]:
    """A tokenizer for each thread, made on first use: one Tokenizer refuses to be used by
    two threads at once (SudachiError), and the FAQ and the programme's words are read in a
    worker thread while the event loop reads messages."""
    local = threading.local()

    def tokenizer() -> Tokenizer:
        made: Tokenizer | None = getattr(local, "tokenizer", None)
        if made is None:
            made = local.tokenizer = make()
        return made

    return tokenizer


# Only the reading is used: loading just that field keeps start-up and memory down.
_tokenizer = per_thread(lambda: dictionary().tokenizer(mode=SplitMode.C, fields={"reading_form"}))


def reading(text: str) -> str:
    """Hiragana reading; words the dictionary does not know keep their written form, and so
    do spaces (the dictionary reads them 「キゴウ」, symbol)."""
    tokens = _tokenizer().tokenize(text)
    return str(
        jaconv.kata2hira(
            "".join(
                t.surface() if t.surface().isspace() else (t.reading_form() or t.surface())
                for t in tokens
            )
        )
    )
