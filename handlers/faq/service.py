"""Keeps the FAQ matcher in step with the stored FAQ, on every replica."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.faq.files import entry_to_data, read_faq, read_thresholds
from handlers.faq.japanese import reading
from handlers.faq.matcher import FaqMatcher, Thresholds, entries_from_data
from handlers.faq.store import LOCAL_FAQ_CHANGES, faq_version, load_faq, replace_faq

log = logging.getLogger(__name__)


class FaqService:
    """Builds the matcher from the database once per FAQ version (an import bumps it). Imports
    by this process are seen at once; by another (the command line), within `ttl` seconds."""

    def __init__(self, thresholds: dict[str, Thresholds], ttl: float = 5.0) -> None:
        self.thresholds = thresholds
        self.ttl = ttl
        self._matcher: FaqMatcher | None = None
        self._version = -1
        self._lock = asyncio.Lock()
        self._checked_at = -1e9
        self._generation = -1

    async def matcher(self, db: AsyncSession) -> FaqMatcher:
        now = time.monotonic()
        if (
            self._matcher is not None
            and now - self._checked_at < self.ttl
            and self._generation == LOCAL_FAQ_CHANGES.value
        ):
            return self._matcher
        self._generation = LOCAL_FAQ_CHANGES.value
        version = await faq_version(db)
        self._checked_at = now
        if self._matcher is not None and version == self._version:
            return self._matcher
        async with self._lock:
            if self._matcher is None or version != self._version:
                data = await load_faq(db)
                # Building indexes a few hundred phrasings: off the event loop.
                self._matcher = await asyncio.to_thread(self.build, data)
                self._version = version
                log.info("FAQ matcher built: %d entries (version %d)", len(data), version)
        return self._matcher

    def build(self, data: list[dict[str, object]]) -> FaqMatcher:
        """A matcher for `data` with this base's thresholds (also to try an edit before it is
        saved)."""
        return FaqMatcher(entries_from_data(data), self.thresholds, reader=reading)


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
