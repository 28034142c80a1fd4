"""Pushing outbox messages to LINE: multicast per batch of identical messages, within the
monthly quota."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from linebot.v3.messaging import (
    AsyncApiClient,
    AsyncMessagingApi,
    MulticastRequest,
    PushMessageRequest,
)
from linebot.v3.messaging.exceptions import ApiException

from bot.channels.line.api import configuration
from bot.channels.line.quota import QuotaCache, read_quota
from bot.channels.line.render import render
from bot.dispatcher import (
    Item,
    Record,
    Result,
    Status,
)
from bot.settings import Settings
from handlers.broadcast.quota import LineQuota

log = logging.getLogger(__name__)

MULTICAST_MAX = 500  # Messaging API multicast: "Max: 500 user IDs" per request
# Seconds a push waits for LINE before it is tried again with its retry key (the SDK's default
# is five minutes, which would hold the channel's loop while LINE hangs).
PUSH_TIMEOUT = 10.0


class LineSender:
    """Multicast per batch of identical messages (at most 500 recipients), push for one.

    Each batch's X-Line-Retry-Key was written with the rows before sending: a retry after a
    crash repeats it, and LINE answers 409 instead of delivering again.
    """

    channel = "line"
    multicast = MULTICAST_MAX

    def __init__(self, api: Any, client: AsyncApiClient | None = None) -> None:
        self.api, self.client = api, client
        self.quota = QuotaCache(self._read_quota)

    @classmethod
    def from_settings(cls, settings: Settings) -> LineSender:
        client = AsyncApiClient(configuration(settings, settings.line_api_base_url))
        return cls(AsyncMessagingApi(client), client)

    async def close(self) -> None:
        if self.client is not None:
            await self.client.close()

    async def _read_quota(self) -> LineQuota:
        return await read_quota(self.api)

    async def line_quota(self) -> LineQuota | None:
        return await self.quota.read()

    async def send(self, items: Sequence[Item], record: Record | None = None) -> dict[int, Result]:
        batches: dict[str, list[Item]] = defaultdict(list)
        for item in items:
            batches[item.retry_key or f"row:{item.row_id}"].append(item)
        results: dict[int, Result] = {}
        outcomes = await asyncio.gather(*(self._recorded(b, record) for b in batches.values()))
        for outcome in outcomes:
            results.update(outcome)
        return results

    async def _recorded(self, batch: list[Item], record: Record | None) -> dict[int, Result]:
        results = await self._batch(batch)
        if record is not None:
            await record([(item, results[item.row_id]) for item in batch])
        return results

    async def _batch(self, batch: list[Item]) -> dict[int, Result]:
        messages = render(batch[0].replies) if batch[0].replies else []
        if not messages:
            return {item.row_id: Result(Status.SENT) for item in batch}
        quota = await self.line_quota()
        if quota is not None and quota.remaining is not None:
            # Counted per recipient; a batch that does not fit waits whole (its key stays its own).
            if quota.remaining - self.quota.reserved < len(batch):
                return {item.row_id: Result(Status.QUOTA, reason="monthly quota") for item in batch}
            self.quota.reserved += len(batch)
        key = batch[0].retry_key
        try:
            if len(batch) == 1:
                await self.api.push_message(
                    PushMessageRequest(to=batch[0].user_id, messages=messages),
                    x_line_retry_key=key,
                    _request_timeout=PUSH_TIMEOUT,
                )
            else:
                assert len(batch) <= MULTICAST_MAX
                await self.api.multicast(
                    MulticastRequest(to=[i.user_id for i in batch], messages=messages),
                    x_line_retry_key=key,
                    _request_timeout=PUSH_TIMEOUT,
                )
        except ApiException as exc:
            result = self._error(exc)
        except Exception as exc:  # connection refused, timeout: the same key is retried
            result = Result(Status.RETRY, reason=f"{type(exc).__name__}: {exc}")
        else:
            result = Result(Status.SENT)
        return {item.row_id: result for item in batch}

    @staticmethod
    def _error(exc: ApiException) -> Result:
        status = int(exc.status or 0)
        if status == 409:  # "The retry key is already accepted": delivered before
            return Result(Status.SENT)
        if status == 429 and "monthly limit" in str(exc.body):
            # "You have reached your monthly limit.": held for the delegate's next reply
            return Result(Status.QUOTA, reason="429 monthly limit")
        if status == 429:
            return Result(Status.RETRY, after=5.0, reason="429 rate limit")
        if status >= 500 or status == 0:
            return Result(Status.RETRY, reason=f"{status} {exc.reason}")
        return Result(Status.FAILED, reason=f"{status} {exc.body!s:.300}")
