"""The FAQ knowledge base and the matcher that finds an entry for a delegate's question.

Scoring has two parts, because each alone fails in a known way:
- similarity: TF-IDF cosine over character n-grams (and, for Japanese, n-grams of the reading,
  so that 「ぶんかかい」 finds 「分科会」); it tolerates typos and missing accents;
- coverage: how much of the question (weighted by rarity) the entry's own words explain; a
  question whose words the entry does not know ("ramen", 「人口」) is not answered by it, even
  if it names the host city.
The score is their geometric mean. Thresholds come from content/faq_matcher.yaml.
"""

from __future__ import annotations

import enum
import heapq
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import snowballstemmer
from rapidfuzz.distance import Levenshtein

from handlers.core.conference import Localised
from handlers.core.text import MAX_INPUT, basic, kana, latin

LANGS = ("fr", "ja", "en")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\u3400-\u4dbf\uff66-\uff9f]")

TOP = 5  # candidates kept: the best answer and up to three "did you mean" suggestions

# Grams in more than this share of one language's phrasings are not indexed. French and English
# keep them all: a question made of one common word ("what are the Rencontres?") must still
# find its entry; Japanese n-grams are many more, and its figures are better pruned.
COMMON_SHARE = {"fr": 1.01, "en": 1.01, "ja": 0.08}

# The answer's own words count as a phrasing, less than a real one: long texts match loosely.
ANSWER_WEIGHT = 0.7

# A French or English message of this many words or more is a story around its question: a
# keyword found in it scores at least the floor (a "did you mean", or the answer when it is the
# only one). Japanese has no such floor: its keywords are found in any run of characters.
LONG_WORDS = {"fr": 14, "en": 14, "ja": 10**6}
LONG_KEYWORD_FLOOR = 0.45
# Japanese has no words to count: a message whose matched form has this many characters is a
# story around its question, and the one entry it names is worth a "did you mean" at least.
LONG_JA_CHARS = 40

# A keyword's reading shorter than this is found inside other words (「かそ」, 過疎, in
# 「とかそういう」): only its written form is looked for.
MIN_KEYWORD_READING = 3

# A reading function turns Japanese text into hiragana (SudachiPy in production); without one
# the matcher still works on the written form.
Reader = Callable[[str], str]


# The entries' topics: a workshop's own entry, and a subject's (which workshop it goes in).
WORKSHOPS_TOPIC = "workshops"
SUBJECTS_TOPIC = "topics"


class Outcome(enum.StrEnum):
    ANSWER = "answer"
    CLARIFY = "clarify"
    FALLBACK = "fallback"


@dataclass(frozen=True)
class FaqEntry:
    id: str
    topic: str
    title: Localised
    answer: Localised
    questions: dict[str, tuple[str, ...]]
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class Thresholds:
    answer: float = 0.55
    gap: float = 0.05
    confident: float = 0.75
    clarify: float = 0.40
    clarify_window: float = 0.25


@dataclass(frozen=True)
class Candidate:
    entry: FaqEntry
    score: float


@dataclass(frozen=True)
class Match:
    outcome: Outcome
    candidates: tuple[Candidate, ...]
    script: str = "latin"

    @property
    def best(self) -> FaqEntry | None:
        return self.candidates[0].entry if self.candidates else None


SENTENCE_WEIGHT = 0.9
_ASKS_WHAT = re.compile(
    r"(?i)\b(?:quoi|what|qu'est-ce|who|qui|why|pourquoi|ce que|ce qu')\b|とは|って何|ってなに"
)
# Sentences; also the clause that says what the answer is for, typed without a stop ("c'est quoi
# le thème je dois le mettre dans la lettre", "when does it end I need to book a train").
_SENTENCES = re.compile(
    r"[?!.;？！。]+\s*|\s+-\s+|\n+"
    r"|,?\s+(?=(?:je dois|j'ai besoin|il me faut|c'est pour|i need|i must|i have to)\b)"
)
# A demonstrative points back to a thing the message has named already ("… the « partenariat
# d'exception » since 2013. What is it, this partnership?"): the sentence alone is not the key.
_POINTS_BACK = re.compile(r"(?i)\b(?:this|that|these|those|ce|cet|cette|ces)\s+\w+\W*$")
# A question reported or announced after its context (« ils me demandent ce que c'est… »,
# "I'm trying to get a sense of where…", « reste à savoir dans quel atelier… »): what follows is
# the question, also read alone (a sentence of its own).
_REPORTED = re.compile(
    r"(?i)\b(?:(?:me|nous|m'|lui|leur)\s*demand(?:e|ent|ait|aient)|demandent|veu(?:t|lent) savoir|"
    r"voudrai(?:t|ent|s) savoir|je me demand(?:e|ais)|on se demande|reste à savoir|"
    r"(?:asks?|asked|asking) me|wants? to know|wondering|(?:get a sense|figure out) (?:of )?)"
    r"\s*(.+)$"
)
# The whole conference named: 「全体テーマ」「全体のテーマ」「会議全体の」.
_JA_WHOLE = re.compile(r"全体(?:テーマ|の(?:テーマ|タイトル|題))|会議全体|ぜんたいてーま")
# A field word of the workshops used of the world at large: 「社会の変化」「経済の流れ」; and
# the workshops named as such.
_JA_AT_LARGE = re.compile(r"(?:社会|経済|環境)の?(?:変化|変革|流れ|情勢|動向)")
_JA_WORKSHOP = re.compile(r"分科会|ぶんかかい|ワークショップ|わーくしょっぷ")
# The workshop put forward as the answer: 「〇〇は社会分科会でいい？」「社会分科会ですか」.
_JA_WORKSHOP_PROPOSED = re.compile(
    r"(?:分科会|ぶんかかい)(?:で(?:いい|よい|良い|合|あって|大丈夫|ok)|です(?:か|よね)|でしょうか"
    r"|かな|なの|だよね|に(?:入|はい|当|あた)|[?？]|か(?:[?？\s。、]|$))"
)
# A Japanese question asking what a thing is, or what it is at bottom (「そもそも」).
_JA_ASKS_WHAT = re.compile(r"とは|って何|ってなに|ってなん|そもそも|どういうもの|どんなもの")


def script_of(text: str) -> str:
    """'ja' for Japanese script, 'latin' otherwise: the form a text is analysed in."""
    return "ja" if _JAPANESE.search(text) else "latin"


# --- French and English -------------------------------------------------------------------

