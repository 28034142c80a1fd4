"""Sending to Telegram: the one sendMessage call used for replies and pushes alike, and the
sender that pushes outbox messages within Telegram's rate limits."""

from __future__ import annotations

import asyncio
import functools
import logging
import warnings
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta

from telegram import Bot, InputFile, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.warnings import PTBUserWarning

from bot.channels.telegram.http import AiohttpRequest
from bot.channels.telegram.render import Outgoing, render
from bot.dispatcher import (
    Item,
    RateLimiter,
    Record,
    Result,
    Status,
)
from bot.settings import Settings
from handlers.core.translate import Translate

log = logging.getLogger(__name__)

TELEGRAM_CONCURRENCY = 16  # Telegram requests in flight at once (so, at most, sent twice)
# Seconds a reply waits for Telegram inside a turn before it is handed to the outbox (which
# waits longer: PUSH_TIMEOUT); a turn's slot is not held while the API hangs.
REPLY_TIMEOUT = 5.0
PUSH_TIMEOUT = 10.0
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# PTB suggests send_message when do_api_request("sendMessage") is used; this module does it on
# purpose (see send_message).
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.sendMessage'", category=PTBUserWarning)


def seconds(value: float | timedelta) -> float:
    """A 429's retry_after (PTB gives a timedelta or a number of seconds)."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def send_message(
    bot: Bot, chat_id: int, out: Outgoing, *, read_timeout: float = PUSH_TIMEOUT
) -> None:
    """One rendered message: HTML, its keyboard, no link preview. do_api_request makes the same
    call as send_message without turning the returned Message into objects nobody reads (a
    tenth of the CPU of a reply under load)."""
    await bot.do_api_request(
        "sendMessage",
        api_kwargs={
            "chat_id": chat_id,
            "text": out.html,
            "parse_mode": ParseMode.HTML,
            "reply_markup": out.keyboard_json,
            "link_preview_options": NO_PREVIEW,
        },
        read_timeout=read_timeout,
    )


class TelegramSender:
    channel = "telegram"
    multicast = 1  # the Bot API sends to one chat per request

    def __init__(
        self, bot: Bot, t: Translate, *, rate: float, concurrency: int = TELEGRAM_CONCURRENCY
    ) -> None:
        self.bot, self.t = bot, t
        self.limiter = RateLimiter(rate)
        self.concurrency = asyncio.Semaphore(concurrency)
        self._ready = asyncio.Lock()
        self._initialized = False

    @classmethod
    def from_settings(cls, settings: Settings, t: Translate) -> TelegramSender:
        bot = Bot(
            settings.telegram_bot_token.get_secret_value(),
            base_url=settings.telegram_api_base_url,
            request=AiohttpRequest(connections=32),
        )
        return cls(bot, t, rate=settings.telegram_rate)

    async def close(self) -> None:
        if self._initialized:
            await self.bot.shutdown()

    async def send(self, items: Sequence[Item], record: Record | None = None) -> dict[int, Result]:
        async with self._ready:
            if not self._initialized:
                await self.bot.initialize()
                self._initialized = True
        results = await asyncio.gather(*(self._one(item, record) for item in items))
        return {item.row_id: result for item, result in zip(items, results, strict=True)}

    async def _one(self, item: Item, record: Record | None) -> Result:
        """Each message of the item's replies (a reply handed over by a turn may carry a file,
        and may have been delivered in part: `skip`), each in its turn of the chat's and the
        global rate. A concurrency slot is held only while a message is sent, never while
        waiting for the chat's turn: a chat with twenty messages waiting (a flood's replies)
        does not keep the others' messages from their slots."""
        if not item.user_id.lstrip("-").isdigit():
            result = Result(Status.FAILED, reason=f"not a Telegram chat id: {item.user_id[:40]}")
            sends = []
        else:
            sends, result = self._sends(item, int(item.user_id)), Result(Status.SENT)
        for index, send in enumerate(sends):
            await self.limiter.wait(item.user_id)
            async with self.concurrency:
                outcome = await self._attempt(send)
                if outcome is None and index < len(sends) - 1:
                    continue
                result = outcome or result
                if record is not None:
                    # Written before the slot is freed: at most `concurrency` items are sent
                    # and not yet recorded, so at most that many go out again if the worker dies.
                    await record([(item, result)])
                return result
        if record is not None:
            await record([(item, result)])
        return result

    def _sends(self, item: Item, chat: int) -> list[Callable[[], Awaitable[object]]]:
        sends: list[Callable[[], Awaitable[object]]] = []
        for index, reply in enumerate(item.replies):
            parts: list[Callable[[], Awaitable[object]]] = [
                functools.partial(send_message, self.bot, chat, out)
                for out in render(reply, self.t)
            ]
            if reply.attachment is not None:  # the file, after the text
                document = InputFile(reply.attachment.data, filename=reply.attachment.filename)
                parts.append(
                    functools.partial(
                        self.bot.send_document, chat, document, read_timeout=PUSH_TIMEOUT
                    )
                )
            sends.extend(parts[item.skip if index == 0 else 0 :])
        return sends

    @staticmethod
    async def _attempt(send: Callable[[], Awaitable[object]]) -> Result | None:
        """None when the message went; else the outcome of the whole item."""
        try:
            await send()
        except RetryAfter as exc:
            return Result(Status.WAIT, seconds(exc.retry_after), "429 retry_after")
        except Forbidden as exc:
            return Result(Status.BLOCKED, reason=str(exc))
        except BadRequest as exc:  # a chat id that is no chat among them
            return Result(Status.FAILED, reason=f"400 {exc}")
        except (TimedOut, NetworkError) as exc:  # 5xx arrive as NetworkError
            return Result(Status.RETRY, reason=str(exc))
        except TelegramError as exc:
            return Result(Status.RETRY, reason=str(exc))
        return None
