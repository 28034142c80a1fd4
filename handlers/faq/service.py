"""Keeps the FAQ matcher in step with the stored FAQ, on every replica."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.homophones import Edition, Text
from handlers.core.japanese import reading
from handlers.faq.files import entry_to_data, read_faq, read_thresholds
from handlers.faq.matcher import FaqEntry, FaqMatcher, Thresholds, entries_from_data
from handlers.faq.store import LOCAL_FAQ_CHANGES, faq_version, load_faq, replace_faq

log = logging.getLogger(__name__)


class _Built(NamedTuple):
    matcher: FaqMatcher
    edition: Edition


class FaqService:
    """Builds the matcher, and the FAQ's words for the wrong-kanji repair, from the database
    once per FAQ version (an import bumps it). Imports by this process are seen at once; by
    another (the command line), within `ttl` seconds."""

    def __init__(self, thresholds: dict[str, Thresholds], ttl: float = 5.0) -> None:
        self.thresholds = thresholds
        self.ttl = ttl
        self._built: _Built | None = None
        self._version = -1
        self._lock = asyncio.Lock()
        self._checked_at = -1e9
        self._generation = -1

    async def matcher(self, db: AsyncSession) -> FaqMatcher:
        return (await self._current(db)).matcher

    async def edition(self, db: AsyncSession) -> Edition:
        """The stored FAQ's part of the words repaired towards (handlers/core/homophones.py)."""
        return (await self._current(db)).edition

    async def _current(self, db: AsyncSession) -> _Built:
        now = time.monotonic()
        if (
            self._built is not None
            and now - self._checked_at < self.ttl
            and self._generation == LOCAL_FAQ_CHANGES.value
        ):
            return self._built
        self._generation = LOCAL_FAQ_CHANGES.value
        version = await faq_version(db)
        self._checked_at = now
        if self._built is not None and version == self._version:
            return self._built
        async with self._lock:
            if self._built is None or version != self._version:
                data = await load_faq(db)
                # Indexing a few hundred phrasings and reading the Japanese names: off the
                # event loop.
                self._built = await asyncio.to_thread(self._build_all, data)
                self._version = version
                log.info("FAQ matcher built: %d entries (version %d)", len(data), version)
        return self._built

    def build(self, data: list[dict[str, object]]) -> FaqMatcher:
        """A matcher for `data` with this base's thresholds (also to try an edit before it is
        saved)."""
        return self._matcher(entries_from_data(data))

    def _build_all(self, data: list[dict[str, object]]) -> _Built:
        entries = entries_from_data(data)
        return _Built(self._matcher(entries), faq_edition(entries))

    def _matcher(self, entries: list[FaqEntry]) -> FaqMatcher:
        return FaqMatcher(entries, self.thresholds, reader=reading)


def faq_edition(entries: Iterable[FaqEntry]) -> Edition:
    """The FAQ's Japanese, for the wrong-kanji repair: each entry is named by its title and
    keywords, and says its title, answer, phrasings and keywords."""
    texts = []
    for entry in entries:
        title, keywords = entry.title.ja, entry.keywords.get("ja", ())
        body = [title, entry.answer.ja, *entry.questions.get("ja", ()), *keywords]
        texts.append(Text((title, *keywords), "\n".join(body)))
    return Edition.of(texts)


def load_service(content_dir: Path) -> FaqService:
    return FaqService(read_thresholds(content_dir / "faq_matcher.yaml"))


async def load_bundled_faq(db: AsyncSession, content_dir: Path, now: datetime) -> bool:
    """Fills an empty FAQ table from content/faq/; True if it did."""
    if await load_faq(db):
        return False
    entries = read_faq(content_dir / "faq")
    await replace_faq(db, [entry_to_data(e) for e in entries], actor="system", now=now)
    log.info("loaded the bundled FAQ: %d entries", len(entries))
    return True