_ELISION = re.compile(r"\b(?:l|d|qu|c|j|n|s|m|t|jusqu|lorsqu|puisqu)'")
_NON_WORD = re.compile(r"[^\w]+")
_ORDINAL_WORDS = {
    "premier": 1, "premiere": 1, "first": 1, "deuxieme": 2, "seconde": 2, "second": 2,
    "troisieme": 3, "third": 3, "quatrieme": 4, "fourth": 4, "cinquieme": 5, "fifth": 5,
    "sixieme": 6, "sixth": 6, "septieme": 7, "seventh": 7, "huitieme": 8, "eighth": 8,
    "neuvieme": 9, "ninth": 9, "dixieme": 10, "tenth": 10,
}  # fmt: skip
_ORDINAL_DIGITS = re.compile(r"^(\d{1,2})(?:e|eme|er|ere|re|nd|nde|st|rd|th)$")
_WHICH = r"(?:quel|quelle|which|wich|witch|what)"
_LATIN_FRAMES = re.compile(
    rf"\b(?:dans|a|pour|sur|in|for|to) {_WHICH} (?:atelier|workshop|groupe)\b"
    rf"|\b{_WHICH} (?:atelier|workshop)\b"
)
# Idioms whose words mislead: « le combien » / « du combien au combien » ask for a date (not a
# number); « tout le monde », "everyone" say who talks about a thing, not what it is.
_LATIN_IDIOMS = (
    (re.compile(r"\b(?:le|du|au|jusqu'au) combien\b(?! d)"), " date "),
    (re.compile(r"\b(?:tout le monde|everyone|everybody)\b"), " "),
    # a contrast, not the subject: "why now and not at the last one?"
    (
        re.compile(
            r"\b(?:and|but|rather than|instead of)(?: not)? (?:at|in|during|for|with) the"
            r" (?:last|previous|past) (?:one|ones|edition|editions|time)\b"
        ),
        " ",
    ),
    # how the question is asked, not what about: « en deux mots », « vous pouvez m'aider ? »
    (re.compile(r"\ben (?:deux|2|quelques|trois|3) mots\b"), " "),
    (
        re.compile(
            r"\b(?:vous pouvez|pouvez-vous|tu peux|peux-tu) (?:m')?aider\b|\bcan you help(?: me)?\b"
        ),
        " ",
    ),
)
STOPWORDS = frozenset(
    "le la les un une des du de au aux et ou est sont ce cet cette ces c ca que quoi quel "
    "quelle quels quelles comment il elle on nous vous je tu se sa son ses leur leurs "
    "en dans sur pour par avec pas ne plus y a as ont etre faire fait peut peux est-ce "
    "qu'est-ce parle parler dire dit moi me svp stp merci bonjour alors donc bien tres "
    "the a an of to in on for and or is are was were be it its this that what which how "
    "do does did can could would should about tell me please i you we our my there with at by "
    "from as so any "
    # possessives: "notre commune", "our city" say who asks, not what about
    "notre nos votre vos mon ma mes ton ta tes your their his her dont".split()
)
# Words that fill a question out without saying what it is about: a base that does not know
# them should not lose the question ("c'est quoi déjà ?", "what exactly?", "au juste").
FILLERS = frozenset(
    "deja exactement juste vraiment toute toutes tout tous etait sera seront ete meme aussi "
    "encore bon ben bah hein ok okay sinon enfin voila genre truc trucs chose choses bref "
    "svp stp sil vous plait merci salut coucou rapidement vite petite petit question questions "
    "savoir sais connaitre voudrais aimerais veux souhaite pouvez pourriez dites explique "
    "expliquer expliquez ca cela ceci la-bas ici maintenant actuellement concretement "
    "exactly actually really just basically stuff thing things kind sort sorry very basic "
    "question i'm im here ok okay so hi hello thanks thank also even still already some like "
    "get got know want need will be been has have had they them their these those now "
    "quick quickly explain again bit little lol because parce car something anything "
    "quelque only seulement anyway anyhow "
    # modal verbs, like "peut" and "pouvez" above: how the question is put, not its subject
    "doit dois devons devez doivent faut faudrait must".split()
)


def _ordinal(word: str) -> str:
    singular = word[:-1] if word.endswith("s") else word
    if singular in _ORDINAL_WORDS:
        return f"{_ORDINAL_WORDS[singular]}e"
    match = _ORDINAL_DIGITS.match(word)
    return f"{int(match[1])}e" if match else word


_STEMMERS = {"fr": snowballstemmer.stemmer("french"), "en": snowballstemmer.stemmer("english")}


@lru_cache(maxsize=200_000)
def _stem(lang: str, word: str) -> str:
    # Snowball in pure Python costs ~35 µs a word; delegates reuse the same few thousand words.
    stem = str(_STEMMERS[lang].stemWord(word))
    # French Snowball keeps the plural of the present ("terminent", "présentent",
    # "dépeuplent"): read as the infinitive, they meet "termine", "présenter".
    plural = word.endswith("ent") and not word.endswith("ment")
    if lang == "fr" and stem == word and len(word) >= 8 and plural:
        return str(_STEMMERS[lang].stemWord(word[:-3] + "er"))
    return stem


def latin_words(text: str, lang: str) -> list[str]:
    """Accent-folded Snowball stems ('familles', 'familiales' → 'famil…'), no function words."""
    folded = _ELISION.sub("", latin(text))
    for idiom, meaning in _LATIN_IDIOMS:
        folded = idiom.sub(meaning, folded)
    folded = _LATIN_FRAMES.sub(" ", folded)
    words = [_ordinal(w) for w in _NON_WORD.sub(" ", folded.replace("_", " ")).split()]
    # single letters are what is left of "can't", "I'm", "it's"
    kept = [
        w for w in words if w not in STOPWORDS and w not in FILLERS and (len(w) > 1 or w.isdigit())
    ]
    return [_stem(lang, w) for w in kept]


# --- Japanese -----------------------------------------------------------------------------

