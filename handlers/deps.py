"""What the runtime gives the features: the database, the catalogues, the clock, the edition's
facts, the FAQ matcher, the caches shared by the turns of one process (the words of the FAQ
and programme served among them), and a few settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.agenda.cache import AgendaCache
from handlers.broadcast.quota import NoQuota, QuotaSource
from handlers.classifier.service import ClassifierService
from handlers.core.conference import ConferenceInfo
from handlers.core.homophones import Edition
from handlers.core.translate import Translate
from handlers.faq.matcher import FaqMatcher
from handlers.schedule.cache import ProgrammeCache


class FaqSource(Protocol):
    """The matcher for the FAQ as stored now (rebuilt by the runtime after an import)."""

    async def matcher(self, db: AsyncSession) -> FaqMatcher: ...

    def build(self, data: list[dict[str, object]]) -> FaqMatcher: ...

    async def edition(self, db: AsyncSession) -> Edition:
        """The stored FAQ's part of the words repaired towards."""
        ...


class Editions:
    """The FAQ's and the programme's parts of the edition, made apart (each when it changes),
    put together once per change of either, not per message."""

    def __init__(self) -> None:
        self._made: tuple[Edition, Edition, Edition] | None = None  # faq, programme, both

    def of(self, faq: Edition, programme: Edition) -> Edition:
        made = self._made
        if made is None or made[0] is not faq or made[1] is not programme:
            made = self._made = (faq, programme, faq | programme)
        return made[2]


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
    # Channels that can be pushed to (the terminal chat cannot): only they get outbox messages.
    pushable: frozenset[str] = frozenset({"telegram", "line"})
    quota: QuotaSource = field(default_factory=NoQuota)
    # Public base URL of the web server (PUBLIC_URL): the links given to delegates (their
    # calendar feed) and to organisers (the web console) start with it; empty, none is given.
    public_url: str = ""
    programme: ProgrammeCache = field(default_factory=ProgrammeCache)
    agendas: AgendaCache = field(default_factory=AgendaCache)
    editions: Editions = field(default_factory=Editions)
    # The model that second-guesses the understanders (handlers/classifier/); None: rules only.
    classifier: ClassifierService | None = None

    async def edition(self, db: AsyncSession) -> Edition:
        """The words a delegate's wrong kanji are repaired towards: those of the FAQ and the
        programme served now (organisers replace both)."""
        faq = await self.faq.edition(db)
        return self.editions.of(faq, await self.programme.edition(db))
