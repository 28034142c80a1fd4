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
from dataclasses import dataclass
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
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    ContextTypes,
    TypeHandler,
)

from bot.channels.base import ServeContext
from bot.channels.body import webhook_body
from bot.channels.runner import Admission, KeyedLocks
from bot.channels.telegram.http import AiohttpRequest
from bot.channels.telegram.render import ellipsis, render
from bot.channels.telegram.sender import REPLY_TIMEOUT, seconds, send_message
from bot.channels.turns import Pause, converse, slow_down
from handlers.core.commands import Menu
from handlers.core.messages import Event, Incoming, Reply
from handlers.notify.replies import hand_over

log = logging.getLogger(__name__)

CHANNEL = "telegram"
# Update types the bot uses (setWebhook / getUpdates `allowed_updates`).
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
# setMyDescription: "0-512 characters"; setMyShortDescription: "0-120 characters"
# (https://core.telegram.org/bots/api#setmydescription).
MAX_DESCRIPTION, MAX_SHORT_DESCRIPTION = 512, 120
GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def delegate_key(update: Update) -> str:
    user = update.effective_user
    return f"telegram:{user.id if user is not None else update.update_id}"


@dataclass(frozen=True)
class Target:
    """Where the answer to an update goes, and what to hand the conversation."""

    chat_id: int
    message: Incoming
    public: bool = False  # a command in a group: public content only, nothing kept


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
        body = await webhook_body(request, self.metrics, CHANNEL)
        if isinstance(body, Response):
            return body
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
        admission = await self.updates.submit(
            self.application.process_update(update),
            name=f"telegram:{update_id}",
            key=delegate_key(update),
        )
        if admission is not Admission.QUEUED:
            self._received.pop(update_id, None)
            self.metrics.dropped.inc()
        if admission is Admission.OVERFLOW:
            target = self._incoming(update)
            if target is not None and not target.public:
                self.updates.aside(self._slow_down(target), name=f"telegram:{update_id}:slow")
        return Response(status_code=200)

    async def _slow_down(self, target: Target) -> None:
        reply = await slow_down(self.deps, target.message)
        for out in render(reply, self.deps.t):
            try:
                await send_message(
                    self.application.bot, target.chat_id, out, read_timeout=REPLY_TIMEOUT
                )
            except TelegramError as exc:
                log.warning("telegram: the slow-down note to %s failed: %s", target.chat_id, exc)
                return
            self.metrics.replies.inc()

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
            replies = await converse(
                self.conversation,
                metrics,
                target.message,
                f"telegram:{update.update_id}",
                pause=self._pause(),
                public=target.public,
            )
            if replies is None:
                metrics.duplicates.inc()
                log.info("telegram: update %s already processed, skipped", update.update_id)
                return
            if update.callback_query is not None:
                await self._answer(update.callback_query, update.update_id)
            if replies and await self._send(target, replies, update.update_id):
                metrics.latency.observe(time.perf_counter() - started)
        finally:
            metrics.in_flight.dec()

    def _pause(self) -> Pause:
        """Webhook mode: a turn waiting for the database gives its slot up (polling mode has
        PTB's own concurrency, and plain sleeps)."""
        if self.polling:
            return asyncio.sleep
        return self.updates.pause

    async def _answer(self, query: CallbackQuery, update_id: int) -> None:
        """Every callback query is answered, or the client keeps its spinner for a while."""
        try:
            await query.answer()
        except TelegramError as exc:
            self.metrics.error("send")
            log.warning("telegram: answerCallbackQuery failed (update %s): %s", update_id, exc)

    def _incoming(self, update: Update) -> Target | None:
        """The update as a message to the conversation; None for what the bot does not answer:
        service messages, anonymous senders, and anything outside a private chat unless groups
        are allowed (ALLOW_GROUPS), where only commands addressed to the bot are answered."""
        now, ref = self.deps.clock(), str(update.update_id)
        chat = update.effective_chat
        if chat is not None and chat.type != ChatType.PRIVATE:
            return self._in_group(update, now, ref)
        if update.callback_query is not None:
            query = update.callback_query
            chat_id = query.message.chat.id if query.message is not None else query.from_user.id
            pressed = self._message(query.from_user, now, ref, payload=query.data or "")
            return Target(chat_id, pressed)
        message = update.message
        if message is not None and message.sender_chat is not None:
            return None  # posted on behalf of a chat: nobody to answer, no delegate to make
        if message is not None and message.from_user is not None:
            user = message.from_user
            if message.text:
                return Target(message.chat.id, self._message(user, now, ref, text=message.text))
            if message.effective_attachment is not None:  # sticker, photo, location…
                unsupported = self._message(user, now, ref, event=Event.UNSUPPORTED)
                return Target(message.chat.id, unsupported)
            return None  # service messages (members joining a group…)
        member = update.my_chat_member
        if (
            member is not None
            and member.chat.type == ChatType.PRIVATE
            and member.new_chat_member.status == ChatMemberStatus.BANNED
        ):
            unfollow = self._message(member.from_user, now, ref, event=Event.UNFOLLOW)
            return Target(member.chat.id, unfollow)
        return None

    def _in_group(self, update: Update, now: datetime, ref: str) -> Target | None:
        """A group's command for this bot (`/programme`, `/programme@thisbot`, or a button
        under one of its answers there), when groups are allowed; nothing else. The chatter of
        a group is not for the bot: it is neither answered nor kept."""
        chat = update.effective_chat
        if not self.settings.allow_groups or chat is None or chat.type not in GROUPS:
            return None
        query = update.callback_query
        if query is not None:
            message = self._message(query.from_user, now, ref, payload=query.data or "")
            return Target(chat.id, message, public=True)
        posted = update.message
        if posted is None or posted.sender_chat is not None or posted.from_user is None:
            return None  # an anonymous admin or a channel: nobody to answer
        if posted.from_user.is_bot or not self._addressed(posted.text or ""):
            return None
        message = self._message(posted.from_user, now, ref, text=posted.text)
        return Target(chat.id, message, public=True)

    def _addressed(self, text: str) -> bool:
        """A command, not addressed to another bot (`/cmd@otherbot`)."""
        if not text.startswith("/"):
            return False
        _, at, bot_name = text.split(maxsplit=1)[0].partition("@")
        try:
            mine = self.application.bot.username
        except RuntimeError:  # getMe not answered yet
            mine = ""
        return not at or bot_name.lower() == mine.lower()

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

    async def _send(self, target: Target, replies: list[Reply], update_id: int) -> bool:
        """Sends every reply; False when one could not be delivered now. A reply Telegram did
        not take (5xx, timeout, 429) is handed to the outbox with the rest, and pushed from
        there: sendMessage is the same call either way, and a 429's wait is spent there, not
        in this turn's slot."""
        bot, t = self.application.bot, self.deps.t
        for index, reply in enumerate(replies):
            parts = render(reply, t)
            for part in range(len(parts) + (reply.attachment is not None)):
                try:
                    if part < len(parts):
                        out = parts[part]
                        await send_message(bot, target.chat_id, out, read_timeout=REPLY_TIMEOUT)
                    else:
                        assert reply.attachment is not None
                        attachment = reply.attachment
                        await bot.send_document(
                            target.chat_id,
                            InputFile(attachment.data, filename=attachment.filename),
                            read_timeout=REPLY_TIMEOUT,
                        )
                except Forbidden:
                    log.info("telegram: chat %s blocked the bot", target.chat_id)
                    if not target.public:
                        await self._unfollowed(target.message, update_id)
                    return False
                except BadRequest as exc:  # the message itself was refused: no use sending again
                    self.metrics.error("send")
                    log.error("telegram: a reply to update %s was refused: %s", update_id, exc)
                    return False
                except RetryAfter as exc:
                    wait = seconds(exc.retry_after)
                    await self._hand_over(target, replies[index:], part, update_id, exc, wait)
                    return False
                except TelegramError as exc:  # 5xx, timeouts, a connection that broke
                    await self._hand_over(target, replies[index:], part, update_id, exc)
                    return False
                self.metrics.replies.inc()
        return True

    async def _hand_over(
        self,
        target: Target,
        replies: list[Reply],
        skip: int,
        update_id: int,
        error: TelegramError,
        after: float = 0.0,
    ) -> None:
        self.metrics.error("send")
        kept = not target.public and await hand_over(
            self.deps, CHANNEL, target.message.user_id, replies, after=after, skip=skip
        )
        if kept:
            self.metrics.handed_over.inc()
            log.warning(
                "telegram: reply to update %s not taken (%s): handed to the outbox",
                update_id,
                error,
            )
        else:
            log.error("telegram: reply to update %s lost: %s", update_id, error)

    async def _unfollowed(self, message: Incoming, update_id: int) -> None:
        unfollow = Incoming(CHANNEL, message.user_id, message.received_at, event=Event.UNFOLLOW)
        await converse(self.conversation, self.metrics, unfollow, f"telegram:{update_id}")

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        update_id = update.update_id if isinstance(update, Update) else "?"
        self.metrics.error("handler")
        log.error("telegram: update %s failed", update_id, exc_info=context.error)
