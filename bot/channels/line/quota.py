"""LINE's monthly quota of pushed messages (the free plan allows 200, counted per recipient)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from linebot.v3.messaging import AsyncApiClient, AsyncMessagingApi, Configuration

from bot.settings import Settings
from handlers.broadcast.quota import LineQuota

log = logging.getLogger(__name__)


async def read_quota(api: Any) -> LineQuota:
    quota = await api.get_message_quota()
    used = await api.get_message_quota_consumption()
    limit = int(quota.value) if getattr(quota, "type", "") == "limited" else None
    return LineQuota(limit=limit, used=int(used.total_usage))


class QuotaCache:
    """LINE's quota and consumption, read at most every `ttl` seconds; `reserved` counts what
    the dispatcher has sent since the last reading."""

    def __init__(
        self, fetch: Callable[[], Awaitable[LineQuota]], ttl: float = 10.0, timeout: float = 5.0
    ) -> None:
        self.fetch, self.ttl, self.timeout = fetch, ttl, timeout
        self._value: LineQuota | None = None
        self._at = 0.0
        self.reserved = 0

    async def get(self) -> LineQuota:
        if self._value is None or time.monotonic() - self._at > self.ttl:
            self._value = await self.fetch()
            self._at, self.reserved = time.monotonic(), 0
        return self._value

    async def read(self) -> LineQuota | None:
        """The quota, or None when LINE cannot say within `timeout`: callers go on without it.

        The broadcast preview reads it inside a conversation turn, and on SQLite the other turns
        of the process wait for that turn's connection: LINE must not hold them for long."""
        try:
            return await asyncio.wait_for(self.get(), self.timeout)
        except Exception as exc:
            log.warning("line: quota unavailable: %s", exc)
            return None


class LineQuotaReader:
    """What organisers see before a broadcast."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: AsyncApiClient | None = None
        self.cache = QuotaCache(self._fetch)

    async def _fetch(self) -> LineQuota:
        if self._client is None:
            configuration = Configuration(
                host=self.settings.line_api_base_url,
                access_token=self.settings.line_channel_access_token.get_secret_value(),
            )
            self._client = AsyncApiClient(configuration)
        return await read_quota(AsyncMessagingApi(self._client))

    async def line_quota(self) -> LineQuota | None:
        return await self.cache.read()

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None
