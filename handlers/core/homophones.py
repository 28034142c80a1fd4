"""Wrong-kanji typos repaired through readings: a Japanese IME, or voice input, offers every
kanji that sounds right, and a delegate in a hurry keeps the wrong one (「痛知」 for 通知,
「分化会」 for 分科会, 「刺殺」 for 視察, 「全開」 for 前回). The understanders read surfaces, so
such a word is lost to them.

The words repaired towards are the bot's own: the commands' and the programme's vocabulary
below, and the Japanese keywords and programme titles of the bundled edition (content/).
A run of kanji is taken for one of them when it can be read the same way, and:
- it is no word of the dictionary and no word of the edition (「分化会」, 「専門刺殺」): always;
- it is a real word (「刺殺」, 「全開」) or part of one of the edition's names (「静岡浅間」 of
  静岡浅間神社): only when another word of the message is found beside the bot's word in one
  FAQ entry or session of the edition and none is found beside the written one. 「公演を見た」
  names nothing else and stays 公演; 「最後に採択する静岡浅間」 is the declaration, found beside
  採択, and 「静岡浅間に行く」 stays the shrine.
The readings come from SudachiPy's core dictionary, looked up once per word."""

from __future__ import annotations

import csv
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from sudachipy import Tokenizer

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
    "前回",
    "次回",
    "共創",
)
# The bundled edition: its FAQ and programme name the words delegates ask about.
CONTENT = Path(__file__).resolve().parents[2] / "content"

_KANJI = r"[\u4e00-\u9fff\u3400-\u4dbf々]"
_KANJI_RUN = re.compile(rf"{_KANJI}{{2,}}")
# Words of a message that can stand beside the bot's word in one text: kanji or katakana.
_CONTEXT_WORD = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々]{2,}|[\u30a1-\u30fa\u30fc]{3,}")
# A context word found in more than this share of the edition's texts says nothing.
_COMMON_SHARE = 0.2
_MAX_SOUNDS = 32
# A run this long that no text knows may differ from the bot's word by a voiced kana.
_LONG_RUN = 4
_UNVOICED = str.maketrans(
    "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポ",
    "カキクケコサシスセソタチツテトハヒフヘホハヒフヘホ",
)


@dataclass(frozen=True)
class _Edition:
    words: frozenset[str]  # the words repaired towards
    texts: tuple[str, ...]  # one per FAQ entry and per session, in Japanese

    def beside(self, word: str, context: list[str]) -> int:
        """How many of the context words one of the edition's texts has beside `word`."""
        texts = [t for t in self.texts if word in t]
        return sum(1 for c in context if any(c in t for t in texts))

    def common(self, word: str) -> bool:
        return sum(1 for t in self.texts if word in t) > _COMMON_SHARE * len(self.texts)


def _faq_texts(folder: Path) -> list[tuple[str, list[str]]]:
    """Each FAQ entry's Japanese text, and its Japanese keywords and title."""
    found = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in data.get("entries", []) if isinstance(data, dict) else []:
            ja = [str((entry.get(key) or {}).get("ja") or "") for key in ("title", "answer")]
            asked = [str(q) for q in (entry.get("questions") or {}).get("ja") or ()]
            named = [str(k) for k in (entry.get("keywords") or {}).get("ja") or ()]
            found.append(("\n".join([*ja, *asked, *named]), [ja[0], *named]))
    return found


def _programme_texts(path: Path) -> list[tuple[str, list[str]]]:
    """Each session's Japanese text, and its title and room."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    fields = ("title_ja", "room_ja", "description_ja")
    return [
        (
            "\n".join(row.get(f) or "" for f in fields),
            [row.get("title_ja") or "", row.get("room_ja") or ""],
        )
        for row in rows
    ]


@lru_cache(maxsize=1)
def _edition() -> _Edition:
    texts: list[tuple[str, list[str]]] = []
    if (CONTENT / "faq").is_dir():
        texts += _faq_texts(CONTENT / "faq")
    if (CONTENT / "programme.csv").is_file():
        texts += _programme_texts(CONTENT / "programme.csv")
    runs = {run for _, named in texts for name in named for run in _KANJI_RUN.findall(name)}
    names = runs | {piece for run in runs for piece in _pieces(run)}
    return _Edition(frozenset(VOCABULARY) | names, tuple(text for text, _ in texts))


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


@lru_cache(maxsize=1)
def _splitter() -> Tokenizer:
    """The dictionary's words of a run, with their readings (the finest split is not needed)."""
    return dictionary().tokenizer()


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


@lru_cache(maxsize=1)
def _by_sound() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for word in sorted(_edition().words):
        for sound in _sounds(word):
            index.setdefault(sound, []).append(word)
    return {sound: tuple(words) for sound, words in index.items()}


@lru_cache(maxsize=1)
def _by_unvoiced() -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    for sound, words in _by_sound().items():
        index.setdefault(sound.translate(_UNVOICED), set()).update(words)
    return {sound: tuple(sorted(words)) for sound, words in index.items()}


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


@lru_cache(maxsize=4096)
def _sounds_like(written: str) -> tuple[str, ...]:
    """The edition's words that sound like the run, other than the run itself."""
    edition = _edition()
    if written in edition.words:
        return ()
    found = {w for s in _sounds(written) for w in _by_sound().get(s, ()) if w != written}
    if not found and len(written) >= _LONG_RUN and not _known(written):
        # voice input also hears a voiced kana unvoiced: 「関係交流会」 for 歓迎交流会
        unvoiced = {s.translate(_UNVOICED) for s in _sounds(written)}
        found = {w for s in unvoiced for w in _by_unvoiced().get(s, ()) if w != written}
    return tuple(sorted(found))


def _known(written: str) -> bool:
    """A real word, or one of the edition's texts writes it (「静岡浅間」 of the shrine)."""
    return _is_word(written) or any(written in text for text in _edition().texts)


def _repair_run(match: re.Match[str], text: str) -> str:
    # A whole run only: a window inside a longer one may be half of another word (「社会上」).
    written = match[0]
    if fixed := _one_kanji_off(written):
        return fixed
    words = _sounds_like(written)
    if len(words) != 1:
        return written  # none, or several the sound cannot choose between
    (word,) = words
    if not _known(written):
        return word
    edition = _edition()
    context = [
        other
        for run in _CONTEXT_WORD.findall(text[: match.start()] + "\n" + text[match.end() :])
        for other in _words_of(run)
    ]
    if any(written in t for t in edition.texts):
        # a word of the edition's own (「静岡浅間」 of the shrine): only the uncommon words of
        # the message tell it from the bot's word
        context = [w for w in context if not edition.common(w)]
    beside = edition.beside(word, context)
    return word if beside and not edition.beside(written, context) else written


def repair(text: str) -> str:
    """The text with its wrong-kanji typos of the bot's words put right."""
    return _KANJI_RUN.sub(lambda m: _repair_run(m, text), text)
