"""uvicorn's HTTP protocol with a deadline for a request's headers.

uvicorn times out a connection only between requests (`timeout_keep_alive`): a client that
opens a connection and never finishes its headers holds it, and a file descriptor, for ever;
a thousand such clients leave `limit_concurrency` no room for the platforms' webhooks (every
real request is answered 503). Here a request's headers must be complete within
HEADER_SECONDS of the connection opening, or of the request's first byte.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# A webhook's headers are a few hundred bytes, sent at once by Telegram and LINE.
HEADER_SECONDS = 10.0


class HeaderDeadlineProtocol(HttpToolsProtocol):
    _header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm_header_deadline()

    def on_headers_complete(self) -> None:
        self._disarm_header_deadline()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        super().connection_lost(exc)

    def _arm_header_deadline(self) -> None:
        self._disarm_header_deadline()
        self._header_deadline = self.loop.call_later(HEADER_SECONDS, self._headers_too_slow)

    def _disarm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing():
            self.transport.close()
