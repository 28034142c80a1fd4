"""The composition root: builds the running bot from settings (database, content, catalogues,
the features' conversation) and hands each part what it needs."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.channels import registry
from bot.clock import Clock
from bot.content import load_conference
from bot.i18n import Catalogues
from bot.settings import Settings
from db.engine import make_engine, make_sessionmaker
from db.migrate import ensure_schema
from handlers import features
from handlers.broadcast.quota import NoQuota
from handlers.classifier.examples import load_examples
from handlers.classifier.model import Example
from handlers.classifier.service import ClassifierService
from handlers.core import typos
from handlers.core.conversation import Conversation
from handlers.deps import Deps
from handlers.faq.service import load_bundled_faq, load_service
from handlers.organisers.roles import promote_configured
from handlers.schedule.store import sync_tracks
from handlers.schedule.usecases import load_bundled_programme


@dataclass
class App:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    deps: Deps
    conversation: Conversation

    async def warm(self, classifier: bool = True) -> None:
        """Builds what the first message reads, before it comes: the table of typos, the FAQ
        matcher, the programme, their words that wrong kanji are repaired towards, and, with
        `classifier`, the classifier (made in threads and a process, which a first message
        would otherwise wait for)."""
        await asyncio.to_thread(typos.table)
        async with self.sessionmaker.begin() as db:
            await self.deps.edition(db)
            if classifier and self.deps.classifier is not None:
                await self.deps.classifier.model(self.deps, db)

    async def close(self) -> None:
        await self.deps.quota.close()
        await self.engine.dispose()


async def build_app(
    settings: Settings,
    *,
    clock: Callable[[], datetime] | None = None,
    load_bundled: bool = True,
    warm: bool = True,
    answers: bool = True,
    examples: Sequence[Example] | None = None,
) -> App:
    """The running bot; `warm=False` for the one-shot commands that answer no message (an
    export, the figures), which would pay for the FAQ matcher for nothing; `answers=False` for
    those that read the FAQ but answer no delegate (the worker, the FAQ and broadcast commands),
    which would train the classifier (seconds of CPU) for nothing. `examples` replaces the
    classifier's (content/examples/) for a bench that leaves some out."""
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    try:
        await ensure_schema(engine)
        sessionmaker = make_sessionmaker(engine)
        conference, programme = load_conference(settings.content_dir)
        clock = clock or Clock()
        async with sessionmaker.begin() as db:
            await sync_tracks(db, conference.tracks)
            await promote_configured(db, settings.organiser_ids, registry.channel_names(), clock())
            if load_bundled:
                await load_bundled_programme(
                    db,
                    settings.content_dir / str(programme.get("file", "programme.csv")),
                    sample=bool(programme.get("sample", False)),
                    tz=settings.tz,
                    now=clock(),
                )
                await load_bundled_faq(db, settings.content_dir, clock())
    except BaseException:
        await engine.dispose()
        raise
    deps = Deps(
        sessionmaker=sessionmaker,
        t=Catalogues(),
        clock=clock,
        tz=settings.tz,
        conference=conference,
        faq=load_service(settings.content_dir),
        classifier=ClassifierService(
            load_examples(settings.content_dir / "examples") if examples is None else examples,
            cache=Path(settings.classifier_cache_dir) if settings.classifier_cache_dir else None,
        ),
        default_language=settings.default_language,
        reminder_minutes=settings.reminder_minutes,
        merge_window=timedelta(seconds=settings.notify_merge_seconds),
        pushable=registry.pushable(),
        public_url=settings.public_url,
        quota=next(
            (q for spec in registry.channels() if (q := spec.quota(settings)) is not None),
            NoQuota(),
        ),
    )
    app = App(settings, engine, sessionmaker, deps, features.conversation(deps))
    if not warm:
        return app
    try:
        await app.warm(classifier=answers)
    except BaseException:
        await app.close()
        raise
    return app


def freeze_long_lived() -> None:
    """Puts what the process built at start (SDKs, ORM mappings, catalogues, content) out of the
    garbage collector's sight: it lives as long as the process, and full passes over it pause
    the event loop. Telegram messages the rate limiter released during such a pause arrive
    together; 200 ms passes cost 429s in bench/fanout.py."""
    gc.collect()
    gc.freeze()
