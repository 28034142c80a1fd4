"""What the conversation handlers are given by the runtime."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.core.content import ConferenceInfo
from handlers.faq.matcher import FaqMatcher
from handlers.schedule.cache import AgendaCache, ProgrammeCache


class Translate(Protocol):
    def __call__(self, language: str, message_id: str, /, **args: Any) -> str: ...


class FaqSource(Protocol):
    """The matcher for the FAQ as stored now (rebuilt by the runtime after an import)."""

    async def matcher(self, db: AsyncSession) -> FaqMatcher: ...


@dataclass(frozen=True)
class LineQuota:
    limit: int | None  # None: no monthly limit (paid plans)
    used: int

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.used, 0)


class QuotaSource(Protocol):
    """LINE's monthly pushed-message quota and what is used (None when LINE is not set up)."""

    async def line_quota(self) -> LineQuota | None: ...


class NoQuota:
    async def line_quota(self) -> LineQuota | None:
        return None


@dataclass(frozen=True)
class Deps:
    sessionmaker: async_sessionmaker[AsyncSession]
    t: Translate
    clock: Callable[[], datetime]
    tz: ZoneInfo
    conference: ConferenceInfo
    faq: FaqSource
    default_language: str = "fr"
    reminder_minutes: int = 15
    merge_window: timedelta = timedelta(seconds=60)
    quota: QuotaSource = field(default_factory=NoQuota)
    programme: ProgrammeCache = field(default_factory=ProgrammeCache)
    agendas: AgendaCache = field(default_factory=AgendaCache)
