"""Wrong-kanji typos repaired through readings: a Japanese IME offers every kanji that sounds
right, and a delegate in a hurry picks the wrong one (「痛知」 for 通知, 「会上」 for 会場,
「分化会」 for 分科会). The understanders read surfaces, so such a word is lost to them.

A run of kanji (whole, between kana) that is no word of the dictionary, and differs from one of
the bot's own words by a single kanji that can be read the same way, is taken for that word.
Both conditions keep real words whole: 「会長」 (長 is never read ジョウ or バ) stays 会長, and
「公演」, a word, stays 公演.
The readings of a kanji come from SudachiPy's core dictionary, looked up once per kanji."""

from __future__ import annotations

import re
from functools import lru_cache

from handlers.faq.japanese import dictionary

# The bot's words a delegate types in kanji: commands, the programme's vocabulary, the topics.
VOCABULARY = (
    "通知",
    "会場",
    "分科会",
    "全体会",
    "日程",
    "予定",
    "講演",
    "講演者",
    "登壇者",
    "歓迎",
    "交流会",
    "懇親会",
    "受付",
    "登録",
    "解除",
    "設定",
    "言語",
    "一覧",
    "話題",
    "視察",
    "宣言",
    "閉会",
    "開会",
    "開始",
    "終了",
    "会議",
    "地産地消",
    "防災",
    "減災",
    "資料",
    "質問",
    "参加",
    "参加者",
    "自治体",
    "時間",
    "場所",
    "部屋",
    "会期",
    "持続可能",
    "人口減少",
    "観光",
    "環境",
    "経済",
    "社会",
)
_WORDS = frozenset(VOCABULARY)
_KANJI_RUN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々]{2,}")
_LONGEST = max(len(w) for w in VOCABULARY)


def _index() -> dict[str, list[tuple[str, int]]]:
    """Each word with one kanji left out ("?"), to find the words one kanji away at once."""
    index: dict[str, list[tuple[str, int]]] = {}
    for word in VOCABULARY:
        for i in range(len(word)):
            index.setdefault(word[:i] + "?" + word[i + 1 :], []).append((word, i))
    return index


_INDEX = _index()


@lru_cache(maxsize=4096)
def _readings(kanji: str) -> frozenset[str]:
    return frozenset(m.reading_form() for m in dictionary().lookup(kanji))


@lru_cache(maxsize=4096)
def _is_word(text: str) -> bool:
    return any(True for _ in dictionary().lookup(text))


def _repair(written: str) -> str | None:
    if written in _WORDS:
        return None
    for i in range(len(written)):
        for word, at in _INDEX.get(written[:i] + "?" + written[i + 1 :], ()):
            if at == i and _readings(written[i]) & _readings(word[i]):
                return None if _is_word(written) else word
    return None


def _repair_run(match: re.Match[str]) -> str:
    # A whole run only: a window inside a longer one may be half of another word (「社会上」).
    return _repair(match[0]) or match[0] if len(match[0]) <= _LONGEST else match[0]


def repair(text: str) -> str:
    """The text with its wrong-kanji typos of the bot's words put right."""
    return _KANJI_RUN.sub(_repair_run, text)
