"""The Telegram channel: python-telegram-bot v22 without its own web server.

Webhook mode: `POST /telegram/webhook` checks the secret token, then feeds the update to
`Application.process_update` in a `UpdateRunner` task. Polling mode: PTB's `Updater` long-polls
getUpdates and the same handler runs. Replies are HTML with every string escaped, buttons are
inline keyboards.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
from collections.abc import Awaitable
from datetime import datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from telegram import (
    BotCommand,
    CallbackQuery,
    InputFile,
    Update,
    User,
)
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import Forbidden, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    ContextTypes,
    TypeHandler,
)

from bot.channels.base import ServeContext
from bot.channels.body import BodyTooLarge, read_body, too_large
from bot.channels.runner import KeyedLocks
from bot.channels.telegram.http import AiohttpRequest
from bot.channels.telegram.render import Outgoing, ellipsis, render
from bot.channels.telegram.sender import send_message
from bot.channels.turns import converse
from handlers.core.commands import Menu
from handlers.core.messages import Event, Incoming, Reply

log = logging.getLogger(__name__)

CHANNEL = "telegram"
# Update types the bot uses (setWebhook / getUpdates `allowed_updates`).
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
# setMyDescription: "0-512 characters"; setMyShortDescription: "0-120 characters"
# (https://core.telegram.org/bots/api#setmydescription).
MAX_DESCRIPTION, MAX_SHORT_DESCRIPTION = 512, 120
# A 429 asking to wait longer than this is given up: the delegate's moment has passed.
MAX_RETRY_AFTER = 10.0

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def delegate_key(update: Update) -> str:
    user = update.effective_user
    return f"telegram:{user.id if user is not None else update.update_id}"


class PerDelegateUpdates(BaseUpdateProcessor):
    """Polling mode: PTB runs updates concurrently; one delegate's still run in order."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self.locks = KeyedLocks()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = delegate_key(update) if isinstance(update, Update) else "telegram:-"
        async with self.locks.hold(key):
            await coroutine

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def _file_url(base_url: str) -> str:
    """https://api.telegram.org/bot → https://api.telegram.org/file/bot (file downloads)."""
    root, _, tail = base_url.rpartition("/")
    return f"{root}/file/{tail}"


