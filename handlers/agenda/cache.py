"""Which sessions each delegate keeps, held in memory for the add/remove buttons of cards."""

from __future__ import annotations

import time

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.agenda.store import agenda_ids


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
