"""LINE's monthly quota of pushed messages (the free plan allows 200, counted per recipient)."""

from __future__ import annotations

import logging
import time
from typing import Any

from linebot.v3.messaging import AsyncApiClient, AsyncMessagingApi, Configuration

from bot.settings import Settings
from handlers.deps import LineQuota

log = logging.getLogger(__name__)


async def read_quota(api: Any) -> LineQuota:
    quota = await api.get_message_quota()
    used = await api.get_message_quota_consumption()
    limit = int(quota.value) if getattr(quota, "type", "") == "limited" else None
    return LineQuota(limit=limit, used=int(used.total_usage))


class LineQuotaReader:
    """What organisers see before a broadcast; read at most every `ttl` seconds."""

    def __init__(self, settings: Settings, ttl: float = 10.0) -> None:
        self.settings, self.ttl = settings, ttl
        self._client: AsyncApiClient | None = None
        self._value: LineQuota | None = None
        self._at = 0.0

    async def line_quota(self) -> LineQuota | None:
        if self._value is not None and time.monotonic() - self._at < self.ttl:
            return self._value
        if self._client is None:
            configuration = Configuration(
                host=self.settings.line_api_base_url,
                access_token=self.settings.line_channel_access_token.get_secret_value(),
            )
            self._client = AsyncApiClient(configuration)
        try:
            self._value = await read_quota(AsyncMessagingApi(self._client))
        except Exception as exc:  # the preview still works; it says nothing of the quota
            log.warning("line: quota unavailable: %s", exc)
            return None
        self._at = time.monotonic()
        return self._value

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()
            self._client = None
