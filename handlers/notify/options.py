"""What every writer of outbox messages needs to know: when, how long changes are merged, the
default reminder delay, and which channels can be pushed to at all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from handlers.deps import Deps


@dataclass(frozen=True)
class NotifyOptions:
    now: datetime
    merge_window: timedelta
    reminder_minutes: int
    pushable: frozenset[str]
    source: str = ""  # who made the change, kept with it (change_events.source)

    @classmethod
    def of(cls, deps: Deps, now: datetime, source: str = "") -> NotifyOptions:
        return cls(
            now=now.astimezone(UTC),
            merge_window=deps.merge_window,
            reminder_minutes=deps.reminder_minutes,
            pushable=deps.pushable,
            source=source,
        )
