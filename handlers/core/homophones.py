"""Wrong-kanji typos repaired through readings: a Japanese IME, or voice input, offers every
kanji that sounds right, and a delegate in a hurry keeps the wrong one (「痛知」 for 通知,
「分化会」 for 分科会, 「刺殺」 for 視察, 「全開」 for 前回). The understanders read surfaces, so
such a word is lost to them.

The words repaired towards are the bot's own: the commands' and the programme's vocabulary
below, and the Japanese titles and keywords of the FAQ and the titles and rooms of the
programme the app serves (an `Edition`: the features make it from what organisers stored).
A run of kanji is taken for one of them when it can be read the same way, and:
- it is no word of the dictionary and no word of the edition (「分化会」, 「専門刺殺」): always;
- it is a real word (「刺殺」, 「全開」) or part of one of the edition's names (「静岡浅間」 of
  静岡浅間神社): only when another word of the message is found beside the bot's word in one
  FAQ entry or session of the edition and none is found beside the written one. 「公演を見た」
  names nothing else and stays 公演; 「最後に採択する静岡浅間」 is the declaration, found beside
  採択, and 「静岡浅間に行く」 stays the shrine.
The readings come from SudachiPy's core dictionary, looked up once per word (the only
caches here: a word reads the same in every edition)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import NamedTuple, TypeVar

from handlers.core.japanese import dictionary, per_thread

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
    "前回",
    "次回",
    "共創",
)
_KANJI = r"[\u4e00-\u9fff\u3400-\u4dbf々]"
_KANJI_RUN = re.compile(rf"{_KANJI}{{2,}}")
# Words of a message that can stand beside the bot's word in one text: kanji or katakana.
_CONTEXT_WORD = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々]{2,}|[\u30a1-\u30fa\u30fc]{3,}")
# The stretches of a text such a word can be found in (it is one script through and through).
_SCRIPT_RUN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々]{2,}|[\u30a1-\u30fa\u30fc]{2,}")
# A context word found in more than this share of the edition's texts says nothing.
_COMMON_SHARE = 0.2
_MAX_SOUNDS = 32
# A run this long that no text knows may differ from the bot's word by a voiced kana.
_LONG_RUN = 4
_UNVOICED = str.maketrans(
    "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポ",
    "カキクケコサシスセソタチツテトハヒフヘホハヒフヘホ",
)


class Text(NamedTuple):
    """One FAQ entry or one session, in Japanese: the names a delegate asks it by (its title,
    its keywords or room), repaired towards, and all it says, where the words beside them are
    found."""

    names: tuple[str, ...]
    body: str


@dataclass(frozen=True, eq=False)
class Edition:
    """The words repaired towards and the texts that tell when: the commands' vocabulary, and
    the FAQ and programme the app serves (organisers replace them, so each version is a value
    of its own). Its lookups are indexed once, when it is made (`of`, or `|` of two made
    apart): a message only reads them."""

    words: frozenset[str]
    texts: tuple[str, ...]  # one per FAQ entry and per session
    by_sound: Mapping[str, frozenset[str]] = field(repr=False)
    by_unvoiced: Mapping[str, frozenset[str]] = field(repr=False)
    # every kanji or katakana stretch of the texts, and the texts (their places) that write it
    written_in: Mapping[str, frozenset[int]] = field(repr=False)

    @classmethod
    def of(cls, texts: Iterable[Text]) -> Edition:
        """The edition of these texts, with the commands' vocabulary: each name's runs of
        kanji are words of it, and so are their own words (「麻機地区」 is also 麻機)."""
        texts = tuple(texts)
        runs = {run for t in texts for name in t.names for run in _KANJI_RUN.findall(name)}
        words = frozenset(VOCABULARY) | runs | {piece for run in runs for piece in _pieces(run)}
        by_sound: dict[str, set[str]] = {}
        for word in words:
            for sound in _sounds(word):
                by_sound.setdefault(sound, set()).add(word)
        by_unvoiced: dict[str, set[str]] = {}
        for sound, alike in by_sound.items():
            by_unvoiced.setdefault(sound.translate(_UNVOICED), set()).update(alike)
        written_in: dict[str, set[int]] = {}
        for i, text in enumerate(t.body for t in texts):
            for run in _SCRIPT_RUN.findall(text):
                for start in range(len(run) - 1):
                    for end in range(start + 2, len(run) + 1):
                        written_in.setdefault(run[start:end], set()).add(i)
        return cls(
            words,
            tuple(t.body for t in texts),
            _frozen({sound: frozenset(alike) for sound, alike in by_sound.items()}),
            _frozen({sound: frozenset(alike) for sound, alike in by_unvoiced.items()}),
            _frozen({word: frozenset(places) for word, places in written_in.items()}),
        )

    def __or__(self, other: Edition) -> Edition:
        """Both editions' words and texts (the FAQ's and the programme's, made apart): their
        indexes merged, nothing read again."""
        shift = len(self.texts)
        written_in = dict(self.written_in)
        for word, places in other.written_in.items():
            moved = frozenset(i + shift for i in places)
            written_in[word] = written_in[word] | moved if word in written_in else moved
        return Edition(
            self.words | other.words,
            self.texts + other.texts,
            _merged(self.by_sound, other.by_sound),
            _merged(self.by_unvoiced, other.by_unvoiced),
            _frozen(written_in),
        )

    def writes(self, word: str) -> bool:
        """Whether one of the texts writes this word of kanji or katakana."""
        return word in self.written_in

    def beside(self, word: str, context: list[str]) -> int:
        """How many of the context words one of the edition's texts has beside `word`."""
        texts = self.written_in.get(word)
        return sum(1 for c in context if texts and texts & self.written_in.get(c, _NONE))

    def common(self, word: str) -> bool:
        return len(self.written_in.get(word, _NONE)) > _COMMON_SHARE * len(self.texts)


