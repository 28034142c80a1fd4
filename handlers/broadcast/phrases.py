"""How a broadcast's audience reads in a sentence, for the chat wizard and the web console."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.broadcast.audience import Audience, AudienceKind
from handlers.deps import Deps
from handlers.schedule import store as schedule_store
from handlers.schedule.cards import pick, quoted, track_phrase


async def audience_phrase(deps: Deps, db: AsyncSession, lang: str, audience: Audience) -> str:
    """Who receives it, as a sentence says it: « les francophones », 「日本語の参加者」,
    « les participants qui suivent l'atelier Économie »."""
    t = deps.t
    match audience.kind:
        case AudienceKind.LANGUAGE:
            return t(lang, "audience-language-phrase", language=audience.value)
        case AudienceKind.CHANNEL:
            channel = {"telegram": "Telegram", "line": "LINE"}.get(audience.value, audience.value)
            return t(lang, "audience-channel-phrase", channel=channel)
        case AudienceKind.TRACK:
            what = track_phrase(deps, lang, audience.value)
            return t(lang, "audience-track-phrase", track=what)
        case AudienceKind.SESSION:
            session = await schedule_store.session_by_id(db, audience.value)
            title = pick(session, "title", lang) if session is not None else audience.value
            return t(lang, "audience-session-phrase", title=quoted(lang, title))
    return t(lang, "audience-all-phrase")
