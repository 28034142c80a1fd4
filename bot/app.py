"""Builds the running bot from settings: database, content, catalogues, handler."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.channels.line.quota import LineQuotaReader
from bot.clock import Clock
from bot.content import load_bundled_programme, load_conference, sync_tracks
from bot.i18n import Catalogues
from bot.settings import Settings
from db.engine import make_engine, make_sessionmaker
from db.migrate import ensure_schema
from handlers.core.conversation import ConversationHandler
from handlers.core.deps import Deps, NoQuota
from handlers.faq.service import load_bundled_faq, load_service
from handlers.organisers.roles import promote_configured


@dataclass
class App:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    deps: Deps
    handler: ConversationHandler

    async def close(self) -> None:
        if isinstance(self.deps.quota, LineQuotaReader):
            await self.deps.quota.close()
        await self.engine.dispose()


async def build_app(
    settings: Settings,
    *,
    clock: Callable[[], datetime] | None = None,
    load_bundled: bool = True,
) -> App:
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    try:
        await ensure_schema(engine)
        sessionmaker = make_sessionmaker(engine)
        conference, programme = load_conference(settings.content_dir)
        clock = clock or Clock()
        async with sessionmaker.begin() as db:
            await sync_tracks(db, conference.tracks)
            await promote_configured(db, settings.organiser_ids, clock())
            if load_bundled:
                await load_bundled_programme(
                    db, settings.content_dir, programme, settings.tz, clock()
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
        default_language=settings.default_language,
        reminder_minutes=settings.reminder_minutes,
        merge_window=timedelta(seconds=settings.notify_merge_seconds),
        quota=(
            LineQuotaReader(settings)
            if settings.line_channel_access_token.get_secret_value()
            else NoQuota()
        ),
    )
    return App(settings, engine, sessionmaker, deps, ConversationHandler(deps))


def freeze_long_lived() -> None:
    """Puts what the process built at start (SDKs, ORM mappings, catalogues, content) out of the
    garbage collector's sight: it lives as long as the process, and full passes over it pause
    the event loop. Telegram messages the rate limiter released during such a pause arrive
    together; 200 ms passes cost 429s in bench/fanout.py."""
    gc.collect()
    gc.freeze()
