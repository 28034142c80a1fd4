"""A fake Telegram Bot API server (https://core.telegram.org/bots/api) for tests.

Start it, point python-telegram-bot at it and inspect what the bot did::

    async with FakeTelegram() as tg:
        bot = telegram.Bot(tg.token, base_url=tg.base_url)
        async with bot:
            await bot.send_message(42, "hi")
        assert tg.sent_messages(42)[0]["text"] == "hi"

The server listens on 127.0.0.1 on a random port and answers like the real
Bot API: ``POST|GET /bot<token>/<method>`` with JSON, urlencoded or multipart
bodies (method names are case-insensitive), ``{"ok": true, "result": ...}`` on
success and ``{"ok": false, "error_code": N, "description": "..."}`` (plus
``parameters`` for 429) on failure. It has the methods confbot and its
benchmarks call, no more.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import json
import math
import mimetypes
import re
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from .telegram_formatting import (
    EntityParseError,
    parse_formatted_text,
    strip_formatted_text,
)

JSONDict = dict[str, Any]
ChatId = int | str

__all__ = [
    "DEFAULT_TELEGRAM_TOKEN",
    "Call",
    "FakeTelegram",
    "StoredFile",
    "TelegramAPIError",
    "UploadedFile",
    "build_callback_query_update",
    "build_message_update",
    "build_telegram_user",
    "telegram_webhook_headers",
]

DEFAULT_TELEGRAM_TOKEN = "1234567890:AAFakeTokenForConfbotTests_0123456789"
"""A well-formed bot token (``<bot id>:<35 chars>``); the bot id is 1234567890."""

_TOKEN_RE = re.compile(r"^[0-9]+:[A-Za-z0-9_-]+$")
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_MAX_TEXT = 4096
_MAX_CAPTION = 1024
_MAX_UPLOAD = 50 * 1024 * 1024
_MAX_DOWNLOAD = 20 * 1024 * 1024
# Update types delivered when allowed_updates is empty/unspecified (Bot API default).
_NOT_DEFAULT_UPDATES = {"chat_member", "message_reaction", "message_reaction_count"}
_WEBHOOK_PORTS = {80, 88, 443, 8443}

# Parameters whose form value is a plain string even if it looks like JSON.
_STRING_PARAMS = {
    "text",
    "caption",
    "parse_mode",
    "callback_query_id",
    "inline_message_id",
    "url",
    "secret_token",
    "ip_address",
    "language_code",
    "description",
    "short_description",
    "name",
    "business_connection_id",
    "message_effect_id",
    "file_id",
    "action",
    "emoji",
    "title",
    "username",
}
# Parameters that hold files or file references.
_FILE_PARAMS = {"document", "photo", "audio", "video", "voice", "animation", "sticker", "thumbnail"}

_DEFAULT_DESCRIPTIONS: dict[int, str] = {
    400: "Bad Request: chat not found",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
    413: "Request Entity Too Large",
    500: "Internal Server Error",
    502: "Bad Gateway",
}

_ALREADY_ANSWERED = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


class TelegramAPIError(Exception):
    """Raised by method handlers; becomes ``{"ok": false, ...}`` with this status."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def _bad_request(description: str) -> TelegramAPIError:
    return TelegramAPIError(400, f"Bad Request: {description}")


@dataclass
class UploadedFile:
    """A file part of a multipart request."""

    field: str
    filename: str | None
    content: bytes
    content_type: str | None


@dataclass
class Call:
    """One request the fake received (also failed ones: see ``status``)."""

    method: str
    params: dict[str, Any]
    token: str
    at: float
    http_method: str = "POST"
    files: dict[str, UploadedFile] = field(default_factory=dict)
    status: int = 0
    response: JSONDict | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class StoredFile:
    """A file known to the fake (uploaded by the bot or registered by a test)."""

    file_id: str
    file_unique_id: str
    file_name: str | None
    mime_type: str | None
    content: bytes
    file_path: str
    chat_id: ChatId | None = None


@dataclass
class _Failure:
    status: int
    description: str
    retry_after: int | None
    remaining: int


@dataclass
class _RateLimit:
    global_per_s: int | None
    per_chat_per_s: int | None
    per_group_per_min: int | None
    methods: frozenset[str]


# ------------------------------------------------------------------ builders


def build_telegram_user(
    user_id: int,
    *,
    first_name: str | None = None,
    last_name: str | None = None,
    username: str | None = None,
    language_code: str | None = "en",
    is_bot: bool = False,
    is_premium: bool | None = None,
) -> JSONDict:
    """A Bot API ``User`` object for a human (or another bot)."""
    user: JSONDict = {
        "id": user_id,
        "is_bot": is_bot,
        "first_name": first_name if first_name is not None else f"User{user_id}",
    }
    if last_name is not None:
        user["last_name"] = last_name
    if username is not None:
        user["username"] = username
    if language_code is not None:
        user["language_code"] = language_code
    if is_premium is not None:
        user["is_premium"] = is_premium
    return user


