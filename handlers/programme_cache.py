"""The programme held in memory between changes: a turn reads one small version row instead
of every session (the largest cost of a turn, by profile)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from db import queries
from db.models import ProgrammeSession
from db.programme import programme_version


class ProgrammeCache:
    def __init__(self) -> None:
        self._version = -1
        self._sessions: Sequence[ProgrammeSession] = ()
        self._sample = False
        self._lock = asyncio.Lock()

    async def get(self, db: AsyncSession) -> tuple[Sequence[ProgrammeSession], bool]:
        version, sample = await programme_version(db)
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
