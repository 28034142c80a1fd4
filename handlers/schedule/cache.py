"""The programme held in memory between changes (reading every session was the largest cost of
a turn, by profile). Changes made by this process are seen at once; those of other processes
(an import from the command line, another replica) within `ttl` seconds."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ProgrammeSession
from handlers.agenda.store import agenda_ids
from handlers.core import store as queries
from handlers.schedule.programme import LOCAL_CHANGES, programme_version


class ProgrammeCache:
    def __init__(self, ttl: float = 2.0) -> None:
        self.ttl = ttl
        self._version = -1
        self._sessions: Sequence[ProgrammeSession] = ()
        self._sample = False
        self._lock = asyncio.Lock()
        self._checked_at = -1e9
        self._generation = -1

    async def get(self, db: AsyncSession) -> tuple[Sequence[ProgrammeSession], bool]:
        now = time.monotonic()
        fresh = now - self._checked_at < self.ttl and self._generation == LOCAL_CHANGES.value
        if fresh:
            return self._sessions, self._sample
        generation = LOCAL_CHANGES.value
        version, sample = await programme_version(db)
        self._checked_at, self._generation = now, generation
        if version != self._version:
            async with self._lock:
                if version != self._version:
                    sessions = await queries.all_sessions(db)
                    # Detached, fully loaded (tracks and rooms are joined): shared read-only
                    # by the turns that follow, whatever session they run in.
                    for session in sessions:
                        db.expunge(session)
                    self._sessions, self._sample, self._version = sessions, sample, version
        return self._sessions, self._sample


class AgendaCache:
    """Which sessions each delegate keeps, for the add/remove buttons of session cards.

    Changed by the delegate's own /add and /remove, which drop the entry here; another replica
    may show the old button for up to `ttl` seconds, and pressing it is harmless."""

    def __init__(self, ttl: float = 10.0, size: int = 20_000) -> None:
        self.ttl, self.size = ttl, size
        self._entries: dict[int, tuple[float, frozenset[str]]] = {}

    async def get(self, db: AsyncSession, delegate_id: int) -> frozenset[str]:
        now = time.monotonic()
        entry = self._entries.get(delegate_id)
        if entry is not None and now - entry[0] < self.ttl:
            return entry[1]
        ids = await agenda_ids(db, delegate_id)
        self._store(delegate_id, now, ids)
        return ids

    def prime(self, delegate_id: int) -> None:
        """A delegate created by this turn keeps nothing yet: no query needed."""
        self._store(delegate_id, time.monotonic(), frozenset())

    def _store(self, delegate_id: int, now: float, ids: frozenset[str]) -> None:
        if len(self._entries) >= self.size:
            self._entries.clear()
        self._entries[delegate_id] = (now, ids)

    def forget(self, delegate_id: int) -> None:
        self._entries.pop(delegate_id, None)
