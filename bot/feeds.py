"""The calendar feeds over HTTP (`confbot serve`): GET /calendar/programme.ics?lang=fr|ja|en
and GET /calendar/agenda/<token>.ics, with ETag and Last-Modified, and 304 to a calendar that
already has this version (RFC 9110, 13.1.2 and 13.1.3)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime

from sqlalchemy.exc import IntegrityError
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from bot.app import App
from handlers.core.language import SUPPORTED
from handlers.feeds.feed import AGENDA_PATH, PROGRAMME_PATH, Feed, agenda_feed, programme_feed

log = logging.getLogger(__name__)

ICS = "text/calendar; charset=utf-8"


def routes(app_of: Callable[[], App | None]) -> list[Route]:
    """The feeds' routes; `app_of` gives the running bot (None while it starts)."""

    async def programme(request: Request) -> Response:
        app = app_of()
        if app is None:
            return PlainTextResponse("starting", status_code=503)
        language = request.query_params.get("lang", app.deps.default_language)
        if language not in SUPPORTED:
            return PlainTextResponse(f"lang must be one of {', '.join(SUPPORTED)}", status_code=400)
        try:
            async with app.sessionmaker.begin() as db:
                feed = await programme_feed(app.deps, db, language)
        except IntegrityError:  # two first polls stored the validators at once: read them
            async with app.sessionmaker.begin() as db:
                feed = await programme_feed(app.deps, db, language)
        return _answer(request, feed, f"programme-{language}.ics", private=False)

    async def agenda(request: Request) -> Response:
        app = app_of()
        if app is None:
            return PlainTextResponse("starting", status_code=503)
        async with app.sessionmaker.begin() as db:
            feed = await agenda_feed(app.deps, db, request.path_params["token"])
        if feed is None:  # never issued, replaced, or forgotten: the same answer for all
            return PlainTextResponse("no such calendar", status_code=404)
        return _answer(request, feed, "agenda.ics", private=True)

    return [
        Route(PROGRAMME_PATH, programme, methods=["GET"]),
        Route(AGENDA_PATH, agenda, methods=["GET"]),
    ]


def _answer(request: Request, feed: Feed, filename: str, *, private: bool) -> Response:
    etag = f'"{feed.etag}"'
    headers = {
        "ETag": etag,
        "Last-Modified": format_datetime(feed.modified, usegmt=True),
        # Shared caches may keep the programme but must ask again each time; an agenda is
        # one person's.
        "Cache-Control": "private, no-cache" if private else "public, no-cache",
        "Content-Disposition": f'inline; filename="{filename}"',
    }
    if _not_modified(request, etag, feed.modified):
        return Response(status_code=304, headers=headers)
    return Response(feed.body, media_type=ICS, headers=headers)


def _not_modified(request: Request, etag: str, modified: datetime) -> bool:
    """If-None-Match wins when both are sent (RFC 9110, 13.2.2); weak tags compare too."""
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag in tags
    if_modified_since = request.headers.get("if-modified-since")
    if not if_modified_since:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False  # an invalid date is ignored (RFC 9110, 13.1.3)
    if since.tzinfo is None:
        return False
    return modified <= since
