"""A statistical second opinion on free text: which FAQ entry, intent, or off-topic a message
is, learnt from labelled example messages (content/examples/) and the FAQ's own phrasings.

The rules in the understanders are precise on the phrasings they were written for and blind
to the rest; measured on batches of messages they had never seen, a linear model over
character and word n-grams was right as often as they were, on different messages. So the
conversation asks it once per message, and acts on it only when its margin is wide.

scikit-learn does the learning (TF-IDF features and a linear SVM, the usual baseline for
short-text intent classification), in a process of its own; a message is then scored by a few
array lookups of our own, because a scikit-learn pipeline call costs several milliseconds for
one short text, and so that the serving process never imports it.
"""

from __future__ import annotations

import enum
import json
import multiprocessing
import re
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


class LabelKind(enum.StrEnum):
    FAQ = "faq"  # an FAQ entry: name is its id
    INTENT = "intent"  # a request a command also serves: name is the intent ("agenda.show")
    OFF_TOPIC = "offtopic"  # not about the Rencontres
    UNCOVERED = "uncovered"  # about the Rencontres, but nothing the bot knows


@dataclass(frozen=True, order=True)
class Label:
    kind: LabelKind
    name: str = ""

    @classmethod
    def parse(cls, text: str) -> Label:
        """`faq:<id>`, `intent:<name>`, `offtopic` or `uncovered`, as the example files write
        them; ValueError otherwise."""
        kind, _, name = text.strip().partition(":")
        label = cls(LabelKind(kind), name)
        if bool(name) != (label.kind in (LabelKind.FAQ, LabelKind.INTENT)):
            raise ValueError(f"{text!r}: an FAQ or intent label names one, the others none")
        return label

    def __str__(self) -> str:
        return f"{self.kind}:{self.name}" if self.name else str(self.kind)


@dataclass(frozen=True)
class Example:
    text: str
    label: Label


@dataclass(frozen=True)
class Guess:
    label: Label
    margin: float  # the best label's score minus the runner-up's: how sure the model is

    def sure(self, margin: float) -> bool:
        return self.margin >= margin


# Character n-grams of words (1-4: kana and kanji words have no spaces, typos keep most of a
# word's n-grams) and word n-grams (1-2), as measured on the development batches.
CHAR_NGRAMS = (1, 4)
WORD_NGRAMS = (1, 2)
C = 0.5  # the SVM's regularisation: larger fits the examples closer and generalised worse
# A saved model's format: any change to the analysers or to what is saved changes it.
FORMAT = 1

_SPACES = re.compile(r"\s\s+")
_WORD = re.compile(r"(?u)\b\w+\b")


def char_ngrams(text: str) -> list[str]:
    """scikit-learn's `char_wb` analyser (lower case, each word padded with a space), which
    the model is trained with and scored by."""
    grams: list[str] = []
    low, high = CHAR_NGRAMS
    for word in _SPACES.sub(" ", text.lower()).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            grams.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
            if len(padded) <= n:  # a short word counts once
                break
    return grams


def word_ngrams(text: str) -> list[str]:
    """scikit-learn's `word` analyser (lower case, words of letters and digits), n-grams of
    `WORD_NGRAMS`."""
    words = _WORD.findall(text.lower())
    low, high = WORD_NGRAMS
    return [
        " ".join(words[i : i + n]) for n in range(low, high + 1) for i in range(len(words) - n + 1)
    ]


ANALYSERS: tuple[Callable[[str], list[str]], ...] = (char_ngrams, word_ngrams)


def _json_bytes(value: object) -> npt.NDArray[Any]:
    import numpy as np

    return np.frombuffer(json.dumps(value, ensure_ascii=False).encode(), dtype=np.uint8)


@dataclass(frozen=True)
class _Fitted:
    """What the training process sends back: plain arrays and dicts, no scikit-learn object."""

    vocabularies: tuple[dict[str, int], ...]
    idfs: tuple[npt.NDArray[np.float32], ...]
    weights: npt.NDArray[np.float32]  # labels × features
    bias: npt.NDArray[np.float32]


def _fit(texts: list[str], targets: list[int]) -> _Fitted:
    """TF-IDF features and a linear SVM, in the training process."""
    import numpy as np
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    vectorisers = [TfidfVectorizer(analyzer=a, sublinear_tf=True) for a in ANALYSERS]
    matrix = hstack([v.fit_transform(texts) for v in vectorisers]).tocsr()
    svm = LinearSVC(C=C).fit(matrix, targets)
    weights = np.asarray(svm.coef_, dtype=np.float32)
    bias = np.asarray(svm.intercept_, dtype=np.float32)
    if len(set(targets)) == 2:  # one separating plane: the first label scores its negative
        weights, bias = np.vstack([-weights, weights]), np.concatenate([-bias, bias])
    return _Fitted(
        tuple({str(k): int(i) for k, i in v.vocabulary_.items()} for v in vectorisers),
        tuple(v.idf_.astype(np.float32) for v in vectorisers),
        weights,
        bias,
    )