_JA_PUNCT = re.compile(r"[\s、。・！？!?「」『』（）()\[\]【】〜~\-:：;；,，.．/／\"'…ー]+")
_KANJI_DIGITS = str.maketrans("一二三四五六七八九", "123456789")
_JA_ORDINAL = re.compile(r"第([一二三四五六七八九])(?=回|分科会)")
_JA_FRAMES = re.compile(
    r"どの分科会|何分科会|なに分科会|どこの分科会|どの分科会|どのぶんかかい|なにぶんかかい"
)
_JA_NOISE = re.compile(
    r"について|とは|ってなに|ってなん|って|ですか|ますか|でしょうか|ください|教えて|おしえて|"
    r"知りたい|しりたい|何ですか|なんですか|ですよね|だよね|なの|ですね|です|ます|ません|"
    r"どんな|どういう|どこ|いつ|なに|なん|何|"
    # 「見学する予定」: after a verb, 予定 is "is planned to", not a subject
    r"(?<=[うくすつぬむるぐぶ])予定"
)
_JA_PARTICLES = re.compile(r"(?<=[\u4e00-\u9fff\u30a0-\u30ff])(?:の|は|が|を|に|で|と|も|へ|や)")


def japanese_form(text: str, breaks: bool = False) -> str:
    """Written form for matching: width, kana, kanji ordinals, question frames and endings.
    Frames and endings go before katakana is folded to hiragana: 「ナンシー」 keeps its 「ナン」
    and 「マッテ」 its 「ッテ」, which are not 「なん」 (what) or 「って」. With `breaks`, what
    is dropped leaves a space, for the reader: 「水道の話」 is 「水道 話」 (すいどう はなし),
    not 「水道話」, which the dictionary reads 「水」「道話」 (みずどうわ)."""
    gap = " " if breaks else ""
    folded = _JA_ORDINAL.sub(lambda m: "第" + m[1].translate(_KANJI_DIGITS), text)
    folded = basic(folded)
    folded = _JA_FRAMES.sub(gap, folded)
    folded = _JA_NOISE.sub(gap, folded)
    folded = kana(folded).translate(_SMALL_VOWELS)
    folded = _JA_PARTICLES.sub(gap, folded)
    return _JA_PUNCT.sub(gap, folded).strip()


# Loanwords are spelt both ways (「ウェディング」「ウエディング」, 「パーティー」「パーテイー」):
# a small vowel counts as the full one, in the question and in the entries alike.
_SMALL_VOWELS = str.maketrans("ぁぃぅぇぉ", "あいうえお")


def _reading_form(reading: str) -> str:
    """A reading as matched: hiragana without punctuation. Question words were dropped from the
    written form already; dropping them again would cut words (「にってい」 holds 「って」)."""
    return _JA_PUNCT.sub("", kana(reading).translate(_SMALL_VOWELS))


def _grams(text: str, sizes: tuple[int, ...], prefix: str = "") -> list[str]:
    grams = [prefix + text[i : i + n] for n in sizes for i in range(len(text) - n + 1)]
    return grams or ([prefix + text] if text else [])


# --- Analysis of one text -----------------------------------------------------------------


@dataclass(frozen=True)
class Analysis:
    grams: tuple[str, ...]  # for similarity
    units: tuple[str, ...]  # for coverage
    form: str  # normalised text, for keywords
    reading: str = ""  # Japanese: the form in hiragana, for keywords written in kanji


class Analyzer:
    def __init__(self, reader: Reader | None = None) -> None:
        self.reader = reader

    def analyse(self, text: str, lang: str) -> Analysis:
        if lang == "ja":
            return self._japanese(text)
        return self.from_words(latin_words(text, lang))

    @staticmethod
    def from_words(words: Sequence[str]) -> Analysis:
        grams: list[str] = []
        for word in words:
            grams.append(f"w:{word}")
            grams += _grams(f" {word} ", (3,))
        return Analysis(tuple(grams), tuple(words), " ".join(words))

    def _japanese(self, text: str) -> Analysis:
        form = japanese_form(text)
        grams = _grams(form, (2, 3))
        # Coverage counts in the reading when there is one: 「こそだて」 and 「子育て」 agree.
        units = [] if self.reader is not None else _grams(form, (2,))
        reading = ""
        if self.reader is not None:
            reading = _reading_form(self.reader(japanese_form(text, breaks=True))) if form else ""
            grams += _grams(reading, (2, 3), "r:")
            units += _grams(reading, (3,), "r:")
        return Analysis(tuple(grams), tuple(units), form, reading)


# --- The index ----------------------------------------------------------------------------


@dataclass
class _Doc:
    entry: int
    vector: dict[str, float]
    weight: float