class TelegramChannel:
    def __init__(self, context: ServeContext) -> None:
        settings = context.settings
        self.settings, self.deps, self.updates = settings, context.deps, context.updates
        self.conversation = context.conversation
        self.metrics = context.metrics.channel(CHANNEL)
        self.polling = settings.telegram_mode == "polling"
        self.secret = settings.telegram_webhook_secret.get_secret_value()
        if not self.polling and not self.secret:
            raise ValueError(
                "TELEGRAM_WEBHOOK_SECRET is empty: in webhook mode every update must carry the "
                "secret token. Set it (1-256 of A-Z a-z 0-9 _ -), or use TELEGRAM_MODE=polling."
            )
        builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
            Application.builder()
            .token(settings.telegram_bot_token.get_secret_value())
            .base_url(settings.telegram_api_base_url)
            .base_file_url(_file_url(settings.telegram_api_base_url))
            .request(AiohttpRequest(connections=settings.max_concurrent_updates + 8))
            .get_updates_request(AiohttpRequest(connections=1))
            .job_queue(None)
            .concurrent_updates(PerDelegateUpdates(settings.max_concurrent_updates))
        )
        if not self.polling:
            builder = builder.updater(None)
        self.application: AnyApplication = builder.build()
        self.application.add_handler(TypeHandler(Update, self._on_update))
        self.application.add_error_handler(self._on_error)
        self._received: dict[int, float] = {}

    # ----------------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        application, settings = self.application, self.settings
        await application.initialize()
        await self._set_commands()
        await self._set_descriptions()
        if self.polling:
            await application.start()
            assert application.updater is not None
            await application.updater.start_polling(
                allowed_updates=ALLOWED_UPDATES, timeout=timedelta(seconds=10)
            )
            log.info("telegram: polling %s", settings.telegram_api_base_url)
            return
        if settings.telegram_webhook_url:
            await application.bot.set_webhook(
                settings.telegram_webhook_url,
                secret_token=self.secret,
                allowed_updates=ALLOWED_UPDATES,
                max_connections=min(100, settings.max_concurrent_updates),
            )
            log.info("telegram: webhook set to %s", settings.telegram_webhook_url)
        else:
            log.info("telegram: TELEGRAM_WEBHOOK_URL is empty, the webhook is left as it is")

    async def stop(self) -> None:
        application = self.application
        if self.polling and application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()  # waits for the updates being processed
        await application.shutdown()

    async def _set_commands(self) -> None:
        """The command menu in fr, ja and en, and the default list in the default language."""
        t, default = self.deps.t, self.settings.default_language
        offered = self.conversation.commands.offered(Menu.CHAT_MENU)
        for code in ("fr", "ja", "en", None):
            lang = code or default
            commands = [BotCommand(c.name, t(lang, c.description_id)) for c in offered]
            try:
                await self.application.bot.set_my_commands(commands, language_code=code)
            except TelegramError:
                log.exception("telegram: setMyCommands (%s) failed", code or "default")

    async def _set_descriptions(self) -> None:
        """What Telegram shows before a first /start (the description) and on the bot's
        profile (the short one), in fr, ja and en, and in the default language for the rest."""
        t, default = self.deps.t, self.settings.default_language
        conference = self.deps.conference
        bot = self.application.bot
        for code in ("fr", "ja", "en", None):
            lang = code or default
            args = {"conference": conference.name.get(lang), "city": conference.city.get(lang)}
            description = ellipsis(t(lang, "telegram-description", **args), MAX_DESCRIPTION)
            short = ellipsis(t(lang, "telegram-short-description", **args), MAX_SHORT_DESCRIPTION)
            try:
                await bot.set_my_description(description, language_code=code)
                await bot.set_my_short_description(short, language_code=code)
            except TelegramError:
                log.exception("telegram: setMyDescription (%s) failed", code or "default")

    # ------------------------------------------------------------------------- webhook

    async def webhook(self, request: Request) -> Response:
        if self.polling:
            return JSONResponse({"error": "polling mode"}, status_code=404)
        given = request.headers.get("x-telegram-bot-api-secret-token", "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            self.metrics.error("webhook")
            log.warning("telegram: webhook with a wrong or missing secret token refused")
            return JSONResponse({"error": "forbidden"}, status_code=403)
        try:
            body = await read_body(request)
        except BodyTooLarge:
            return too_large(self.metrics, CHANNEL)
        try:
            data = json.loads(body)
            update_id = int(data["update_id"])
            update = Update.de_json(data, self.application.bot)
        except Exception as exc:  # not JSON, not an Update: the sender's fault
            self.metrics.error("webhook")
            log.warning("telegram: malformed update refused: %s", exc)
            return JSONResponse({"error": "malformed update"}, status_code=400)
        if self.updates.closing:
            return JSONResponse({"error": "shutting down"}, status_code=503)
        self._received[update_id] = time.perf_counter()
        await self.updates.submit(
            self.application.process_update(update),
            name=f"telegram:{update_id}",
            key=delegate_key(update),
        )
        return Response(status_code=200)

    # ----------------------------------------------------------------------- an update

    async def _on_update(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        started = self._received.pop(update.update_id, None) or time.perf_counter()
        metrics = self.metrics
        metrics.updates.inc()
        metrics.in_flight.inc()
        try:
            target = self._incoming(update)
            if target is None:
                return
            chat_id, message = target
            replies = await converse(
                self.conversation, metrics, message, f"telegram:{update.update_id}"
            )
            if replies is None:
                metrics.duplicates.inc()
                log.info("telegram: update %s already processed, skipped", update.update_id)
                return
            if update.callback_query is not None:
                await self._answer(update.callback_query, update.update_id)
            if replies and await self._send(chat_id, message, replies, update.update_id):
                metrics.latency.observe(time.perf_counter() - started)
        finally:
            metrics.in_flight.dec()

    async def _answer(self, query: CallbackQuery, update_id: int) -> None:
        """Every callback query is answered, or the client keeps its spinner for a while."""
        try:
            await query.answer()
        except TelegramError as exc:
            self.metrics.error("send")
            log.warning("telegram: answerCallbackQuery failed (update %s): %s", update_id, exc)

    def _incoming(self, update: Update) -> tuple[int, Incoming] | None:
        """The update as a message to the conversation; None for what the bot does not answer:
        anything outside a private chat (a group's chatter is not for it, and an agenda or an
        organiser's preview must not be posted to a group), service messages, anonymous
        senders."""
        now, ref = self.deps.clock(), str(update.update_id)
        chat = update.effective_chat
        if chat is not None and chat.type != ChatType.PRIVATE:
            return None
        if update.callback_query is not None:
            query = update.callback_query
            chat_id = query.message.chat.id if query.message is not None else query.from_user.id
            return chat_id, self._message(query.from_user, now, ref, payload=query.data or "")
        message = update.message
        if message is not None and message.sender_chat is not None:
            return None  # posted on behalf of a chat: nobody to answer, no delegate to make
        if message is not None and message.from_user is not None:
            user = message.from_user
            if message.text:
                return message.chat.id, self._message(user, now, ref, text=message.text)
            if message.effective_attachment is not None:  # sticker, photo, location…
                return message.chat.id, self._message(user, now, ref, event=Event.UNSUPPORTED)
            return None  # service messages (members joining a group…)
        member = update.my_chat_member
        if (
            member is not None
            and member.chat.type == ChatType.PRIVATE
            and member.new_chat_member.status == ChatMemberStatus.BANNED
        ):
            return member.chat.id, self._message(member.from_user, now, ref, event=Event.UNFOLLOW)
        return None

    @staticmethod
    def _message(
        user: User,
        now: datetime,
        update_id: str,
        *,
        text: str | None = None,
        payload: str | None = None,
        event: Event = Event.MESSAGE,
    ) -> Incoming:
        return Incoming(
            channel=CHANNEL,
            user_id=str(user.id),
            received_at=now,
            text=text,
            payload=payload,
            display_name=user.full_name,
            language_hint=user.language_code,
            event=event,
            update_id=update_id,
        )

    async def _send(
        self, chat_id: int, message: Incoming, replies: list[Reply], update_id: int
    ) -> bool:
        """Sends every reply; False when one could not be delivered."""
        t = self.deps.t
        for reply in replies:
            for out in render(reply, t):
                try:
                    await self._send_one(chat_id, out)
                except Forbidden:
                    log.info("telegram: chat %s blocked the bot (update %s)", chat_id, update_id)
                    await converse(
                        self.conversation,
                        self.metrics,
                        Incoming(
                            CHANNEL, message.user_id, message.received_at, event=Event.UNFOLLOW
                        ),
                        f"telegram:{update_id}",
                    )
                    return False
                except TelegramError as exc:
                    self.metrics.error("send")
                    log.error("telegram: sendMessage failed for update %s: %s", update_id, exc)
                    return False
                self.metrics.replies.inc()
            if reply.attachment is not None:
                try:
                    await self.application.bot.send_document(
                        chat_id,
                        InputFile(reply.attachment.data, filename=reply.attachment.filename),
                    )
                except TelegramError as exc:
                    self.metrics.error("send")
                    log.error("telegram: sendDocument failed for update %s: %s", update_id, exc)
                    return False
                self.metrics.replies.inc()
        return True

    async def _send_one(self, chat_id: int, out: Outgoing) -> None:
        for attempt in range(3):
            try:
                await send_message(self.application.bot, chat_id, out)
                return
            except RetryAfter as exc:
                wait = exc.retry_after
                seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
                if attempt == 2 or seconds > MAX_RETRY_AFTER:
                    raise
                await asyncio.sleep(seconds)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        update_id = update.update_id if isinstance(update, Update) else "?"
        self.metrics.error("handler")
        log.error("telegram: update %s failed", update_id, exc_info=context.error)