def _private_chat_from_user(user: JSONDict) -> JSONDict:
    chat: JSONDict = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
    for key in ("last_name", "username"):
        if key in user:
            chat[key] = user[key]
    return chat


def _command_entities(text: str) -> list[JSONDict]:
    match = re.match(r"/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{5,32})?", text)
    if match is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": len(match.group(0))}]


def build_message_update(
    update_id: int,
    *,
    text: str | None,
    user_id: int,
    message_id: int,
    chat: JSONDict | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    username: str | None = None,
    language_code: str | None = "en",
    date: int | None = None,
    entities: list[JSONDict] | None = None,
    reply_to_message: JSONDict | None = None,
    extra: JSONDict | None = None,
) -> JSONDict:
    """An ``Update`` with a ``message`` sent by a user.

    ``chat`` defaults to the user's private chat. Commands (``/start``) get a
    ``bot_command`` entity automatically unless ``entities`` is given.
    """
    user = build_telegram_user(
        user_id,
        first_name=first_name,
        last_name=last_name,
        username=username,
        language_code=language_code,
    )
    message: JSONDict = {
        "message_id": message_id,
        "from": user,
        "chat": chat if chat is not None else _private_chat_from_user(user),
        "date": date if date is not None else int(time.time()),
    }
    if text is not None:
        message["text"] = text
        ents = entities if entities is not None else _command_entities(text)
        if ents:
            message["entities"] = ents
    if reply_to_message is not None:
        message["reply_to_message"] = reply_to_message
    if extra:
        message.update(extra)
    return {"update_id": update_id, "message": message}


def build_callback_query_update(
    update_id: int,
    *,
    user_id: int,
    data: str,
    message: JSONDict | None = None,
    inline_message_id: str | None = None,
    callback_query_id: str | None = None,
    chat_instance: str | None = None,
    first_name: str | None = None,
    username: str | None = None,
    language_code: str | None = "en",
) -> JSONDict:
    """An ``Update`` with a ``callback_query`` (an inline button press)."""
    query: JSONDict = {
        "id": callback_query_id or str(secrets.randbits(62)),
        "from": build_telegram_user(
            user_id, first_name=first_name, username=username, language_code=language_code
        ),
        "chat_instance": chat_instance or str(-secrets.randbits(62)),
        "data": data,
    }
    if message is not None:
        query["message"] = message
    if inline_message_id is not None:
        query["inline_message_id"] = inline_message_id
    return {"update_id": update_id, "callback_query": query}


def telegram_webhook_headers(secret_token: str | None = None) -> dict[str, str]:
    """Headers Telegram sends with a webhook POST."""
    headers = {"Content-Type": "application/json"}
    if secret_token is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret_token
    return headers


# ---------------------------------------------------------------------- fake


Handler = Callable[[Call], Awaitable[Any]]