class _Index:
    """TF-IDF cosine over the phrasings of one language, and each entry's vocabulary.

    Postings are numpy arrays: one vectorised update per query gram keeps a question under a
    millisecond on a base of thousands of entries.
    """

    def __init__(
        self,
        docs: list[tuple[int, Analysis, float]],
        vocab: dict[int, set[str]],
        common_share: float = 0.08,
    ) -> None:
        df: dict[str, int] = defaultdict(int)
        counted = []
        for _, analysis, _ in docs:
            grams: dict[str, int] = defaultdict(int)
            for gram in analysis.grams:
                grams[gram] += 1
            counted.append(grams)
            for gram in grams:
                df[gram] += 1
        total = max(len(docs), 1)
        self.idf = {g: math.log((1 + total) / (1 + n)) + 1.0 for g, n in df.items()}
        self.max_idf = math.log(1 + total) + 1.0
        # A gram in more than `common` of the phrasings says little and costs most: not indexed.
        common = max(50, int(total * common_share))
        postings: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        self.doc_entry = np.array([entry for entry, _, _ in docs], dtype=np.int32)
        self.doc_weight = np.array([weight for _, _, weight in docs], dtype=np.float64)
        for index, grams in enumerate(counted):
            vector = {g: (1 + math.log(c)) * self.idf[g] for g, c in grams.items()}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            for gram, value in vector.items():
                if df[gram] <= common:
                    postings[gram][0].append(index)
                    postings[gram][1].append(value / norm)
        self.postings = {
            g: (np.array(ids, dtype=np.int32), np.array(ws, dtype=np.float64))
            for g, (ids, ws) in postings.items()
        }
        self.vocab = vocab
        unit_df: dict[str, int] = defaultdict(int)
        for units in vocab.values():
            for unit in units:
                unit_df[unit] += 1
        entries = max(len(vocab), 1)
        self.unit_idf = {u: math.log((1 + entries) / (1 + n)) + 1.0 for u, n in unit_df.items()}
        self.unknown_idf = math.log(1 + entries) + 1.5
        # Typos: every known word under each one-character deletion (the SymSpell idea).
        self.deletions: dict[str, set[str]] = defaultdict(set)
        for word in unit_df:
            if len(word) >= 4 and word.isalpha():
                for variant in _deletions(word):
                    self.deletions[variant].add(word)

    def similar(self, analysis: Analysis, limit: int) -> dict[int, float]:
        grams: dict[str, int] = defaultdict(int)
        for gram in analysis.grams:
            grams[gram] += 1
        query = {g: (1 + math.log(c)) * self.idf[g] for g, c in grams.items() if g in self.idf}
        if not query:
            return {}
        # Grams unknown to the base still count in the norm: they are what the base lacks.
        unknown = sum((1 + math.log(c)) ** 2 for g, c in grams.items() if g not in query)
        norm = math.sqrt(sum(v * v for v in query.values()) + unknown * self.max_idf**2)
        # One bincount over every posting the query touches: a long Japanese question has
        # hundreds of grams, and an in-place add per gram cost more than all the rest.
        found = [(p, value) for g, value in query.items() if (p := self.postings.get(g))]
        if not found:
            return {}
        ids = np.concatenate([p[0] for p, _ in found])
        weights = np.concatenate([p[1] for p, _ in found])
        weights *= np.repeat([value / norm for _, value in found], [len(p[0]) for p, _ in found])
        scores = np.bincount(ids, weights=weights, minlength=len(self.doc_entry))
        hit = np.flatnonzero(scores)
        hit_scores = scores[hit] * self.doc_weight[hit]
        if len(hit) > limit:
            keep = np.argpartition(hit_scores, -limit)[-limit:]
            hit, hit_scores = hit[keep], hit_scores[keep]
        by_entry: dict[int, float] = {}
        for doc_index, score in zip(hit.tolist(), hit_scores.tolist(), strict=True):
            entry = int(self.doc_entry[doc_index])
            if score > by_entry.get(entry, 0.0):
                by_entry[entry] = score
        return by_entry

    def weigh(self, units: Sequence[str]) -> dict[str, float]:
        """A question's distinct units with their weight (a repeated unit counts each time),
        worked out once for all the entries its coverage is measured against."""
        weights: dict[str, float] = defaultdict(float)
        for unit in units:
            weights[unit] += self.unit_idf.get(unit, self.unknown_idf)
        return weights

    def coverage(self, weights: dict[str, float], entry: int) -> float:
        """The share of the question's weight that the entry's vocabulary knows."""
        total = sum(weights.values())
        if not total:
            return 0.0
        known = self.vocab.get(entry, set())
        return sum(weights[unit] for unit in known.intersection(weights)) / total

    def correct(self, words: Sequence[str]) -> list[str]:
        """An unknown word becomes the known word one edit away, the most common if several.
        A short word keeps its first letter: one edit from "dress" is "adress", another word;
        and only loses, gains or swaps a letter."""
        fixed = []
        for word in words:
            if word in self.unit_idf or len(word) < 4:
                fixed.append(word)
                continue
            candidates = set(self.deletions.get(word, ()))
            for variant in _deletions(word):
                candidates |= self.deletions.get(variant, set())
                if variant in self.unit_idf:
                    candidates.add(variant)
            if len(word) < 7:
                # short words: a letter missing, extra or swapped, not another letter
                # ("faut" is not "faun", "recept" not "recent")
                candidates = {
                    c
                    for c in candidates
                    if (len(c) != len(word) or sorted(c) == sorted(word))
                    and (len(word) >= 6 or c[0] == word[0])
                }
            if candidates:
                fixed.append(
                    min(
                        candidates,
                        key=lambda w: (Levenshtein.distance(word, w), self.unit_idf[w], w),
                    )
                )
            else:
                fixed.append(self._known_prefix(word))
        return fixed

    def _known_prefix(self, word: str) -> str:
        """A word Snowball left whole with a typo in its ending ("editon") is its longest
        known stem, up to three letters shorter ("edit")."""
        for size in range(len(word) - 1, max(3, len(word) - 4), -1):
            if word[:size] in self.unit_idf:
                return word[:size]
        return word


