"""python-telegram-bot's HTTP on aiohttp instead of httpx.

PTB lets the networking backend be replaced (`telegram.request.BaseRequest`). Under load the
default httpx backend was the largest cost of a Telegram reply in the webhook benchmark (about a
third of the server's CPU, partly a failed `import sniffio` that httpcore repeats on every
request); aiohttp, already installed for line-bot-sdk's async client, does the same job for a
fraction of it. The wire format is PTB's own: form-encoded parameters, multipart with files.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    """A `BaseRequest` on one aiohttp session with at most `connections` connections."""

    __slots__ = ("_connections", "_session", "_timeouts")

    def __init__(
        self,
        *,
        connections: int = 64,
        connect_timeout: float = 5.0,
        read_timeout: float = 10.0,
        write_timeout: float = 10.0,
        pool_timeout: float = 10.0,
    ) -> None:
        self._connections = connections
        self._timeouts = {
            "connect": connect_timeout,
            "read": read_timeout,
            "write": write_timeout,
            "pool": pool_timeout,
        }
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._timeouts["read"]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    def _seconds(self, value: ODVInput[float], name: str) -> float | None:
        return self._timeouts[name] if isinstance(value, DefaultValue) else value

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None:
            raise RuntimeError("AiohttpRequest is not initialized")
        read = self._seconds(read_timeout, "read")
        # aiohttp counts the wait for a free pooled connection in its connect timeout.
        connect = sum(
            s
            for s in (
                self._seconds(connect_timeout, "connect"),
                self._seconds(pool_timeout, "pool"),
            )
            if s is not None
        )
        timeout = aiohttp.ClientTimeout(total=None, connect=connect or None, sock_read=read)
        body: Any = None
        if request_data is not None:
            body = request_data.json_parameters
            files = request_data.multipart_data
            if files:
                form = aiohttp.FormData(body)
                for name, (filename, content, mime) in files.items():
                    form.add_field(name, content, filename=filename, content_type=mime)
                body = form
        try:
            async with self._session.request(method, url, data=body, timeout=timeout) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except asyncio.CancelledError:
            raise
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc
