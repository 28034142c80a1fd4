"""The Telegram channel: python-telegram-bot v22 without its own web server.

Webhook mode: `POST /telegram/webhook` checks the secret token, then feeds the update to
`Application.process_update` in a `UpdateRunner` task. Polling mode: PTB's `Updater` long-polls
getUpdates and the same handler runs. Replies are HTML with every string escaped, buttons are
inline keyboards.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import json
import logging
import re
import time
import warnings
from collections.abc import Awaitable, Hashable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property, lru_cache
from typing import Any, cast

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from telegram import (
    BotCommand,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Update,
    User,
)
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import Forbidden, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    ContextTypes,
    TypeHandler,
)
from telegram.warnings import PTBUserWarning

from bot.app import App
from bot.channels.runner import KeyedLocks, Metrics, UpdateRunner, converse
from bot.channels.telegram.http import AiohttpRequest
from handlers.core.deps import Translate
from handlers.core.messages import Event, Incoming, Reply, SessionCard

log = logging.getLogger(__name__)

CHANNEL = "telegram"
# Update types the bot uses (setWebhook / getUpdates `allowed_updates`).
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
# sendMessage: "1-4096 characters after entities parsing" (https://core.telegram.org/bots/api#sendmessage),
# counted here in UTF-16 code units like the Bot API's entity offsets.
MAX_TEXT = 4096
# InlineKeyboardButton.callback_data: "1-64 bytes" (https://core.telegram.org/bots/api#inlinekeyboardbutton).
MAX_CALLBACK_DATA = 64
# The card button shows the session title; long ones are cut so the keyboard stays readable.
CARD_TITLE_CHARS = 40
# Commands offered in the client's menu (setMyCommands), described in the catalogues.
COMMANDS = ("programme", "now", "next", "workshops", "faq", "agenda", "settings", "lang", "help")
# A 429 asking to wait longer than this is given up: the delegate's moment has passed.
MAX_RETRY_AFTER = 10.0

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# PTB suggests send_message when do_api_request("sendMessage") is used; this module does it on
# purpose (see TelegramChannel._send_one).
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.sendMessage'", category=PTBUserWarning)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _ellipsis(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------------- rendering


@dataclass(frozen=True)
class Outgoing:
    """One sendMessage: HTML text and its keyboard."""

    html: str
    keyboard: InlineKeyboardMarkup | None = None

    @cached_property
    def keyboard_json(self) -> str | None:
        """The keyboard as the Bot API's JSON-serialised `reply_markup` (serialised once)."""
        return None if self.keyboard is None else json.dumps(self.keyboard.to_dict())


@dataclass(frozen=True)
class _Line:
    plain: str  # what the delegate sees, for the length limit
    html: str


def _bold_titles(line: str, titles: list[str]) -> _Line:
    """Escapes the line and puts the card titles it contains in bold (one pass: no nesting)."""
    if not titles:
        return _Line(line, html.escape(line, quote=False))
    pattern = re.compile("|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True)))
    parts: list[str] = []
    end = 0
    for match in pattern.finditer(line):
        parts.append(html.escape(line[end : match.start()], quote=False))
        parts.append(f"<b>{html.escape(match.group(0), quote=False)}</b>")
        end = match.end()
    parts.append(html.escape(line[end:], quote=False))
    return _Line(line, "".join(parts))


def _card_block(card: SessionCard) -> list[_Line]:
    """A compact block for a card the text does not already show: Telegram has no cards."""
    title = f"{card.title} {card.status_label}".rstrip()
    return [
        _Line("", ""),
        _Line(title, f"<b>{html.escape(title, quote=False)}</b>"),
        _Line(card.when, html.escape(card.when, quote=False)),
        _Line(card.room, html.escape(card.room, quote=False)),
    ]


def _split_long(line: _Line) -> list[_Line]:
    """A single line over the limit, cut at spaces where possible (formatting dropped)."""
    pieces: list[_Line] = []
    rest = line.plain
    while _utf16(rest) > MAX_TEXT:
        cut = MAX_TEXT
        while _utf16(rest[:cut]) > MAX_TEXT:
            cut -= 1
        space = rest.rfind(" ", cut // 2, cut)
        cut = space if space > 0 else cut
        pieces.append(_Line(rest[:cut], html.escape(rest[:cut], quote=False)))
        rest = rest[cut:].lstrip(" ")
    pieces.append(_Line(rest, html.escape(rest, quote=False)))
    return pieces


def _chunks(lines: list[_Line]) -> list[str]:
    """Messages of at most MAX_TEXT visible characters, split at line breaks."""
    chunks: list[str] = []
    plain_len = 0
    current: list[str] = []
    for original in lines:
        for line in _split_long(original) if _utf16(original.plain) > MAX_TEXT else [original]:
            size = _utf16(line.plain) + (1 if current else 0)
            if current and plain_len + size > MAX_TEXT:
                chunks.append("\n".join(current))
                current, plain_len = [], 0
                size = _utf16(line.plain)
            current.append(line.html)
            plain_len += size
    if current:
        chunks.append("\n".join(current))
    return [c for c in chunks if c.strip()] or ["…"]


def _button(label: str, payload: str) -> InlineKeyboardButton | None:
    if len(payload.encode("utf-8")) > MAX_CALLBACK_DATA:
        log.error("callback_data over %d bytes, button dropped: %r", MAX_CALLBACK_DATA, payload)
        return None
    return InlineKeyboardButton(label, callback_data=payload)


def _keyboard(reply: Reply, t: Translate) -> InlineKeyboardMarkup | None:
    rows: list[list[InlineKeyboardButton]] = []
    plain = [b for b in (_button(x.label, x.payload) for x in reply.buttons) if b is not None]
    width = 3 if all(len(b.text) <= 14 for b in plain) else 2
    rows += [plain[i : i + width] for i in range(0, len(plain), width)]
    for card in reply.cards:
        for x in card.buttons:
            label = t(
                reply.language,
                "telegram-card-button",
                label=x.label,
                title=_ellipsis(card.title, CARD_TITLE_CHARS),
            )
            button = _button(label, x.payload)
            if button is not None:
                rows.append([button])
    return InlineKeyboardMarkup(rows) if rows else None


def render(reply: Reply, t: Translate) -> tuple[Outgoing, ...]:
    """The reply as Telegram messages: escaped HTML, card titles in bold, keyboard on the last.

    The handlers' texts already list every card's time, title and room, so a card adds its
    "details" button and bolds its title; a card the text does not mention gets a text block.
    Rendered once per content: a bot sends the same replies again and again.
    """
    return _render(reply, cast(Hashable, t))


@lru_cache(maxsize=4096)
def _render(reply: Reply, hashable_t: Hashable) -> tuple[Outgoing, ...]:
    t = cast(Translate, hashable_t)
    text_lines = reply.text.split("\n")
    titles = [c.title for c in reply.cards if c.title]
    lines = [_bold_titles(line, titles) for line in text_lines]
    for card in reply.cards:
        if card.title not in reply.text:
            lines += _card_block(card)
    chunks = _chunks(lines)
    keyboard = _keyboard(reply, t)
    return tuple(
        Outgoing(chunk, keyboard if i == len(chunks) - 1 else None)
        for i, chunk in enumerate(chunks)
    )


# --------------------------------------------------------------------------------- the channel


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
    def __init__(self, app: App, metrics: Metrics, dispatcher: UpdateRunner) -> None:
        settings = app.settings
        self.app, self.dispatcher = app, dispatcher
        self.metrics = metrics.channel(CHANNEL)
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
        application, settings = self.application, self.app.settings
        await application.initialize()
        await self._set_commands()
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
        t, default = self.app.deps.t, self.app.settings.default_language
        for code in ("fr", "ja", "en", None):
            lang = code or default
            commands = [BotCommand(c, t(lang, f"telegram-command-{c}")) for c in COMMANDS]
            try:
                await self.application.bot.set_my_commands(commands, language_code=code)
            except TelegramError:
                log.exception("telegram: setMyCommands (%s) failed", code or "default")

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
            data = json.loads(await request.body())
            update_id = int(data["update_id"])
            update = Update.de_json(data, self.application.bot)
        except Exception as exc:  # not JSON, not an Update: the sender's fault
            self.metrics.error("webhook")
            log.warning("telegram: malformed update refused: %s", exc)
            return JSONResponse({"error": "malformed update"}, status_code=400)
        if self.dispatcher.closing:
            return JSONResponse({"error": "shutting down"}, status_code=503)
        self._received[update_id] = time.perf_counter()
        await self.dispatcher.submit(
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
            replies = await converse(self.app, metrics, message, f"telegram:{update.update_id}")
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
        now, ref = self.app.deps.clock(), str(update.update_id)
        if update.callback_query is not None:
            query = update.callback_query
            chat = query.message.chat.id if query.message is not None else query.from_user.id
            return chat, self._message(query.from_user, now, ref, payload=query.data or "")
        message = update.message
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
        t = self.app.deps.t
        for reply in replies:
            for out in render(reply, t):
                try:
                    await self._send_one(chat_id, out)
                except Forbidden:
                    log.info("telegram: chat %s blocked the bot (update %s)", chat_id, update_id)
                    await converse(
                        self.app,
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
                # do_api_request: the same call as send_message, without turning the returned
                # Message into objects nobody reads (a tenth of the CPU of a reply under load).
                await self.application.bot.do_api_request(
                    "sendMessage",
                    api_kwargs={
                        "chat_id": chat_id,
                        "text": out.html,
                        "parse_mode": ParseMode.HTML,
                        "reply_markup": out.keyboard_json,
                        "link_preview_options": NO_PREVIEW,
                    },
                )
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