def _details(
    asked: dict[int, list[tuple[str, ...]]],
    named: dict[int, list[tuple[str, ...]]],
    linked: set[tuple[int, int]],
) -> dict[int, set[int]]:
    """For each entry, the related entries it is a detail of: its phrasings name their keywords
    (the environment layer's "pourquoi l'environnement est à la base du millefeuille ?"),
    theirs never name its own (the cake's phrasings do not say "en bas")."""

    def names(phrasings: list[tuple[str, ...]], keywords: list[tuple[str, ...]]) -> bool:
        return any(
            phrasing[i : i + len(keyword)] == keyword
            for phrasing in phrasings
            for keyword in keywords
            for i in range(len(phrasing) - len(keyword) + 1)
        )

    details: dict[int, set[int]] = defaultdict(set)
    for detail, phrasings in asked.items():
        for whole, keywords in named.items():
            if (detail, whole) not in linked or not named.get(detail):
                continue
            if names(phrasings, keywords) and not names(asked.get(whole, []), named[detail]):
                details[detail].add(whole)
    return details


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class FaqMatcher:
    def __init__(
        self,
        entries: Sequence[FaqEntry],
        thresholds: dict[str, Thresholds] | None = None,
        reader: Reader | None = None,
    ) -> None:
        self.entries = list(entries)
        self.by_id = {e.id: e for e in self.entries}
        # Scores of Japanese and of French/English questions spread differently: one set each.
        self.thresholds = {"ja": Thresholds(), "latin": Thresholds(), **(thresholds or {})}
        self.analyzer = Analyzer(reader)
        # A workshop's own entry, the one its detail entries are named after
        # (workshop-society, not workshop-society-families, which a subject may well be about).
        ids = [e.id for e in self.entries]
        self._workshops = {
            i
            for i, e in enumerate(self.entries)
            if e.topic == WORKSHOPS_TOPIC and any(o.startswith(e.id + "-") for o in ids)
        }
        # Numbered entries of one series (history-edition-1 … history-edition-9).
        series: dict[str, set[int]] = defaultdict(set)
        for i, e in enumerate(self.entries):
            if numbered := re.fullmatch(r"(.+)-\d+", e.id):
                series[numbered[1]].add(i)
        self._series = [members for members in series.values() if len(members) >= 2]
        self._pairs = self._linked()
        # Keywords by their first word (French, English) or first two characters (Japanese).
        self._keywords: dict[str, dict[str, list[tuple[str, int]]]] = {
            lang: defaultdict(list) for lang in LANGS
        }
        self._indexes: dict[str, _Index] = {}
        # French and English: the entries that are a detail of another (below).
        self._details: dict[str, dict[int, set[int]]] = {}
        for lang in LANGS:
            docs: list[tuple[int, Analysis, float]] = []
            vocab: dict[int, set[str]] = defaultdict(set)
            asked: dict[int, list[tuple[str, ...]]] = defaultdict(list)
            named: dict[int, list[tuple[str, ...]]] = defaultdict(list)
            for position, entry in enumerate(self.entries):
                phrasings = [*entry.questions.get(lang, ()), entry.title.get(lang)]
                for text in dict.fromkeys(p for p in phrasings if p):
                    analysis = self.analyzer.analyse(text, lang)
                    docs.append((position, analysis, 1.0))
                    vocab[position].update(analysis.units)
                    asked[position].append(analysis.units)
                for word in entry.keywords.get(lang, ()):
                    analysis = self.analyzer.analyse(word, lang)
                    if analysis.units:
                        named[position].append(analysis.units)
                    forms = [analysis.form, analysis.reading] if lang == "ja" else [analysis.form]
                    if lang == "ja" and len(analysis.reading) < MIN_KEYWORD_READING:
                        forms = [analysis.form]
                    for form in dict.fromkeys(f for f in forms if f):
                        key = form[:2] if lang == "ja" else form.split()[0]
                        self._keywords[lang][key].append((form, position))
                    if analysis.form:
                        docs.append((position, analysis, 1.0))
                        vocab[position].update(analysis.units)
                answer = getattr(entry.answer, lang, "")
                if answer:
                    analysis = self.analyzer.analyse(answer, lang)
                    docs.append((position, analysis, ANSWER_WEIGHT))
                    vocab[position].update(analysis.units)
            self._indexes[lang] = _Index(docs, vocab, COMMON_SHARE[lang])
            self._details[lang] = _details(asked, named, self._pairs)

    def match(self, text: str, language: str) -> Match:
        text = text[:MAX_INPUT]
        script = script_of(text)
        order = [language, *(lang for lang in LANGS if lang != language)]
        order = [lang for lang in order if (lang == "ja") == (script == "ja")]
        scores: dict[int, float] = {}
        # A question with a sentence of context ("… ? I'm here as an observer") is also
        # scored sentence by sentence: the words of the context are not the question's.
        # A sentence alone counts a little less than the whole message: it is read without
        # what the other sentences say ("… nancy right? why there").
        sentences = [p for p in _SENTENCES.split(text) if len(p.split()) >= 3 or script == "ja"]
        # reported questions: the question itself, whatever its length
        reported = (
            [m[1] for s in sentences if (m := _REPORTED.search(s)) and m[1]]
            if script == "latin"
            else []
        )
        parts = [(text, 1.0)]
        if len(sentences) + len(reported) >= 2:
            parts += [(sentence, SENTENCE_WEIGHT) for sentence in sentences + reported]
        read: dict[str, Analysis] = {}  # the whole message, as read in each language
        for lang in order:
            for position, (part, weight) in enumerate(parts):
                analysis = self._read(part, lang)
                if not analysis.units:
                    continue
                alone = not _ASKS_WHAT.search(part) or _POINTS_BACK.search(part)
                if weight < 1.0 and len(analysis.units) < 2 and alone and part not in reported:
                    # a frame ("- which workshop to present?"), not "what is X?"; or a word
                    # pointing back ("what is it, this partnership?") to a thing named before
                    continue
                if position == 0:
                    read[lang] = analysis
                for entry, score in self._score(analysis, lang, lang == order[0]).items():
                    scores[entry] = max(scores.get(entry, 0.0), score * weight)
            if max(scores.values(), default=0.0) >= self.thresholds[script].answer:
                break  # the question's own language answered: the others need not be asked
        if script == "ja" and scores:
            # Keywords named in the question: which subject, workshop or edition it names.
            whole = read.get("ja") or self.analyzer.analyse(text, "ja")
            counts = self._keyword_counts(whole, "ja")
            named = set(counts)
            best = max(scores, key=lambda entry: scores[entry])
            if named == {best} and len(whole.form) >= LONG_JA_CHARS:
                # a long story that names one entry, the best: the question's subject
                scores[best] = max(scores[best], self.thresholds[script].clarify)
            if _JA_AT_LARGE.search(text) and not _JA_WORKSHOP.search(text):
                # 「社会の変化」: society at large, not the Society workshop
                for entry in named & self._workshops:
                    del counts[entry]
                named -= self._workshops
            if (
                _JA_WHOLE.search(text) or _JA_AT_LARGE.search(text)
            ) and not named & self._workshops:
                # 「全体テーマのタイトル」: the whole conference's, not one workshop's theme
                t = self.thresholds[script]
                for entry in scores:
                    if self.entries[entry].topic == WORKSHOPS_TOPIC:
                        scores[entry] -= max(t.gap, t.clarify_window) + 0.01
            self._topic_before_workshop(named, scores)
            self._specific_before_general(scores, counts, self.thresholds[script])
            before = dict(scores)
            self._focus_of_question(
                scores, named, self.thresholds[script], bool(_JA_ASKS_WHAT.search(text))
            )
            self._workshop_as_setting(text, named, before, scores, self.thresholds[script])
        self._detail_before_whole(read, scores, self.thresholds[script])
        self._common_ground(scores, self.thresholds[script])
        if script == "latin":
            self._named_workshops(text, read, scores, self.thresholds[script])
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        candidates = tuple(Candidate(self.entries[i], round(s, 4)) for i, s in ranked[:TOP])
        return Match(self._decide(candidates, self.thresholds[script]), candidates, script)

    def _topic_before_workshop(self, named: set[int], scores: dict[int, float]) -> None:
        """A subject named beside a workshop (「生物多様性は環境でいい？」, 「デジタル格差は
        社会？経済？」) asks where the subject goes: its entry, which names the workshop, comes
        first; the workshop's entry takes its place, second. Japanese only: French and English
        keywords are found through stems and spelling corrections, loose enough to name a
        subject the question does not ("commune" is not the sea)."""
        best = max(scores, key=lambda entry: scores[entry])
        if best not in self._workshops:
            return
        subjects = [e for e in named if self.entries[e].topic == SUBJECTS_TOPIC and e in scores]
        if subjects:
            subject = max(subjects, key=lambda entry: scores[entry])
            scores[best], scores[subject] = scores[subject], scores[best]

    def _specific_before_general(
        self, scores: dict[int, float], counts: dict[int, int], t: Thresholds
    ) -> None:
        """Japanese questions about a workshop's subject name the workshop as well
        (「経済分科会でなぜ文化？」, 「都市緑化は環境分科会で合ってる？」): the workshop's name is
        context, or the answer the delegate proposes. The specific entry (the workshop's own
        detail, workshop-economy-culture, or a subject's) answers it, and names the workshop;
        when it is close behind the workshop's entry, or just ahead of it, it is answered rather
        than asked back. A question naming two workshops or more (「分科会が経済・社会・環境の
        ３つなのはなぜ」) is about none of them alone; one naming a workshop is not about another
        (「経済分科会では何を議論しますか」 is not the society's, asked the same way)."""
        if len(scores) < 2:
            return
        named = set(counts)
        # below the best by the answer's gap and out of the "did you mean" window
        gap = max(t.gap, t.clarify_window) + 0.01
        for members in self._series:
            # one of a numbered series named (「第1回」): the others, asked alike, are not asked
            own_named = named & members
            if len(own_named) >= 2:
                # 「第1回は2008年のナンシー、金沢と組んで？」: the one named by most of its
                # keywords is asked; the other is its story
                most = max(counts[e] for e in own_named)
                top = {e for e in own_named if counts[e] == most}
                own_named = top if len(top) == 1 else own_named
            if len(own_named) == 1:
                (own,) = own_named
                for entry in (members & scores.keys()) - own_named:
                    scores[entry] = min(scores[entry], scores.get(own, 0.0) - gap)
        named_workshops = named & self._workshops
        if len(named_workshops) >= 2:
            for entry in self._workshops & scores.keys():
                scores[entry] -= gap
        elif named_workshops:
            # one workshop named: another one, asked the same way, is not what is asked
            (own,) = named_workshops
            for entry in (self._workshops & scores.keys()) - {own}:
                scores[entry] = min(scores[entry], scores.get(own, 0.0) - gap)
        best = max(scores, key=lambda entry: scores[entry])
        if best in self._workshops:
            prefix = self.entries[best].id + "-"
            details = [e for e in scores if self.entries[e].id.startswith(prefix)]
            near = [e for e in details if scores[e] >= scores[best] - gap]
            if not near:
                return
            detail = max(near, key=lambda entry: scores[entry])
            scores[best], scores[detail] = scores[detail], scores[best]
            best = detail
        if best in self._workshops or self.entries[best].topic not in (
            WORKSHOPS_TOPIC,
            SUBJECTS_TOPIC,
        ):
            return
        for entry in self._workshops:
            if entry in scores and scores[entry] > scores[best] - gap:
                scores[entry] = scores[best] - gap

    def _focus_of_question(
        self, scores: dict[int, float], named: set[int], t: Thresholds, asks_what: bool
    ) -> None:
        """Japanese: an entry named and ahead is sure of itself against its neighbours, which go
        out of the "did you mean" window:
        - when it is a subject (a subject named close behind an unnamed entry comes first),
          every entry no keyword names: 「〇〇の事例はどこで発表すれば」 is the subject's,
          whose answer names its workshop, and the general how-to is only the frame;
        - the whole it is a detail of (「テーマって結局何を目指してる」: the theme's aims, not the
          theme), outside the workshops and subjects, which have their own rules above;
        - two or more of its related entries named together as its examples (「DXとかGXとか
          の流れで、なぜこのテーマ」: the theme's context, not DX nor GX).
        And a question asking what the named thing is (「静岡宣言とはそもそも」), with the entry
        ahead by the answer's gap, is answered by it: it is a definition, not a session's time,
        even when the thing also names a session."""
        if len(scores) < 2:
            return
        best = max(scores, key=lambda entry: scores[entry])
        if best not in named:
            # a subject named, close behind an entry no keyword names: the subject is asked
            near = [
                e
                for e in named & scores.keys()
                if self.entries[e].topic == SUBJECTS_TOPIC
                and scores[e] >= scores[best] - t.clarify_window
            ]
            if not near:
                return
            subject = max(near, key=lambda entry: scores[entry])
            scores[best], scores[subject] = scores[subject], scores[best]
            best = subject
        floor = scores[best] - max(t.gap, t.clarify_window) - 0.01
        if self.entries[best].topic == SUBJECTS_TOPIC:
            # 「〇〇の事例はどこで発表すれば」: the subject's entry names its workshop; an entry
            # no keyword names (how to choose a workshop) is only the question's frame
            for entry in scores.keys() - named:
                scores[entry] = min(scores[entry], floor)
        own = {WORKSHOPS_TOPIC, SUBJECTS_TOPIC}
        if self.entries[best].topic not in own:
            for whole in self._details["ja"].get(best, ()):
                if whole in scores and self.entries[whole].topic not in own:
                    scores[whole] = min(scores[whole], floor)
        related = set(self.entries[best].related)
        examples = {e for e in named if self.entries[e].id in related}
        if len(examples) >= 2:
            for entry in examples & scores.keys():
                scores[entry] = min(scores[entry], floor)
        second = max((s for e, s in scores.items() if e != best), default=0.0)
        if asks_what and scores[best] >= t.clarify and scores[best] - second >= t.gap:
            scores[best] = max(scores[best], t.answer)

    def _workshop_as_setting(
        self,
        text: str,
        named: set[int],
        before: dict[int, float],
        scores: dict[int, float],
        t: Thresholds,
    ) -> None:
        """Japanese: a question set in one workshop (「社会分科会で〇〇の話は出ますか」,
        「〇〇の役割は？社会分科会の資料にあった」) asks what that workshop says of the subject:
        its detail entry, close behind the subject's entry (within the answer's gap, before the
        subject was made sure of itself), comes first, and the subject goes out of the "did you
        mean" window: the delegate named the workshop, which is all the subject's entry would
        tell them. Not when the workshop is the answer proposed (「〇〇は社会分科会でいい？」)
        or which workshop is asked (「どの分科会」): there the subject's entry answers."""
        workshops = named & self._workshops
        if len(workshops) != 1 or not scores or _JA_FRAMES.search(text):
            return
        if _JA_WORKSHOP_PROPOSED.search(kana(text)):
            return
        best = max(scores, key=lambda entry: scores[entry])
        if self.entries[best].topic != SUBJECTS_TOPIC:
            return
        prefix = self.entries[workshops.pop()].id + "-"
        details = [
            e
            for e in before
            if self.entries[e].id.startswith(prefix)
            and (best, e) in self._pairs
            and before[e] >= before.get(best, 0.0) - t.gap
        ]
        if not details:
            return
        detail = max(details, key=lambda entry: before[entry])
        top = scores[best]
        scores[detail] = top
        scores[best] = top - max(t.gap, t.clarify_window) - 0.01

    def _common_ground(self, scores: dict[int, float], t: Thresholds) -> None:
        """Two related entries asked back together (DX and GX) may both be what the question
        mentions on its way to the entry they both belong to ("why this theme now: is it the
        digital and green transitions?" is the theme's context): that entry, when the question
        asks it too (at least a "did you mean"), is offered beside them."""
        if len(scores) < 3:
            return
        first, second = heapq.nlargest(2, scores, key=lambda entry: scores[entry])
        if (first, second) not in self._pairs or scores[second] < scores[first] - t.clarify_window:
            return
        parents = [
            entry
            for entry, score in scores.items()
            if entry not in (first, second)
            and score >= t.clarify
            and (entry, first) in self._pairs
            and (entry, second) in self._pairs
        ]
        if parents:
            parent = max(parents, key=lambda entry: scores[entry])
            scores[parent] = max(scores[parent], scores[second])

    def _linked(self) -> set[tuple[int, int]]:
        """Pairs of entries either of which lists the other as related, both ways round."""
        position = {entry.id: i for i, entry in enumerate(self.entries)}
        pairs = set()
        for i, entry in enumerate(self.entries):
            for other in entry.related:
                if other in position:
                    pairs |= {(i, position[other]), (position[other], i)}
        return pairs

    def _detail_before_whole(
        self, read: dict[str, Analysis], scores: dict[int, float], t: Thresholds
    ) -> None:
        """A question that names an entry's subject and also the point of one of its details
        ("pourquoi l'environnement est en bas du gâteau de Rockström ?", "the environment
        workshop, only CO2?") asks about the detail: it comes first, the whole second. French
        and English; the detail is known by its phrasings, which name the whole's keyword. In
        English, a detail ahead and named with its whole is answered: the whole leaves the
        "did you mean"."""
        if not scores or "ja" in read:
            return
        best = max(scores, key=lambda entry: scores[entry])
        for lang, analysis in read.items():
            named = self._keyword_hits(analysis, lang)
            wholes = [e for e in self._details[lang].get(best, ()) if e in named and e in scores]
            if lang == "en" and best in named and wholes:
                # the detail ahead, named with its whole ("the SDG wedding cake"): the whole is
                # what the detail's answer starts from, not another choice
                for whole in wholes:
                    scores[whole] = min(scores[whole], scores[best] - t.clarify_window - 0.01)
                return
            if not any(best in wholes for wholes in self._details[lang].values()):
                continue  # no entry is a detail of this one
            if best not in named:
                continue
            details = [e for e in named if best in self._details[lang].get(e, ()) and e in scores]
            if details:
                detail = max(details, key=lambda entry: scores[entry])
                scores[best], scores[detail] = scores[detail], scores[best]
                return

    def _named_workshops(
        self, text: str, read: dict[str, Analysis], scores: dict[int, float], t: Thresholds
    ) -> None:
        """A question that names one workshop and says something of it ("in the economy
        workshop they talk about culture since Covid: what is the idea?") is about that
        workshop's detail (workshop-economy-culture), not about where the subject goes
        (topic-creative-economy answers "which workshop for culture?", which it does not
        ask): the detail, close behind the subject, comes first. A question naming two
        workshops is about neither alone: about their difference, or about where a subject it
        names goes ("smartphones for older people: a society thing or an economy thing?").
        French and English; Japanese has its own order (`_specific_before_general`)."""
        if not scores:
            return
        named = {e for lang, a in read.items() for e in self._keyword_hits(a, lang)}
        workshops = named & self._workshops
        if len(workshops) >= 2:
            for entry in self._workshops & scores.keys():
                scores[entry] -= max(t.gap, t.clarify_window) + 0.01
            # a subject named beside them asks which of the two it goes in: its entry says;
            # unless one workshop's detail is asked ("why is culture in the economy workshop?
            # it feels like society")
            top = max(scores.values())
            prefixes = tuple(self.entries[w].id + "-" for w in workshops)
            if any(
                self.entries[e].id.startswith(prefixes) and scores[e] >= top - t.gap for e in scores
            ):
                return
            subjects = [e for e in named if self.entries[e].topic == SUBJECTS_TOPIC and e in scores]
            if subjects:
                subject = max(subjects, key=lambda entry: scores[entry])
                best = max(scores, key=lambda entry: scores[entry])
                scores[best], scores[subject] = scores[subject], scores[best]
            return
        if len(workshops) != 1 or _LATIN_FRAMES.search(latin(text)):
            return
        prefix = self.entries[workshops.pop()].id + "-"
        top = max(scores.values())
        details = [
            e for e in scores if self.entries[e].id.startswith(prefix) and scores[e] >= top - t.gap
        ]
        best = max(scores, key=lambda entry: scores[entry])
        if not details or (best not in details and self.entries[best].topic != SUBJECTS_TOPIC):
            return
        # the detail comes first, and the subjects go out of the "did you mean" window: the
        # delegate named the workshop, which is all a subject's entry would tell them
        detail = max(details, key=lambda entry: scores[entry])
        scores[best], scores[detail] = scores[detail], top
        floor = top - max(t.gap, t.clarify_window) - 0.01
        for entry in scores:
            if self.entries[entry].topic == SUBJECTS_TOPIC:
                scores[entry] = min(scores[entry], floor)

    def _read(self, text: str, lang: str) -> Analysis:
        """The text analysed in `lang`; French and English words spelling-corrected."""
        analysis = self.analyzer.analyse(text, lang)
        if lang == "ja":
            return analysis
        return self.analyzer.from_words(self._indexes[lang].correct(analysis.units))

    def _score(self, analysis: Analysis, lang: str, own: bool = True) -> dict[int, float]:
        """Entries' scores for a text read by `_read`; `own`: read in the delegate's language
        (a French story read as English names English keywords by chance)."""
        index = self._indexes[lang]
        similarity = index.similar(analysis, limit=40)
        counts: dict[int, int] = {}
        hits = self._keyword_hits(analysis, lang, counts)
        # The entry a long message names most ("photovoltaic parks … a wood heat network" beside
        # one "park", « les exemples des ateliers » beside one « vise »): its subject; named as
        # much as another, it is not told apart.
        ranked = sorted(counts.values(), reverse=True)
        subject = max(counts, key=lambda e: counts[e]) if counts else None
        if len(ranked) >= 2 and ranked[0] == ranked[1]:
            subject = None
        for entry, value in hits.items():
            similarity[entry] = max(similarity.get(entry, 0.0), value)
        # Coverage is at most 1, so an entry scores at most sqrt(similarity): once that is below
        # the fifth best score so far, no later entry can enter the top five.
        scores: dict[int, float] = {}
        kept: list[float] = []
        weights = index.weigh(analysis.units)
        for entry, sim in sorted(similarity.items(), key=lambda item: -item[1]):
            if len(kept) >= TOP and math.sqrt(sim) < kept[0]:
                break
            score = math.sqrt(sim * index.coverage(weights, entry))
            if own and entry == subject and len(analysis.units) >= LONG_WORDS[lang]:
                # A long message of context names its subject once ("notre pépinière
                # d'entreprises…", « la phrase qui chapeaute… »): its keyword is not diluted by
                # the story around it, and it is worth a "did you mean" at least (when it is
                # the entry named most: several named alike are the story's words as much as
                # the question's).
                score = max(score, LONG_KEYWORD_FLOOR)
            scores[entry] = score
            if len(kept) < TOP:
                heapq.heappush(kept, score)
            elif score > kept[0]:
                heapq.heapreplace(kept, score)
        return scores

    def _keyword_hits(
        self, analysis: Analysis, lang: str, counts: dict[int, int] | None = None
    ) -> dict[int, float]:
        """Keywords found whole in the question; one inside a longer keyword found at the same
        place does not count (「ぶんか」 in 「ぶんかかい」). The more of the question, the surer.
        `counts`, if given, gets how much of the question each entry's keywords cover (in
        words, or characters in Japanese): two keywords, or one of two words, say more than
        one word."""
        found: dict[int, float] = {}
        for _, start, end, length, entry in self._keyword_spans(analysis, lang):
            score = 0.6 + 0.4 * (end - start) / max(length, 1)
            found[entry] = max(found.get(entry, 0.0), score)
            if counts is not None:
                counts[entry] = counts.get(entry, 0) + end - start
        return found

    def _keyword_counts(self, analysis: Analysis, lang: str) -> dict[int, int]:
        """How many different keywords of each entry the question names: in the written form or
        in the reading, whichever names more (a keyword found in both counts once)."""
        named: dict[tuple[int, int], set[str]] = defaultdict(set)
        for form, _, _, length, entry in self._keyword_spans(analysis, lang):
            named[entry, length].add(form)
        counts: dict[int, int] = {}
        for (entry, _), forms in named.items():
            counts[entry] = max(counts.get(entry, 0), len(forms))
        return counts

    def _keyword_spans(self, analysis: Analysis, lang: str) -> list[tuple[str, int, int, int, int]]:
        """Each keyword found whole: its form, start, end, the text's length, its entry."""
        index = self._keywords[lang]
        texts = [analysis.form, analysis.reading] if lang == "ja" else [analysis.form]
        found: list[tuple[str, int, int, int, int]] = []
        for text in dict.fromkeys(t for t in texts if t):
            spans: list[tuple[str, int, int, int]] = []  # form, start, end, entry
            length = len(text)
            if lang == "ja":
                for i in range(len(text) - 1):
                    for form, entry in index.get(text[i : i + 2], ()):
                        if text.startswith(form, i):
                            spans.append((form, i, i + len(form), entry))
            else:
                words = text.split()
                for i, word in enumerate(words):
                    for form, entry in index.get(word, ()):
                        size = len(form.split())
                        if words[i : i + size] == form.split():
                            spans.append((form, i, i + size, entry))
                length = len(words)
            # a keyword in two spellings that fold alike ("séisme", "seisme") is found once
            seen: set[tuple[int, int, int]] = set()
            for form, start, end, entry in spans:
                if (start, end, entry) in seen:
                    continue
                seen.add((start, end, entry))
                inside = any(
                    s <= start and end <= e and (e - s) > (end - start) for _, s, e, _ in spans
                )
                if not inside:
                    found.append((form, start, end, length, entry))
        return found

    @staticmethod
    def _decide(candidates: Sequence[Candidate], t: Thresholds) -> Outcome:
        if not candidates:
            return Outcome.FALLBACK
        first = candidates[0].score
        second = candidates[1].score if len(candidates) > 1 else 0.0
        # Two entries both sure and close together (the cake, the cake's bottom layer): which
        # one is meant is a guess, and a wrong answer costs more than a "did you mean".
        torn = second >= t.confident and first - second < t.gap / 2
        if (first >= t.confident and not torn) or (first >= t.answer and first - second >= t.gap):
            return Outcome.ANSWER
        if first >= t.clarify:
            return Outcome.CLARIFY
        return Outcome.FALLBACK

    def normal_form(self, text: str, language: str) -> str:
        """The text as the matcher sees it, for grouping similar questions."""
        lang = "ja" if script_of(text) == "ja" else (language if language != "ja" else "fr")
        return self.analyzer.analyse(text, lang).form

    def suggestions(self, match: Match) -> list[FaqEntry]:
        """Up to three entries for "did you mean", close to the best one."""
        if not match.candidates:
            return []
        t = self.thresholds[match.script]
        floor = max(t.clarify, match.candidates[0].score - t.clarify_window)
        return [c.entry for c in match.candidates if c.score >= floor][:3]