class FakeTelegram:
    """Fake Bot API server. See the module docstring.

    Args:
        token: the token the bot must use; any other well-formed token gets
            401 Unauthorized. ``None`` accepts any well-formed token.
        bot_first_name/bot_username: the bot's ``User`` returned by getMe and
            used as ``from`` of the bot's messages.
        strict: unknown chats answer 400 "chat not found" (instead of being
            created on the fly) and unknown callback query ids answer 400.
        max_long_poll: cap in seconds on getUpdates' ``timeout`` so that tests
            do not wait for the full long-poll.
    """

    def __init__(
        self,
        token: str | None = DEFAULT_TELEGRAM_TOKEN,
        *,
        bot_first_name: str = "Confbot",
        bot_username: str = "confbot_test_bot",
        strict: bool = False,
        max_long_poll: float = 1.0,
    ) -> None:
        self._expected_token = token
        self.bot_first_name = bot_first_name
        self.bot_username = bot_username
        self.strict = strict
        self.max_long_poll = max_long_poll

        self.calls: list[Call] = []
        self.count_429 = 0
        self.files: dict[str, StoredFile] = {}
        self.uploads: list[StoredFile] = []
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.descriptions: dict[str, str] = {}
        """setMyDescription, by language code ("" for the default)."""
        self.short_descriptions: dict[str, str] = {}
        """setMyShortDescription, by language code ("" for the default)."""
        self.answered_callback_queries: dict[str, JSONDict] = {}
        self.webhook: JSONDict | None = None

        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._updates: deque[JSONDict] = deque()
        self._update_ids = itertools.count(100_000_001)
        self._updates_event = asyncio.Event()
        self._poll_generation = 0
        self._poll_termination_reason = _DEFAULT_DESCRIPTIONS[409]
        self._stopping = False
        self._allowed_updates: list[str] = []
        self._chats: dict[ChatId, JSONDict] = {}
        self._next_message_id: dict[ChatId, int] = {}
        self._messages: dict[tuple[ChatId, int], JSONDict] = {}
        self._blocked: dict[ChatId, str] = {}
        self._known_callback_queries: set[str] = set()
        self._failures: dict[str, deque[_Failure]] = {}
        self._rate_limit: _RateLimit | None = None
        self._global_window: deque[float] = deque()
        self._chat_windows: dict[ChatId, deque[float]] = {}
        self._file_counter = itertools.count(1)

        self.listeners: list[Callable[[Call], None]] = []
        """Called with each call once answered (benchmarks time replies with it)."""
        self.delays: dict[str, float] = {}
        """Seconds to wait before answering a method (lower-case name): a slow Bot API."""
        self._hang_until = 0.0
        self._hang_methods: frozenset[str] = frozenset()
        self._handlers: dict[str, tuple[str, Handler]] = {}
        for name, handler in (
            ("getMe", self._get_me),
            ("sendMessage", self._send_message),
            ("answerCallbackQuery", self._answer_callback_query),
            ("setWebhook", self._set_webhook),
            ("deleteWebhook", self._delete_webhook),
            ("setMyCommands", self._set_my_commands),
            ("setMyDescription", self._set_my_description),
            ("setMyShortDescription", self._set_my_short_description),
            ("getUpdates", self._get_updates),
            ("sendDocument", self._send_document),
        ):
            self._handlers[name.lower()] = (name, handler)

    # ------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Bind 127.0.0.1 on a random port and start serving."""
        app = web.Application(client_max_size=_MAX_UPLOAD + 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_route("*", "/{tail:.*}", self._handle_unknown_path)
        self._stopping = False
        self._runner = web.AppRunner(app, shutdown_timeout=0.5, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        address = self._runner.addresses[0]
        self._port = int(address[1])

    async def stop(self) -> None:
        """Wake pending long polls and shut the server down."""
        self._stopping = True
        self._updates_event.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # ------------------------------------------------------------ addresses

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FakeTelegram is not started")
        return self._port

    @property
    def url(self) -> str:
        """Root URL of the server, e.g. ``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """Value for PTB's ``base_url``: PTB appends ``<token>/<method>``."""
        return f"{self.url}/bot"

    @property
    def token(self) -> str:
        """The expected token (or the default token when any token is accepted)."""
        return self._expected_token or DEFAULT_TELEGRAM_TOKEN

    @property
    def bot_id(self) -> int:
        return int(self.token.split(":", 1)[0])

    def bot_user(self, token: str | None = None) -> JSONDict:
        """The bot's ``User`` object (short form, as in ``Message.from``)."""
        bot_id = int((token or self.token).split(":", 1)[0])
        return {
            "id": bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    # ------------------------------------------------------------- test API

    def queue_update(self, update: JSONDict) -> int:
        """Queue an Update for getUpdates; assigns ``update_id`` if missing. Returns it."""
        if "update_id" not in update:
            update = {"update_id": next(self._update_ids), **update}
        self._updates.append(update)
        self._updates_event.set()
        return int(update["update_id"])

    @property
    def pending_updates(self) -> list[JSONDict]:
        return list(self._updates)

    def add_chat(self, chat: JSONDict) -> None:
        """Register a ``Chat`` (needs ``id`` and ``type``)."""
        self._chats[chat["id"]] = dict(chat)
        if chat.get("username") and chat["type"] in ("channel", "supergroup"):
            self._chats["@" + chat["username"]] = self._chats[chat["id"]]

    def block_chat(self, chat_id: ChatId, description: str | None = None) -> None:
        """Make every send/edit to ``chat_id`` fail with 403 until unblocked."""
        if description is None:
            kind = self._chat_for(chat_id, create=True)["type"]
            description = {
                "private": "Forbidden: bot was blocked by the user",
                "group": "Forbidden: bot was kicked from the group chat",
                "supergroup": "Forbidden: bot was kicked from the supergroup chat",
                "channel": "Forbidden: bot is not a member of the channel chat",
            }[kind]
        self._blocked[chat_id] = description

    def unblock_chat(self, chat_id: ChatId) -> None:
        self._blocked.pop(chat_id, None)

    def next_update_id(self) -> int:
        return next(self._update_ids)

    def message_update(
        self,
        user_id: int,
        text: str | None,
        *,
        chat_id: int | None = None,
        language_code: str | None = "en",
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        reply_to_message_id: int | None = None,
        extra: JSONDict | None = None,
    ) -> JSONDict:
        """Build (not queue) a message Update from ``user_id``.

        Message ids continue the chat's sequence shared with the bot's own
        messages, as in real Telegram. ``chat_id`` defaults to the private chat.
        """
        user = build_telegram_user(
            user_id,
            first_name=first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
        )
        if chat_id is None or chat_id == user_id:
            chat = _private_chat_from_user(user)
            self._chats[user_id] = chat
        else:
            chat = self._chat_for(chat_id, create=True)
        reply_to = None
        if reply_to_message_id is not None:
            reply_to = self._messages.get((chat["id"], reply_to_message_id))
        update = build_message_update(
            self.next_update_id(),
            text=text,
            user_id=user_id,
            message_id=self._alloc_message_id(chat["id"]),
            chat=chat,
            first_name=first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
            reply_to_message=reply_to,
            extra=extra,
        )
        message = update["message"]
        self._messages[(chat["id"], message["message_id"])] = message
        return update

    def callback_query_update(
        self,
        user_id: int,
        data: str,
        *,
        message_id: int | None = None,
        chat_id: int | None = None,
        language_code: str | None = "en",
        first_name: str | None = None,
        username: str | None = None,
    ) -> JSONDict:
        """Build (not queue) a callback_query Update for a button press.

        ``message_id`` names a message the bot sent in ``chat_id`` (default:
        the user's private chat); without it the bot's last message there is
        used. The query id is registered so answering it twice fails.
        """
        chat_key: ChatId = chat_id if chat_id is not None else user_id
        message: JSONDict | None = None
        if message_id is not None:
            message = self._messages.get((chat_key, message_id))
        else:
            bot_messages = [
                m
                for (cid, _), m in self._messages.items()
                if cid == chat_key and m.get("from", {}).get("is_bot")
            ]
            message = bot_messages[-1] if bot_messages else None
        update = build_callback_query_update(
            self.next_update_id(),
            user_id=user_id,
            data=data,
            message=message,
            chat_instance=str(-int(hashlib.sha256(str(chat_key).encode()).hexdigest()[:15], 16)),
            first_name=first_name,
            username=username,
            language_code=language_code,
        )
        self._known_callback_queries.add(update["callback_query"]["id"])
        return update

    def message(self, chat_id: ChatId, message_id: int) -> JSONDict | None:
        """Current state of a stored message (after edits), or None."""
        return self._messages.get((chat_id, message_id))

    def fail_next(
        self,
        method: str,
        status: int,
        *,
        retry_after: int | None = None,
        description: str | None = None,
        count: int = 1,
    ) -> None:
        """Answer the next ``count`` calls of ``method`` (``"*"``: any) with an error.

        429 gets ``parameters.retry_after`` (default 1) and the description
        ``Too Many Requests: retry after N``.
        """
        retry: int | None
        if status == 429:
            retry = retry_after if retry_after is not None else 1
            desc = description or f"Too Many Requests: retry after {retry}"
        else:
            retry = retry_after
            desc = description or _DEFAULT_DESCRIPTIONS.get(status, f"{HTTPStatus(status).phrase}")
        key = "*" if method == "*" else method.lower()
        self._failures.setdefault(key, deque()).append(
            _Failure(status=status, description=desc, retry_after=retry, remaining=count)
        )

    def rate_limit(
        self,
        global_per_s: int | None = 30,
        per_chat_per_s: int | None = 1,
        *,
        per_group_per_min: int | None = 20,
        methods: Iterable[str] = (
            "sendMessage",
            "sendDocument",
        ),
    ) -> None:
        """Enforce Telegram's broadcast limits with 429 + retry_after.

        Sliding windows: ``global_per_s`` messages per second overall,
        ``per_chat_per_s`` per second to one chat, ``per_group_per_min`` per
        minute to one group/supergroup. Requests answered 429 do not count.
        """
        self._rate_limit = _RateLimit(
            global_per_s=global_per_s,
            per_chat_per_s=per_chat_per_s,
            per_group_per_min=per_group_per_min,
            methods=frozenset(m.lower() for m in methods),
        )
        self._global_window.clear()
        self._chat_windows.clear()

    def clear_rate_limit(self) -> None:
        self._rate_limit = None

    def hang(
        self, seconds: float, methods: Iterable[str] = ("sendMessage", "sendDocument")
    ) -> None:
        """For ``seconds`` from now, calls of ``methods`` get no answer until the hang is over,
        then 502 Bad Gateway, as from a proxy in front of an API that stopped answering: they
        deliver nothing (a client that gave up meanwhile loses nothing)."""
        self._hang_until = time.monotonic() + seconds
        self._hang_methods = frozenset(m.lower() for m in methods)

    def reset_calls(self) -> None:
        self.calls.clear()
        self.count_429 = 0

    # ----------------------------------------------------------- inspection

    def calls_to(self, method: str, *, ok_only: bool = False) -> list[Call]:
        """Calls of ``method`` (case-insensitive), in arrival order."""
        wanted = method.lower()
        return [c for c in self.calls if c.method.lower() == wanted and (c.ok or not ok_only)]

    def sent_messages(self, chat_id: ChatId | None = None) -> list[JSONDict]:
        """Params of successful sendMessage calls (optionally to one chat)."""
        return [
            c.params
            for c in self.calls_to("sendMessage", ok_only=True)
            if chat_id is None or c.params.get("chat_id") == chat_id
        ]

    def sent_documents(self, chat_id: ChatId | None = None) -> list[StoredFile]:
        """Documents the bot uploaded with sendDocument (optionally to one chat)."""
        return [u for u in self.uploads if chat_id is None or u.chat_id == chat_id]

    # ------------------------------------------------------------- HTTP side

    async def _read_params(
        self, request: web.Request
    ) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
        params: dict[str, Any] = {}
        files: dict[str, UploadedFile] = {}
        for key, value in request.query.items():
            params[key] = _decode_form_value(key, value)
        if request.method not in ("POST", "PUT"):
            return params, files
        ctype = request.content_type
        if ctype == "application/json":
            raw = await request.read()
            if raw.strip():
                try:
                    body = json.loads(raw)
                except ValueError as exc:
                    raise _bad_request("can't parse JSON object") from exc
                if not isinstance(body, dict):
                    raise _bad_request("can't parse JSON object")
                params.update(body)
        elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for name, item in form.items():
                if isinstance(item, web.FileField):
                    files[name] = UploadedFile(
                        field=name,
                        filename=item.filename,
                        content=item.file.read(),
                        content_type=item.content_type,
                    )
                else:
                    params[name] = _decode_form_value(name, str(item))
        return params, files

    def _error_body(
        self, status: int, description: str, parameters: JSONDict | None = None
    ) -> JSONDict:
        body: JSONDict = {"ok": False, "error_code": status, "description": description}
        if parameters:
            body["parameters"] = parameters
        return body

    async def _handle_unknown_path(self, request: web.Request) -> web.Response:
        return web.json_response(self._error_body(404, "Not Found"), status=404)

    async def _handle_method(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        raw_method = request.match_info["method"]
        entry = self._handlers.get(raw_method.lower())
        call = Call(
            method=entry[0] if entry else raw_method,
            params={},
            token=token,
            at=time.time(),
            http_method=request.method,
        )
        self.calls.append(call)
        try:
            call.params, call.files = await self._read_params(request)
            if not _TOKEN_RE.match(token):
                raise TelegramAPIError(404, "Not Found")
            if self._expected_token is not None and token != self._expected_token:
                raise TelegramAPIError(401, "Unauthorized")
            if entry is None:
                raise TelegramAPIError(404, "Not Found")
            left = self._hang_until - time.monotonic()
            if left > 0 and entry[0].lower() in self._hang_methods:
                await asyncio.sleep(left)
                raise TelegramAPIError(502, "Bad Gateway")
            self._maybe_inject_failure(call)
            self._check_rate_limit(call)
            delay = self.delays.get(entry[0].lower())
            if delay:
                await asyncio.sleep(delay)
            result = await entry[1](call)
            body: JSONDict = {"ok": True, "result": result}
            if isinstance(result, _WithDescription):
                body = {"ok": True, "result": result.result, "description": result.description}
            status = 200
        except TelegramAPIError as exc:
            status = exc.status
            body = self._error_body(exc.status, exc.description, exc.parameters)
        if status == 429:
            self.count_429 += 1
        call.status = status
        call.response = body
        for listener in self.listeners:
            listener(call)
        return web.json_response(body, status=status)

    def _maybe_inject_failure(self, call: Call) -> None:
        for key in (call.method.lower(), "*"):
            queue = self._failures.get(key)
            if not queue:
                continue
            failure = queue[0]
            failure.remaining -= 1
            if failure.remaining <= 0:
                queue.popleft()
            parameters = (
                {"retry_after": failure.retry_after} if failure.retry_after is not None else None
            )
            raise TelegramAPIError(failure.status, failure.description, parameters)

    def _check_rate_limit(self, call: Call) -> None:
        limit = self._rate_limit
        if limit is None or call.method.lower() not in limit.methods:
            return
        chat_id = call.params.get("chat_id")
        now = time.monotonic()
        waits: list[float] = []
        _trim(self._global_window, now - 1.0)
        if limit.global_per_s is not None and len(self._global_window) >= limit.global_per_s:
            waits.append(self._global_window[0] + 1.0 - now)
        window: deque[float] | None = None
        if chat_id is not None:
            window = self._chat_windows.setdefault(chat_id, deque())
            _trim(window, now - 60.0)
            is_group = isinstance(chat_id, int) and chat_id < 0
            recent = [t for t in window if t > now - 1.0]
            if limit.per_chat_per_s is not None and len(recent) >= limit.per_chat_per_s:
                waits.append(recent[0] + 1.0 - now)
            if (
                is_group
                and limit.per_group_per_min is not None
                and len(window) >= limit.per_group_per_min
            ):
                waits.append(window[0] + 60.0 - now)
        if waits:
            retry_after = max(1, math.ceil(max(waits)))
            raise TelegramAPIError(
                429,
                f"Too Many Requests: retry after {retry_after}",
                {"retry_after": retry_after},
            )
        self._global_window.append(now)
        if window is not None:
            window.append(now)

    # --------------------------------------------------------------- chats

    def _chat_for(self, chat_id: ChatId, *, create: bool) -> JSONDict:
        chat = self._chats.get(chat_id)
        if chat is not None:
            return chat
        if not create:
            raise _bad_request("chat not found")
        if isinstance(chat_id, str):
            if not chat_id.startswith("@"):
                raise _bad_request("chat not found")
            numeric = -(10**12) - int(hashlib.sha256(chat_id.encode()).hexdigest()[:9], 16)
            chat = {"id": numeric, "type": "channel", "title": chat_id[1:], "username": chat_id[1:]}
            self._chats[numeric] = chat
        elif chat_id > 0:
            chat = {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
        elif chat_id <= -(10**12):
            chat = {"id": chat_id, "type": "supergroup", "title": f"Supergroup {chat_id}"}
        else:
            chat = {"id": chat_id, "type": "group", "title": f"Group {chat_id}"}
        self._chats[chat_id] = chat
        return chat

    def _target_chat(self, params: dict[str, Any]) -> JSONDict:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad_request("chat_id is empty")
        if isinstance(chat_id, str) and re.fullmatch(r"-?[0-9]+", chat_id):
            chat_id = params["chat_id"] = int(chat_id)
        if not isinstance(chat_id, (int, str)) or isinstance(chat_id, bool):
            raise _bad_request("chat not found")
        chat = self._chat_for(chat_id, create=not self.strict)
        blocked = self._blocked.get(chat_id) or self._blocked.get(chat["id"])
        if blocked is not None:
            raise TelegramAPIError(403, blocked)
        return chat

    def _alloc_message_id(self, chat_id: ChatId) -> int:
        next_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = next_id + 1
        return next_id

    def _new_bot_message(self, chat: JSONDict, token: str, **fields: Any) -> JSONDict:
        message: JSONDict = {
            "message_id": self._alloc_message_id(chat["id"]),
            "from": self.bot_user(token),
            "chat": chat,
            "date": int(time.time()),
        }
        message.update({k: v for k, v in fields.items() if v is not None})
        self._messages[(chat["id"], message["message_id"])] = message
        return message

    def _stored_message(self, params: dict[str, Any], *, verb: str) -> JSONDict:
        chat = self._target_chat(params)
        message_id = params.get("message_id")
        if message_id is None:
            raise _bad_request("message identifier is not specified")
        message = self._messages.get((chat["id"], int(message_id)))
        if message is None:
            raise _bad_request(f"message to {verb} not found")
        return message

    # ------------------------------------------------------- text handling

    def _formatted(
        self,
        text: Any,
        parse_mode: Any,
        entities: Any,
        *,
        empty_error: str,
        too_long_error: str,
        limit: int,
    ) -> tuple[str, list[JSONDict]]:
        if text is None or text == "":
            raise _bad_request(empty_error)
        text = str(text)
        if entities is not None and entities != []:
            plain, ents = text, list(entities)
        else:
            try:
                plain, ents = parse_formatted_text(text, parse_mode)
            except EntityParseError as exc:
                raise _bad_request(f"can't parse entities: {exc}") from exc
            except ValueError as exc:
                raise _bad_request("unsupported parse_mode") from exc
        plain, ents = strip_formatted_text(plain, ents)
        if not plain:
            raise _bad_request(empty_error)
        if len(plain) > limit:
            raise _bad_request(too_long_error)
        return plain, ents

    def _reply_markup(self, markup: Any) -> JSONDict | None:
        """Validate reply_markup; returns it if it's an inline keyboard (kept on Message)."""
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return None
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise _bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or "text" not in button:
                    raise _bad_request(
                        "can't parse inline keyboard button: Can't find field \"text\""
                    )
                kinds = set(button) - {"text", "style", "icon_custom_emoji_id"}
                if not kinds:
                    raise _bad_request(
                        "can't parse inline keyboard button: "
                        "Text buttons are unallowed in the inline keyboard"
                    )
                data = button.get("callback_data")
                if data is not None and not (1 <= len(str(data).encode("utf-8")) <= 64):
                    raise _bad_request("BUTTON_DATA_INVALID")
        return markup

    # ------------------------------------------------------------ methods

    async def _get_me(self, call: Call) -> JSONDict:
        user = self.bot_user(call.token)
        user.update(
            {
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
                "can_connect_to_business": False,
                "has_main_web_app": False,
            }
        )
        return user

    async def _send_message(self, call: Call) -> JSONDict:
        params = call.params
        chat = self._target_chat(params)
        text, entities = self._formatted(
            params.get("text"),
            params.get("parse_mode"),
            params.get("entities"),
            empty_error="message text is empty",
            too_long_error="message is too long",
            limit=_MAX_TEXT,
        )
        markup = self._reply_markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat, params)
        return self._new_bot_message(
            chat,
            call.token,
            text=text,
            entities=entities or None,
            reply_markup=markup,
            reply_to_message=reply_to,
        )

    def _reply_target(self, chat: JSONDict, params: dict[str, Any]) -> JSONDict | None:
        reply_parameters = params.get("reply_parameters")
        message_id = params.get("reply_to_message_id")
        allow_missing = bool(params.get("allow_sending_without_reply"))
        if isinstance(reply_parameters, dict):
            message_id = reply_parameters.get("message_id", message_id)
            allow_missing = bool(reply_parameters.get("allow_sending_without_reply", allow_missing))
        if message_id is None:
            return None
        target = self._messages.get((chat["id"], int(message_id)))
        if target is None and not allow_missing:
            raise _bad_request("message to be replied not found")
        if target is None:
            return None
        return {k: v for k, v in target.items() if k != "reply_to_message"}

    async def _answer_callback_query(self, call: Call) -> bool:
        params = call.params
        query_id = params.get("callback_query_id")
        if not query_id:
            raise TelegramAPIError(400, _ALREADY_ANSWERED)
        query_id = str(query_id)
        if query_id in self.answered_callback_queries:
            raise TelegramAPIError(400, _ALREADY_ANSWERED)
        if self.strict and query_id not in self._known_callback_queries:
            raise TelegramAPIError(400, _ALREADY_ANSWERED)
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise _bad_request("MESSAGE_TOO_LONG")
        self.answered_callback_queries[query_id] = dict(params)
        return True

    async def _set_webhook(self, call: Call) -> _WithDescription:
        params = call.params
        url = str(params.get("url") or "")
        if not url:
            self.webhook = None
            if params.get("drop_pending_updates"):
                self._updates.clear()
            return _WithDescription(True, "Webhook was deleted")
        parts = urlsplit(url)
        if parts.scheme != "https":
            raise _bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        port = parts.port or 443
        if port not in _WEBHOOK_PORTS:
            raise _bad_request(
                "bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
            )
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise _bad_request("secret token contains unallowed characters")
        max_connections = int(params.get("max_connections") or 40)
        if not 1 <= max_connections <= 100:
            raise _bad_request("bad webhook: max_connections must be between 1 and 100")
        if params.get("drop_pending_updates"):
            self._updates.clear()
        if params.get("allowed_updates") is not None:
            self._allowed_updates = list(params["allowed_updates"])
        already = self.webhook is not None and self.webhook.get("url") == url
        self.webhook = {
            "url": url,
            "secret_token": secret,
            "max_connections": max_connections,
            "ip_address": params.get("ip_address") or "149.154.167.220",
            "allowed_updates": params.get("allowed_updates"),
        }
        self._terminate_poll("Conflict: terminated by setWebhook request")
        return _WithDescription(True, "Webhook is already set" if already else "Webhook was set")

    async def _delete_webhook(self, call: Call) -> _WithDescription:
        if call.params.get("drop_pending_updates"):
            self._updates.clear()
        if self.webhook is None:
            return _WithDescription(True, "Webhook is already deleted")
        self.webhook = None
        return _WithDescription(True, "Webhook was deleted")

    @staticmethod
    def _commands_key(params: dict[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    async def _set_my_commands(self, call: Call) -> bool:
        params = call.params
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad_request("too many commands specified")
        for command in commands:
            if not isinstance(command, dict):
                raise _bad_request("can't parse BotCommand")
            if not _COMMAND_RE.fullmatch(str(command.get("command", ""))):
                raise _bad_request("BOT_COMMAND_INVALID")
            description = str(command.get("description", ""))
            if not 1 <= len(description) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        language = str(params.get("language_code") or "")
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise _bad_request("invalid language code specified")
        key = self._commands_key(params)
        if commands:
            self.commands[key] = [
                {"command": c["command"], "description": c["description"]} for c in commands
            ]
        else:
            self.commands.pop(key, None)
        return True

    @staticmethod
    def _description(params: dict[str, Any], name: str, limit: int) -> tuple[str, str]:
        language = str(params.get("language_code") or "")
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise _bad_request("invalid language code specified")
        text = str(params.get(name) or "")
        if len(text) > limit:
            raise _bad_request(f"{name.upper()}_INVALID")
        return language, text

    async def _set_my_description(self, call: Call) -> bool:
        """setMyDescription: 0-512 characters; empty removes the language's description."""
        language, text = self._description(call.params, "description", 512)
        if text:
            self.descriptions[language] = text
        else:
            self.descriptions.pop(language, None)
        return True

    async def _set_my_short_description(self, call: Call) -> bool:
        """setMyShortDescription: 0-120 characters; empty removes it."""
        language, text = self._description(call.params, "short_description", 120)
        if text:
            self.short_descriptions[language] = text
        else:
            self.short_descriptions.pop(language, None)
        return True

    def my_commands(self, language_code: str = "", scope: JSONDict | None = None) -> list[JSONDict]:
        """Commands stored by setMyCommands for a scope (default scope) and language."""
        key = self._commands_key({"scope": scope, "language_code": language_code})
        return list(self.commands.get(key, []))

    async def _get_updates(self, call: Call) -> list[JSONDict]:
        params = call.params
        if self.webhook is not None:
            raise TelegramAPIError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = params.get("offset")
        if offset is not None:
            offset = int(offset)
            if offset < 0:
                while len(self._updates) > -offset:
                    self._updates.popleft()
            else:
                while self._updates and int(self._updates[0]["update_id"]) < offset:
                    self._updates.popleft()
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        if params.get("allowed_updates") is not None:
            self._allowed_updates = list(params["allowed_updates"])
        timeout = max(float(params.get("timeout") or 0), 0.0)
        deadline = time.monotonic() + min(timeout, self.max_long_poll)

        self._terminate_poll(_DEFAULT_DESCRIPTIONS[409])
        generation = self._poll_generation
        while True:
            self._updates_event.clear()
            if generation != self._poll_generation:
                raise TelegramAPIError(409, self._poll_termination_reason)
            ready = [u for u in self._updates if self._allowed(u)]
            remaining = deadline - time.monotonic()
            if ready or remaining <= 0 or self._stopping:
                return ready[:limit]
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._updates_event.wait(), remaining)

    def _terminate_poll(self, reason: str) -> None:
        """Make a pending getUpdates (if any) answer 409 with ``reason``."""
        self._poll_generation += 1
        self._poll_termination_reason = reason
        self._updates_event.set()

    def _allowed(self, update: JSONDict) -> bool:
        kinds = [k for k in update if k != "update_id"]
        kind = kinds[0] if kinds else ""
        if self._allowed_updates:
            return kind in self._allowed_updates
        return kind not in _NOT_DEFAULT_UPDATES

    def _store_file(
        self,
        content: bytes,
        file_name: str | None,
        mime_type: str | None,
        chat_id: ChatId | None,
    ) -> StoredFile:
        number = next(self._file_counter)
        digest = hashlib.sha256(content).hexdigest()
        suffix = ""
        if file_name and "." in file_name:
            suffix = "." + file_name.rsplit(".", 1)[1]
        stored = StoredFile(
            file_id=f"BQACAgIAAxkBAAI{number:06d}{digest[:20]}",
            file_unique_id=f"AgAD{digest[:12]}",
            file_name=file_name,
            mime_type=mime_type,
            content=content,
            file_path=f"documents/file_{number}{suffix}",
            chat_id=chat_id,
        )
        self.files[stored.file_id] = stored
        return stored

    async def _send_document(self, call: Call) -> JSONDict:
        params = call.params
        chat = self._target_chat(params)
        upload = call.files.get("document")
        reference = params.get("document")
        if upload is not None:
            if not upload.content:
                raise _bad_request("file must be non-empty")
            if len(upload.content) > _MAX_UPLOAD:
                raise TelegramAPIError(413, "Request Entity Too Large")
            mime = upload.content_type
            if not mime or mime == "application/octet-stream":
                guessed = mimetypes.guess_type(upload.filename or "")[0]
                mime = guessed or mime
            stored = self._store_file(upload.content, upload.filename, mime, chat["id"])
            self.uploads.append(stored)
        elif isinstance(reference, str) and reference in self.files:
            stored = self.files[reference]
        elif isinstance(reference, str) and reference.startswith(("http://", "https://")):
            name = urlsplit(reference).path.rsplit("/", 1)[-1] or "file"
            stored = self._store_file(b"", name, mimetypes.guess_type(name)[0], chat["id"])
        elif reference is None or reference == "":
            raise _bad_request("there is no document in the request")
        else:
            raise _bad_request("wrong file identifier/HTTP URL specified")
        caption: str | None = None
        caption_entities: list[JSONDict] = []
        if params.get("caption"):
            caption, caption_entities = self._formatted(
                params.get("caption"),
                params.get("parse_mode"),
                params.get("caption_entities"),
                empty_error="message caption is empty",
                too_long_error="message caption is too long",
                limit=_MAX_CAPTION,
            )
        document: JSONDict = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
        }
        if stored.file_name:
            document["file_name"] = stored.file_name
        if stored.mime_type:
            document["mime_type"] = stored.mime_type
        return self._new_bot_message(
            chat,
            call.token,
            document=document,
            caption=caption,
            caption_entities=caption_entities or None,
            reply_markup=self._reply_markup(params.get("reply_markup")),
            reply_to_message=self._reply_target(chat, params),
        )


@dataclass
class _WithDescription:
    result: Any
    description: str


def _trim(window: deque[float], older_than: float) -> None:
    while window and window[0] <= older_than:
        window.popleft()


def _set_or_drop(target: JSONDict, key: str, value: Any) -> None:
    if value is None:
        target.pop(key, None)
    else:
        target[key] = value


def _decode_form_value(key: str, value: str) -> Any:
    """Undo PTB's form encoding: non-string values are JSON-dumped."""
    if key in _STRING_PARAMS:
        return value
    if key == "chat_id" or key in _FILE_PARAMS:
        if re.fullmatch(r"-?[0-9]+", value) and key == "chat_id":
            return int(value)
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value
