"""A webhook's body, read only up to a limit: an unbounded POST must not fill the memory.

A Telegram update or a batch of LINE events is a few kilobytes (LINE sends at most a few dozen
events per request); 1 MB leaves room for any of them and refuses a flood early, by its
Content-Length when it says it and while it streams when it does not.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.metrics import ChannelMetrics

log = logging.getLogger(__name__)

MAX_BODY = 1_000_000
# A body trickled slower than this holds a connection for nothing: the platforms send theirs
# at once (a few kilobytes).
BODY_SECONDS = 10.0


class BodyTooLarge(Exception):
    pass


class BodyTooSlow(Exception):
    pass


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(BODY_SECONDS):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise BodyTooLarge
                chunks.append(chunk)
    except TimeoutError:
        raise BodyTooSlow from None
    return b"".join(chunks)


def too_large(metrics: ChannelMetrics, channel: str) -> Response:
    """The refusal of a body over the limit, counted and logged."""
    metrics.error("webhook")
    log.warning("%s: webhook body over %d bytes refused", channel, MAX_BODY)
    return JSONResponse({"error": f"body over {MAX_BODY} bytes"}, status_code=413)


def too_slow(metrics: ChannelMetrics, channel: str) -> Response:
    """The refusal of a body that did not arrive within BODY_SECONDS, counted and logged."""
    metrics.error("webhook")
    log.warning("%s: webhook body not received within %.0f s", channel, BODY_SECONDS)
    return JSONResponse({"error": "body too slow"}, status_code=408)


async def webhook_body(request: Request, metrics: ChannelMetrics, channel: str) -> bytes | Response:
    """The body, or the refusal to send back (413 over the limit, 408 too slow)."""
    try:
        return await read_body(request)
    except BodyTooLarge:
        return too_large(metrics, channel)
    except BodyTooSlow:
        return too_slow(metrics, channel)