def entries_from_data(data: Iterable[dict[str, object]]) -> list[FaqEntry]:
    """Builds entries from the YAML/JSON form (content/faq/README.md); raises ValueError."""
    entries = []
    for raw in data:

        def loc(key: str, raw: dict[str, object] = raw) -> Localised:
            value = raw.get(key) or {}
            if not isinstance(value, dict):
                raise ValueError(f"{raw.get('id')}: {key} must map fr/ja/en to text")
            return Localised(**{k: str(value.get(k) or "").strip() for k in LANGS})

        def lists(key: str, raw: dict[str, object] = raw) -> dict[str, tuple[str, ...]]:
            value = raw.get(key) or {}
            if not isinstance(value, dict):
                raise ValueError(f"{raw.get('id')}: {key} must map fr/ja/en to lists")
            return {k: tuple(str(q) for q in value.get(k) or ()) for k in LANGS}

        related = raw.get("related") or []
        if not isinstance(related, list):
            raise ValueError(f"{raw.get('id')}: related must be a list of ids")
        entries.append(
            FaqEntry(
                id=str(raw["id"]),
                topic=str(raw.get("topic") or "other"),
                title=loc("title"),
                answer=loc("answer"),
                questions=lists("questions"),
                keywords=lists("keywords"),
                related=tuple(str(r) for r in related),
            )
        )
    return entries
