"""Keeps the classifier in step with what the bot serves: trained (in a thread: a few seconds)
on the example messages and the FAQ's own phrasings, with the labels of FAQ entries no longer
served left out, again only when the entries or their phrasings change. A model trained once
is kept in a folder (CLASSIFIER_CACHE_DIR), so that a restart, another replica or a worker
reads it instead of training again."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.classifier.model import (
    CHAR_NGRAMS,
    FORMAT,
    WORD_NGRAMS,
    C,
    Classifier,
    Example,
    Guess,
    Label,
    LabelKind,
)
from handlers.core.homophones import Edition
from handlers.core.normalise import readable
from handlers.core.text import clean_input
from handlers.faq.matcher import FaqEntry, FaqMatcher

if TYPE_CHECKING:
    from handlers.core.turn import Turn
    from handlers.deps import Deps

log = logging.getLogger(__name__)

GUESS = "classifier.guess"  # the turn's memo: the model's guess on the text, made once

# The last models trained in this process, by what they were trained on: an edit of an answer
# does not train again, nor does an app rebuilt on the same content (the tests, a bench). Each
# holds about 15 MB of weights: only a few are kept.
_TRAINED: OrderedDict[str, Classifier | None] = OrderedDict()
KEPT = 2


def training_set(
    examples: Sequence[Example], entries: Sequence[FaqEntry], edition: Edition
) -> list[Example]:
    """The examples whose label the bot still serves, and each FAQ entry's phrasings, as the
    understanders read a message (`readable`)."""
    served = {e.id for e in entries}
    kept = [e for e in examples if e.label.kind is not LabelKind.FAQ or e.label.name in served]
    kept += [
        Example(question, Label(LabelKind.FAQ, entry.id))
        for entry in entries
        for questions in entry.questions.values()
        for question in questions
    ]
    return [Example(readable(clean_input(e.text), edition)[0], e.label) for e in kept]


def trained(
    examples: Sequence[Example],
    entries: Sequence[FaqEntry],
    edition: Edition,
    cache: Path | None = None,
) -> Classifier | None:
    """The model of these examples and entries: kept in this process, and in `cache` (a
    folder) across starts and replicas sharing it."""
    digest = hashlib.sha256(f"{FORMAT} {CHAR_NGRAMS} {WORD_NGRAMS} {C}\n".encode())
    digest.update(_reader_fingerprint().encode())
    for e in examples:
        digest.update(f"{e.label}\t{e.text}\n".encode())
    for entry in entries:
        digest.update(repr((entry.id, sorted(entry.questions.items()))).encode())
    # Not the edition: it only repairs wrong kanji in the examples, towards the FAQ's words, and
    # changes with every answer edited.
    key = digest.hexdigest()
    if key not in _TRAINED:
        saved = None if cache is None else cache / f"classifier-{key[:32]}.npz"
        model = _load(saved) if saved is not None else None
        if model is None:
            model = Classifier.train(training_set(examples, entries, edition))
            if model is not None and saved is not None:
                _save(model, saved)
        _TRAINED[key] = model
        while len(_TRAINED) > KEPT:
            _TRAINED.popitem(last=False)
    _TRAINED.move_to_end(key)
    return _TRAINED[key]


# What turns an example into the text the model learns (`training_set` → `readable`): after
# an upgrade that changes one of them, a model saved by the old code must not be read.
_READERS = ("normalise", "typos", "text", "homophones", "japanese", "language")
_READER_PACKAGES = ("jaconv", "sudachipy", "sudachidict-core", "pyspellchecker")


@lru_cache(maxsize=1)
def _reader_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in _READERS:
        digest.update((Path(__file__).parent.parent / "core" / f"{name}.py").read_bytes())
    for package in _READER_PACKAGES:
        digest.update(f"{package} {metadata.version(package)}\n".encode())
    return digest.hexdigest()


def _load(path: Path) -> Classifier | None:
    if not path.exists():
        return None
    try:
        model = Classifier.load(path)
    except (OSError, ValueError, KeyError) as exc:  # trained again, and saved over it
        log.warning("classifier cache %s not read (%s): trained again", path, exc)
        return None
    path.touch()  # the most recently used are kept
    log.info("classifier read from %s", path)
    return model


def _save(model: Classifier, path: Path) -> None:
    """Written beside, then renamed: a replica reading it meanwhile never sees half a file.
    Only the last few models are kept: each is tens of megabytes."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        model.save(partial)
        os.replace(partial, path)
        kept = sorted(path.parent.glob("classifier-*.npz"), key=lambda p: p.stat().st_mtime)
        for old in kept[:-KEPT]:
            old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only or full disk: the model still serves this process
        log.warning("classifier not saved to %s (%s)", path, exc)


class ClassifierService:
    """The model for the FAQ and edition served now (both are rebuilt when organisers change
    them, and so is the model)."""

    def __init__(self, examples: Sequence[Example], cache: Path | None = None) -> None:
        self.examples = tuple(examples)
        self.cache = cache
        self._trained_for: tuple[FaqMatcher, Edition] | None = None
        self._model: Classifier | None = None
        self._lock = asyncio.Lock()

    @property
    def ready(self) -> bool:
        """A model was trained (or tried) for some FAQ: a message need not wait for it."""
        return self._trained_for is not None

    async def model(self, deps: Deps, db: AsyncSession) -> Classifier | None:
        # The FAQ's part of the edition only: a new programme does not retrain the model.
        matcher, edition = await deps.faq.matcher(db), await deps.faq.edition(db)
        if self._trained_for != (matcher, edition):
            async with self._lock:
                if self._trained_for != (matcher, edition):
                    try:
                        self._model = await asyncio.to_thread(
                            trained, self.examples, matcher.entries, edition, self.cache
                        )
                        log.info("classifier trained on %d examples", len(self.examples))
                    except Exception:  # the rules understand without it: tried again on the
                        # next change of the FAQ
                        log.exception("classifier not trained: the rules answer alone")
                        self._model = None
                    self._trained_for = (matcher, edition)
        return self._model


async def guessed(turn: Turn, text: str) -> Guess | None:
    """The model's guess on the turn's text (None without a model), made once per turn."""
    if GUESS not in turn.memo:
        service = turn.deps.classifier
        model = None if service is None else await service.model(turn.deps, turn.db)
        turn.memo[GUESS] = None if model is None else model.guess(text)
    guess: Guess | None = turn.memo[GUESS]
    return guess