_NONE: frozenset[int] = frozenset()
_V = TypeVar("_V")


def _merged(
    one: Mapping[str, frozenset[str]], other: Mapping[str, frozenset[str]]
) -> Mapping[str, frozenset[str]]:
    merged = dict(one)
    for key, words in other.items():
        merged[key] = merged[key] | words if key in merged else words
    return _frozen(merged)


def _frozen(index: dict[str, _V]) -> Mapping[str, _V]:
    """An index no one can change after the edition is made (editions are shared by turns)."""
    return MappingProxyType(index)


@lru_cache(maxsize=4096)
def _words_of(run: str) -> tuple[str, ...]:
    """A run of the message and its words (「採択予定」 is also 採択 and 予定)."""
    if len(run) < 3 or not _KANJI_RUN.fullmatch(run):
        return (run,)
    return tuple(dict.fromkeys([run, *_pieces(run)]))


def _pieces(run: str) -> list[str]:
    """A name's words of two kanji or more: 「麻機地区」 is 麻機 and 地区, the kanji the
    dictionary reads one by one kept together (a place's name)."""
    pieces: list[str] = []
    alone = ""
    for token in _splitter().tokenize(run):
        if len(token.surface()) == 1:
            alone += token.surface()
            continue
        pieces += [alone, token.surface()]
        alone = ""
    return [p for p in [*pieces, alone] if len(p) >= 2]


# The dictionary's words of a run, with their readings (the finest split is not needed).
_splitter = per_thread(lambda: dictionary().tokenizer())


@lru_cache(maxsize=8192)
def _readings(word: str) -> frozenset[str]:
    return frozenset(m.reading_form() for m in dictionary().lookup(word))


@lru_cache(maxsize=8192)
def _is_word(text: str) -> bool:
    return any(True for _ in dictionary().lookup(text))


@lru_cache(maxsize=8192)
def _sounds(text: str) -> frozenset[str]:
    """Every way a run of kanji can be read: each of its words, every way the dictionary
    reads it (「浅間」 is センゲン as well as アサマ)."""
    tokens = _splitter().tokenize(text)
    options = [_readings(t.surface()) or frozenset({t.reading_form()}) for t in tokens]
    sounds = itertools.islice(itertools.product(*options), _MAX_SOUNDS)
    return frozenset("".join(parts) for parts in sounds)


def _index() -> dict[str, list[tuple[str, int]]]:
    """Each word with one kanji left out ("?"), to find the words one kanji away at once."""
    index: dict[str, list[tuple[str, int]]] = {}
    for word in VOCABULARY:
        for i in range(len(word)):
            index.setdefault(word[:i] + "?" + word[i + 1 :], []).append((word, i))
    return index


_INDEX = _index()
_LONGEST = max(len(w) for w in VOCABULARY)


def _one_kanji_off(written: str) -> str | None:
    """A run that is no word and one kanji away from a bot's word, read the same way."""
    if len(written) > _LONGEST:
        return None
    for i in range(len(written)):
        for word, at in _INDEX.get(written[:i] + "?" + written[i + 1 :], ()):
            if at == i and _readings(written[i]) & _readings(word[i]):
                return None if _is_word(written) else word
    return None


def _sounds_like(written: str, edition: Edition) -> tuple[str, ...]:
    """The edition's words that sound like the run, other than the run itself."""
    if written in edition.words:
        return ()
    found = {w for s in _sounds(written) for w in edition.by_sound.get(s, ()) if w != written}
    if not found and len(written) >= _LONG_RUN and not _known(written, edition):
        # voice input also hears a voiced kana unvoiced: 「関係交流会」 for 歓迎交流会
        unvoiced = {s.translate(_UNVOICED) for s in _sounds(written)}
        found = {w for s in unvoiced for w in edition.by_unvoiced.get(s, ()) if w != written}
    return tuple(sorted(found))


def _known(written: str, edition: Edition) -> bool:
    """A real word, or one of the edition's texts writes it (「静岡浅間」 of the shrine)."""
    return _is_word(written) or edition.writes(written)


def _repair_run(match: re.Match[str], text: str, edition: Edition) -> str:
    # A whole run only: a window inside a longer one may be half of another word (「社会上」).
    written = match[0]
    if fixed := _one_kanji_off(written):
        return fixed
    words = _sounds_like(written, edition)
    if len(words) != 1:
        return written  # none, or several the sound cannot choose between
    (word,) = words
    if not _known(written, edition):
        return word
    context = [
        other
        for run in _CONTEXT_WORD.findall(text[: match.start()] + "\n" + text[match.end() :])
        for other in _words_of(run)
    ]
    if edition.writes(written):
        # a word of the edition's own (「静岡浅間」 of the shrine): only the uncommon words of
        # the message tell it from the bot's word
        context = [w for w in context if not edition.common(w)]
    beside = edition.beside(word, context)
    return word if beside and not edition.beside(written, context) else written


def repair(text: str, edition: Edition) -> str:
    """The text with its wrong-kanji typos of the bot's words put right, the words of this
    edition (the FAQ and programme served now) among them."""
    return _KANJI_RUN.sub(lambda m: _repair_run(m, text, edition), text)
