"""The programme held in memory between changes (reading every session was the largest cost of
a turn, by profile). Changes made by this process are seen at once; those of other processes
(an import from the command line, another replica) within `ttl` seconds."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ProgrammeSession
from handlers.schedule.store import LOCAL_CHANGES, all_sessions, programme_version


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
                    sessions = await all_sessions(db)
                    # Detached, fully loaded (tracks and rooms are joined): shared read-only
                    # by the turns that follow, whatever session they run in.
                    for session in sessions:
                        db.expunge(session)
                    self._sessions, self._sample, self._version = sessions, sample, version
        return self._sessions, self._sample