@dataclass(frozen=True)
class _Features:
    """One analyser's learnt part: its vocabulary and idf weights."""

    analyse: Callable[[str], list[str]]
    vocabulary: dict[str, int]
    idf: npt.NDArray[np.float32]
    offset: int  # where its columns start in the joined feature space


@dataclass(frozen=True)
class Classifier:
    labels: tuple[Label, ...]
    _features: tuple[_Features, ...] = field(repr=False)
    _weights: npt.NDArray[np.float32] = field(repr=False)  # features × labels
    _bias: npt.NDArray[np.float32] = field(repr=False)

    @classmethod
    def train(cls, examples: Iterable[Example]) -> Classifier | None:
        """The model of these examples (texts as the understanders read them); None when
        they name fewer than two labels. Trained in a process of its own, which is then
        left: scikit-learn and scipy take about 110 MB once imported, the model tens of MB. The new
        process imports the main module again (multiprocessing's "spawn"): a script that builds
        the app runs it under `if __name__ == "__main__":`."""
        import numpy as np

        examples = [e for e in examples if e.text.strip()]
        labels = tuple(sorted({e.label for e in examples}))
        if len(labels) < 2:
            return None
        index = {label: i for i, label in enumerate(labels)}
        texts, targets = [e.text for e in examples], [index[e.label] for e in examples]
        spawn = multiprocessing.get_context("spawn")  # no copy of a running event loop
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as training:
            fitted = training.submit(_fit, texts, targets).result()
        features, offset = [], 0
        for analyse, vocabulary, idf in zip(
            ANALYSERS, fitted.vocabularies, fitted.idfs, strict=True
        ):
            features.append(_Features(analyse, vocabulary, idf, offset))
            offset += len(vocabulary)
        return cls(labels, tuple(features), np.ascontiguousarray(fitted.weights.T), fitted.bias)

    def save(self, path: Path) -> None:
        """The model as plain arrays in one .npz file (no pickle: loading runs no code)."""
        import numpy as np

        arrays: dict[str, npt.NDArray[Any]] = {
            "format": np.array([FORMAT]),
            "labels": _json_bytes([str(label) for label in self.labels]),
            "weights": self._weights,
            "bias": self._bias,
        }
        for n, part in enumerate(self._features):
            arrays[f"vocabulary{n}"] = _json_bytes(part.vocabulary)
            arrays[f"idf{n}"] = part.idf
        savez: Any = np.savez  # typed as if a keyword could be its own `allow_pickle`
        with path.open("wb") as file:
            savez(file, **arrays)

    @classmethod
    def load(cls, path: Path) -> Classifier:
        """A model `save` wrote; ValueError (or OSError) for a file it did not, or an older
        format."""
        import numpy as np

        with np.load(path, allow_pickle=False) as arrays:
            if int(arrays["format"][0]) != FORMAT:
                raise ValueError(f"{path}: format {int(arrays['format'][0])}, not {FORMAT}")
            labels = tuple(Label.parse(text) for text in json.loads(arrays["labels"].tobytes()))
            features, offset = [], 0
            for n, analyse in enumerate(ANALYSERS):
                vocabulary = json.loads(arrays[f"vocabulary{n}"].tobytes())
                features.append(_Features(analyse, vocabulary, arrays[f"idf{n}"], offset))
                offset += len(vocabulary)
            weights, bias = arrays["weights"], arrays["bias"]
        if weights.shape != (offset, len(labels)) or bias.shape != (len(labels),):
            raise ValueError(f"{path}: arrays of {weights.shape} for {len(labels)} labels")
        return cls(labels, tuple(features), weights, bias)

    def guess(self, text: str) -> Guess | None:
        """The likeliest label of a text and how sure: None for a text with no known n-gram."""
        import numpy as np

        columns: list[npt.NDArray[np.intp]] = []
        values: list[npt.NDArray[np.float32]] = []
        for part in self._features:
            # a long message has thousands of n-grams: counted in C, weighted in numpy
            counts = Counter(part.analyse(text))
            vocabulary = part.vocabulary
            known = [(vocabulary[g], n) for g, n in counts.items() if g in vocabulary]
            if not known:
                continue
            found = np.array(known, dtype=np.intp)
            weights = (1.0 + np.log(found[:, 1])).astype(np.float32) * part.idf[found[:, 0]]
            columns.append(part.offset + found[:, 0])
            values.append((weights / np.sqrt(weights @ weights)).astype(np.float32, copy=False))
        if not columns:
            return None
        scores = np.concatenate(values) @ self._weights[np.concatenate(columns)] + self._bias
        best, second = np.argsort(scores)[::-1][:2]
        return Guess(self.labels[int(best)], float(scores[best] - scores[second]))
