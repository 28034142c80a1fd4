"""The programme held in memory between changes (reading every session was the largest cost of
a turn, by profile). Changes made by this process are seen at once; those of other processes
(an import from the command line, another replica) within `ttl` seconds."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ProgrammeSession
from handlers.core.homophones import Edition, Text
from handlers.schedule.store import LOCAL_CHANGES, all_sessions, programme_version


class ProgrammeCache:
    def __init__(self, ttl: float = 2.0) -> None:
        self.ttl = ttl
        self._version = -1
        self._sessions: Sequence[ProgrammeSession] = ()
        self._edition: Edition | None = None
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
                    texts = [_text(session) for session in sessions]
                    # Reading the new names (the dictionary's words of each): off the loop.
                    edition = await asyncio.to_thread(Edition.of, texts)
                    self._sessions, self._sample, self._version = sessions, sample, version
                    self._edition = edition
        return self._sessions, self._sample

    async def edition(self, db: AsyncSession) -> Edition:
        """The programme's part of the words repaired towards (handlers/core/homophones.py),
        made again with the sessions."""
        await self.get(db)
        assert self._edition is not None  # made with the first sessions read
        return self._edition


def _text(session: ProgrammeSession) -> Text:
    """A session's Japanese, for the wrong-kanji repair: named by its title and room."""
    room = session.room.name_ja if session.room else ""
    return Text(
        (session.title_ja, room), "\n".join((session.title_ja, room, session.description_ja))
    )
