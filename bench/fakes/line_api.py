"""A fake LINE Messaging API (https://developers.line.biz/en/reference/messaging-api/).

Two servers on 127.0.0.1 share one state: ``api_base_url`` stands for
``https://api.line.me`` and ``data_base_url`` for ``https://api-data.line.me``
(rich menu images, message content). Point line-bot-sdk v3 at them with one
``Configuration`` per host, as the real hosts differ::

    async with FakeLine() as line:
        api = AsyncMessagingApi(AsyncApiClient(Configuration(
            host=line.api_base_url, access_token=line.channel_access_token)))
        blob = AsyncMessagingApiBlob(AsyncApiClient(Configuration(
            host=line.data_base_url, access_token=line.channel_access_token)))

Error bodies follow the documented ``{"message": ..., "details": [...]}`` shape,
every response carries ``x-line-request-id``, and ``X-Line-Retry-Key`` on
push/multicast is honoured (409 + ``x-line-accepted-request-id``, no second
delivery). Module-level helpers build signed webhook requests.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import itertools
import json
import re
import secrets
import struct
import time
import uuid
import zlib
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

JSONDict = dict[str, Any]

__all__ = [
    "DEFAULT_LINE_CHANNEL_ACCESS_TOKEN",
    "DEFAULT_LINE_CHANNEL_SECRET",
    "Delivery",
    "FakeLine",
    "LineAPIError",
    "LineCall",
    "RichMenu",
    "image_size",
    "line_follow_event",
    "line_postback_event",
    "line_signature",
    "line_sticker_message_event",
    "line_text_message_event",
    "line_unfollow_event",
    "line_webhook_body",
    "line_webhook_request",
    "make_line_id",
    "make_png",
]

DEFAULT_LINE_CHANNEL_ACCESS_TOKEN = "fake-line-channel-access-token"
DEFAULT_LINE_CHANNEL_SECRET = "fake-line-channel-secret"

AUTH_FAILED = (
    "Authentication failed. Confirm that the access token in the authorization header is valid."
)
AUTH_REQUIRED = (
    "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'"
)
RATE_LIMITED = "The API rate limit has been exceeded. Try again later."
MONTHLY_LIMIT = "You have reached your monthly limit."
RETRY_KEY_ACCEPTED = "The retry key is already accepted"

_DEFAULT_MESSAGES: dict[int, str] = {
    400: "The request body has 1 error(s)",
    401: AUTH_FAILED,
    403: "Access to this API is not available for your account",
    404: "Not found",
    409: RETRY_KEY_ACCEPTED,
    413: "Request Entity Too Large",
    415: "Unsupported Media Type",
    429: RATE_LIMITED,
    500: "Internal server error",
    503: "Service unavailable",
}

_ID_RE = re.compile(r"^[UCR][0-9a-f]{32}$")
_USER_ID_RE = re.compile(r"^U[0-9a-f]{32}$")
_RICH_MENU_ID_RE = re.compile(r"^richmenu-[0-9a-f]{32}$")
_ALIAS_ID_RE = re.compile(r"^[a-z0-9_-]{1,32}$")
_UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
_RETRY_KEY_PATHS = (
    "/v2/bot/message/push",
    "/v2/bot/message/multicast",
    "/v2/bot/message/narrowcast",
    "/v2/bot/message/broadcast",
)
_MESSAGE_TYPES = (
    "text",
    "textV2",
    "sticker",
    "image",
    "video",
    "audio",
    "location",
    "imagemap",
    "template",
    "flex",
    "coupon",
)
_QUOTABLE_TYPES = {"text", "textV2", "sticker", "image", "video"}
_ACTION_TYPES = (
    "postback",
    "message",
    "uri",
    "datetimepicker",
    "camera",
    "cameraRoll",
    "location",
    "richmenuswitch",
    "clipboard",
)
_MAX_IMAGE_BYTES = 1024 * 1024


class LineAPIError(Exception):
    """Raised by handlers; becomes an error response with ``body``."""

    def __init__(
        self,
        status: int,
        message: str,
        details: list[JSONDict] | None = None,
        *,
        extra: JSONDict | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body: JSONDict = {"message": message}
        if details is not None:
            self.body["details"] = details
        if extra:
            self.body.update(extra)
        self.headers = headers or {}


def _body_errors(details: list[JSONDict]) -> LineAPIError:
    return LineAPIError(400, f"The request body has {len(details)} error(s)", details)


@dataclass
class LineCall:
    """One request the fake received (also rejected ones: see ``status``)."""

    method: str
    path: str
    host: str  # "api" or "data"
    headers: dict[str, str]
    body: bytes
    json: Any
    at: float
    status: int = 0
    request_id: str = ""
    retry_key: str | None = None
    response: Any = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass
class Delivery:
    """One message object delivered to one recipient."""

    recipient: str
    message: JSONDict
    via: str  # "reply", "push" or "multicast"
    message_id: str
    retry_key: str | None
    request_id: str
    at: float
    notification_disabled: bool = False
    reply_token: str | None = None


@dataclass
class RichMenu:
    rich_menu_id: str
    body: JSONDict
    image: bytes | None = None
    image_content_type: str | None = None

    def as_response(self) -> JSONDict:
        return {
            "richMenuId": self.rich_menu_id,
            "size": self.body["size"],
            "selected": self.body["selected"],
            "name": self.body["name"],
            "chatBarText": self.body["chatBarText"],
            "areas": self.body["areas"],
        }


@dataclass
class _ReplyToken:
    user_id: str
    issued_at: float
    used: bool = False


@dataclass
class _AcceptedKey:
    request_id: str
    at: float
    sent_messages: list[JSONDict] | None


@dataclass
class _Failure:
    prefix: str
    status: int
    message: str
    remaining: int
    method: str | None
    after_processing: bool


# ------------------------------------------------------------------ helpers


def make_line_id(seed: str | int | None = None, kind: str = "U") -> str:
    """A well-formed LINE id: ``U``/``C``/``R`` + 32 hex chars (random without seed)."""
    if seed is None:
        return kind + secrets.token_hex(16)
    return kind + hashlib.md5(str(seed).encode(), usedforsecurity=False).hexdigest()


def make_png(width: int = 2500, height: int = 1686) -> bytes:
    """A valid (white, grayscale) PNG of the given size, small enough for uploads."""
    row = b"\x00" + b"\xff" * width
    raw = zlib.compress(row * height, 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def image_size(data: bytes) -> tuple[str, int, int] | None:
    """``(format, width, height)`` of a PNG or JPEG, or None if unrecognised."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24 and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return "png", int(width), int(height)
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                i += 2
                continue
            length = struct.unpack(">H", data[i + 2 : i + 4])[0]
            if marker in (
                0xC0,
                0xC1,
                0xC2,
                0xC3,
                0xC5,
                0xC6,
                0xC7,
                0xC9,
                0xCA,
                0xCB,
                0xCD,
                0xCE,
                0xCF,
            ):
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return "jpeg", int(width), int(height)
            i += 2 + length
    return None


def line_signature(channel_secret: str, body: bytes) -> str:
    """``x-line-signature`` for ``body``: base64(HMAC-SHA256(channel secret, body))."""
    digest = hmac.new(channel_secret.encode("utf-8"), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _webhook_event_id() -> str:
    """A ULID, the format of ``webhookEventId``."""
    value = (int(time.time() * 1000) << 80) | secrets.randbits(80)
    return "".join(_CROCKFORD[(value >> (5 * i)) & 31] for i in reversed(range(26)))


def _numeric_id() -> str:
    return str(secrets.randbelow(9 * 10**17) + 10**17)


def _source(user_id: str, group_id: str | None, room_id: str | None) -> JSONDict:
    if group_id is not None:
        return {"type": "group", "groupId": group_id, "userId": user_id}
    if room_id is not None:
        return {"type": "room", "roomId": room_id, "userId": user_id}
    return {"type": "user", "userId": user_id}


def _event(
    event_type: str,
    user_id: str,
    *,
    reply_token: str | None,
    timestamp: int | None,
    webhook_event_id: str | None,
    is_redelivery: bool,
    mode: str,
    group_id: str | None,
    room_id: str | None,
) -> JSONDict:
    event: JSONDict = {"type": event_type}
    if reply_token is not None:
        event["replyToken"] = reply_token
    event.update(
        {
            "source": _source(user_id, group_id, room_id),
            "timestamp": timestamp if timestamp is not None else int(time.time() * 1000),
            "mode": mode,
            "webhookEventId": webhook_event_id or _webhook_event_id(),
            "deliveryContext": {"isRedelivery": is_redelivery},
        }
    )
    return event


def line_text_message_event(
    user_id: str,
    text: str,
    *,
    reply_token: str | None = None,
    message_id: str | None = None,
    timestamp: int | None = None,
    webhook_event_id: str | None = None,
    is_redelivery: bool = False,
    mode: str = "active",
    group_id: str | None = None,
    room_id: str | None = None,
) -> JSONDict:
    """A ``message`` event with a text message (replyToken random unless given)."""
    event = _event(
        "message",
        user_id,
        reply_token=reply_token or secrets.token_hex(16),
        timestamp=timestamp,
        webhook_event_id=webhook_event_id,
        is_redelivery=is_redelivery,
        mode=mode,
        group_id=group_id,
        room_id=room_id,
    )
    event["message"] = {
        "id": message_id or _numeric_id(),
        "type": "text",
        "quoteToken": secrets.token_urlsafe(48),
        "markAsReadToken": secrets.token_urlsafe(24),
        "text": text,
    }
    return event


def line_sticker_message_event(
    user_id: str,
    *,
    package_id: str = "446",
    sticker_id: str = "1988",
    sticker_resource_type: str = "STATIC",
    keywords: list[str] | None = None,
    reply_token: str | None = None,
    message_id: str | None = None,
    timestamp: int | None = None,
    webhook_event_id: str | None = None,
    is_redelivery: bool = False,
    mode: str = "active",
    group_id: str | None = None,
    room_id: str | None = None,
) -> JSONDict:
    """A ``message`` event with a sticker message."""
    event = _event(
        "message",
        user_id,
        reply_token=reply_token or secrets.token_hex(16),
        timestamp=timestamp,
        webhook_event_id=webhook_event_id,
        is_redelivery=is_redelivery,
        mode=mode,
        group_id=group_id,
        room_id=room_id,
    )
    message: JSONDict = {
        "type": "sticker",
        "id": message_id or _numeric_id(),
        "quoteToken": secrets.token_urlsafe(48),
        "markAsReadToken": secrets.token_urlsafe(24),
        "stickerId": sticker_id,
        "packageId": package_id,
        "stickerResourceType": sticker_resource_type,
    }
    if keywords is not None:
        message["keywords"] = keywords
    event["message"] = message
    return event


def line_postback_event(
    user_id: str,
    data: str,
    *,
    params: JSONDict | None = None,
    reply_token: str | None = None,
    timestamp: int | None = None,
    webhook_event_id: str | None = None,
    is_redelivery: bool = False,
    mode: str = "active",
    group_id: str | None = None,
    room_id: str | None = None,
) -> JSONDict:
    """A ``postback`` event (button/rich-menu action with ``data``)."""
    event = _event(
        "postback",
        user_id,
        reply_token=reply_token or secrets.token_hex(16),
        timestamp=timestamp,
        webhook_event_id=webhook_event_id,
        is_redelivery=is_redelivery,
        mode=mode,
        group_id=group_id,
        room_id=room_id,
    )
    postback: JSONDict = {"data": data}
    if params is not None:
        postback["params"] = params
    event["postback"] = postback
    return event


def line_follow_event(
    user_id: str,
    *,
    is_unblocked: bool = False,
    reply_token: str | None = None,
    timestamp: int | None = None,
    webhook_event_id: str | None = None,
    is_redelivery: bool = False,
    mode: str = "active",
) -> JSONDict:
    """A ``follow`` event (friend added, or unblocked when ``is_unblocked``)."""
    event = _event(
        "follow",
        user_id,
        reply_token=reply_token or secrets.token_hex(16),
        timestamp=timestamp,
        webhook_event_id=webhook_event_id,
        is_redelivery=is_redelivery,
        mode=mode,
        group_id=None,
        room_id=None,
    )
    event["follow"] = {"isUnblocked": is_unblocked}
    return event


def line_unfollow_event(
    user_id: str,
    *,
    timestamp: int | None = None,
    webhook_event_id: str | None = None,
    is_redelivery: bool = False,
    mode: str = "active",
) -> JSONDict:
    """An ``unfollow`` event (user blocked the account); it has no replyToken."""
    return _event(
        "unfollow",
        user_id,
        reply_token=None,
        timestamp=timestamp,
        webhook_event_id=webhook_event_id,
        is_redelivery=is_redelivery,
        mode=mode,
        group_id=None,
        room_id=None,
    )


def line_webhook_body(events: Iterable[JSONDict], destination: str) -> bytes:
    """The webhook request body ``{"destination": ..., "events": [...]}`` as bytes."""
    payload = {"destination": destination, "events": list(events)}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def line_webhook_request(
    channel_secret: str, events: Iterable[JSONDict], destination: str
) -> tuple[bytes, dict[str, str]]:
    """Body and headers of a signed webhook POST, as the LINE Platform sends it."""
    body = line_webhook_body(events, destination)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "LineBotWebhook/2.0",
        "x-line-signature": line_signature(channel_secret, body),
    }
    return body, headers


# --------------------------------------------------------------- validation


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _check_length(
    details: list[JSONDict], value: Any, prop: str, maximum: int, *, required: bool
) -> None:
    if value is None or value == "":
        if required:
            details.append({"message": "must be specified", "property": prop})
        return
    if not isinstance(value, str):
        details.append({"message": "must be a string", "property": prop})
    elif _utf16_len(value) > maximum:
        details.append({"message": f"Length must be between 0 and {maximum}", "property": prop})


def _validate_action(
    details: list[JSONDict], action: Any, prop: str, *, label_required: bool
) -> None:
    if not isinstance(action, dict):
        details.append({"message": "must be specified", "property": prop})
        return
    action_type = action.get("type")
    if action_type not in _ACTION_TYPES:
        details.append(
            {
                "message": "Must be one of the following values: ["
                + ", ".join(_ACTION_TYPES)
                + "]",
                "property": f"{prop}.type",
            }
        )
        return
    _check_length(details, action.get("label"), f"{prop}.label", 20, required=label_required)
    if action_type == "postback":
        _check_length(details, action.get("data"), f"{prop}.data", 300, required=True)
        _check_length(
            details, action.get("displayText"), f"{prop}.displayText", 300, required=False
        )
    elif action_type == "message":
        _check_length(details, action.get("text"), f"{prop}.text", 300, required=True)
    elif action_type == "uri":
        uri = action.get("uri")
        _check_length(details, uri, f"{prop}.uri", 1000, required=True)
        if isinstance(uri, str) and uri and not re.match(r"^(https?|line|tel):", uri):
            details.append({"message": "invalid uri", "property": f"{prop}.uri"})
    elif action_type == "datetimepicker":
        _check_length(details, action.get("data"), f"{prop}.data", 300, required=True)
        if action.get("mode") not in ("date", "time", "datetime"):
            details.append({"message": "must be specified", "property": f"{prop}.mode"})
    elif action_type == "richmenuswitch":
        _check_length(
            details, action.get("richMenuAliasId"), f"{prop}.richMenuAliasId", 32, required=True
        )
        _check_length(details, action.get("data"), f"{prop}.data", 300, required=True)


def _validate_message(details: list[JSONDict], message: Any, prop: str) -> None:
    if not isinstance(message, dict):
        details.append({"message": "must be specified", "property": prop})
        return
    message_type = message.get("type")
    if message_type is None:
        details.append({"message": "must be specified", "property": f"{prop}.type"})
        return
    if message_type not in _MESSAGE_TYPES:
        details.append(
            {
                "message": "Must be one of the following values: ["
                + ", ".join(_MESSAGE_TYPES)
                + "]",
                "property": f"{prop}.type",
            }
        )
        return
    if message_type in ("text", "textV2"):
        text = message.get("text")
        if text is None or text == "":
            details.append({"message": "May not be empty", "property": f"{prop}.text"})
        else:
            _check_length(details, text, f"{prop}.text", 5000, required=True)
    elif message_type == "sticker":
        for key in ("packageId", "stickerId"):
            if not message.get(key):
                details.append({"message": "must be specified", "property": f"{prop}.{key}"})
    elif message_type in ("image", "video"):
        for key in ("originalContentUrl", "previewImageUrl"):
            _check_length(details, message.get(key), f"{prop}.{key}", 2000, required=True)
    elif message_type == "audio":
        _check_length(
            details,
            message.get("originalContentUrl"),
            f"{prop}.originalContentUrl",
            2000,
            required=True,
        )
        if not isinstance(message.get("duration"), int):
            details.append({"message": "must be specified", "property": f"{prop}.duration"})
    elif message_type == "location":
        _check_length(details, message.get("title"), f"{prop}.title", 100, required=True)
        _check_length(details, message.get("address"), f"{prop}.address", 100, required=True)
        for key in ("latitude", "longitude"):
            if not isinstance(message.get(key), (int, float)):
                details.append({"message": "must be specified", "property": f"{prop}.{key}"})
    elif message_type == "flex":
        _check_length(details, message.get("altText"), f"{prop}.altText", 1500, required=True)
        contents = message.get("contents")
        if not isinstance(contents, dict) or contents.get("type") not in ("bubble", "carousel"):
            details.append({"message": "must be specified", "property": f"{prop}.contents"})
        elif contents["type"] == "carousel":
            bubbles = contents.get("contents")
            if not isinstance(bubbles, list) or not 1 <= len(bubbles) <= 12:
                details.append(
                    {
                        "message": "Size must be between 1 and 12",
                        "property": f"{prop}.contents.contents",
                    }
                )
    elif message_type == "template":
        _check_length(details, message.get("altText"), f"{prop}.altText", 400, required=True)
        _validate_template(details, message.get("template"), f"{prop}.template")
    elif message_type == "imagemap":
        _check_length(details, message.get("baseUrl"), f"{prop}.baseUrl", 2000, required=True)
        _check_length(details, message.get("altText"), f"{prop}.altText", 1500, required=True)

    quick_reply = message.get("quickReply")
    if quick_reply is not None:
        items = quick_reply.get("items") if isinstance(quick_reply, dict) else None
        if not isinstance(items, list):
            details.append({"message": "must be specified", "property": f"{prop}.quickReply.items"})
        elif len(items) > 13:
            details.append(
                {"message": "Size must be between 0 and 13", "property": f"{prop}.quickReply.items"}
            )
        else:
            for j, item in enumerate(items):
                item_prop = f"{prop}.quickReply.items[{j}]"
                if not isinstance(item, dict) or item.get("type", "action") != "action":
                    details.append(
                        {"message": "must be specified", "property": f"{item_prop}.type"}
                    )
                    continue
                _check_length(
                    details, item.get("imageUrl"), f"{item_prop}.imageUrl", 2000, required=False
                )
                action = item.get("action")
                label_required = not (
                    isinstance(action, dict)
                    and action.get("type") in ("camera", "cameraRoll", "location")
                )
                _validate_action(
                    details, action, f"{item_prop}.action", label_required=label_required
                )
    sender = message.get("sender")
    if isinstance(sender, dict):
        _check_length(details, sender.get("name"), f"{prop}.sender.name", 20, required=False)


def _validate_template(details: list[JSONDict], template: Any, prop: str) -> None:
    if not isinstance(template, dict):
        details.append({"message": "must be specified", "property": prop})
        return
    template_type = template.get("type")
    if template_type == "buttons":
        _check_length(details, template.get("text"), f"{prop}.text", 160, required=True)
        actions = template.get("actions")
        if not isinstance(actions, list) or not 1 <= len(actions) <= 4:
            details.append(
                {"message": "Size must be between 1 and 4", "property": f"{prop}.actions"}
            )
        else:
            for k, action in enumerate(actions):
                _validate_action(details, action, f"{prop}.actions[{k}]", label_required=True)
    elif template_type == "confirm":
        _check_length(details, template.get("text"), f"{prop}.text", 240, required=True)
        actions = template.get("actions")
        if not isinstance(actions, list) or len(actions) != 2:
            details.append(
                {"message": "Size must be between 2 and 2", "property": f"{prop}.actions"}
            )
        else:
            for k, action in enumerate(actions):
                _validate_action(details, action, f"{prop}.actions[{k}]", label_required=True)
    elif template_type in ("carousel", "image_carousel"):
        columns = template.get("columns")
        if not isinstance(columns, list) or not 1 <= len(columns) <= 10:
            details.append(
                {"message": "Size must be between 1 and 10", "property": f"{prop}.columns"}
            )
        else:
            for k, column in enumerate(columns):
                col_prop = f"{prop}.columns[{k}]"
                if not isinstance(column, dict):
                    details.append({"message": "must be specified", "property": col_prop})
                    continue
                if template_type == "image_carousel":
                    _validate_action(
                        details, column.get("action"), f"{col_prop}.action", label_required=False
                    )
                    continue
                col_actions = column.get("actions")
                if not isinstance(col_actions, list) or not 1 <= len(col_actions) <= 3:
                    details.append(
                        {
                            "message": "Size must be between 1 and 3",
                            "property": f"{col_prop}.actions",
                        }
                    )
                else:
                    for m, action in enumerate(col_actions):
                        _validate_action(
                            details, action, f"{col_prop}.actions[{m}]", label_required=True
                        )
    else:
        details.append(
            {
                "message": "Must be one of the following values: [buttons, confirm, carousel, image_carousel]",
                "property": f"{prop}.type",
            }
        )


def _validate_messages(body: JSONDict) -> list[JSONDict]:
    details: list[JSONDict] = []
    messages = body.get("messages")
    if not isinstance(messages, list) or not 1 <= len(messages) <= 5:
        details.append({"message": "Size must be between 1 and 5", "property": "messages"})
        return details
    for i, message in enumerate(messages):
        _validate_message(details, message, f"messages[{i}]")
    return details


def _validate_rich_menu(body: Any) -> list[JSONDict]:
    details: list[JSONDict] = []
    if not isinstance(body, dict):
        return [{"message": "must be specified", "property": "size"}]
    size = body.get("size")
    width: Any = 0
    height: Any = 0
    if not isinstance(size, dict):
        details.append({"message": "must be specified", "property": "size"})
    else:
        width, height = size.get("width"), size.get("height")
        if not isinstance(width, int) or not 800 <= width <= 2500:
            details.append({"message": "must be between 800 and 2500", "property": "size.width"})
        if not isinstance(height, int) or height < 250:
            details.append(
                {"message": "must be greater than or equal to 250", "property": "size.height"}
            )
        elif isinstance(width, int) and width / height < 1.45:
            details.append({"message": "aspect ratio must be 1.45 or more", "property": "size"})
    if not isinstance(body.get("selected"), bool):
        details.append({"message": "must be specified", "property": "selected"})
    _check_length(details, body.get("name"), "name", 300, required=True)
    _check_length(details, body.get("chatBarText"), "chatBarText", 14, required=True)
    areas = body.get("areas")
    if not isinstance(areas, list):
        details.append({"message": "must be specified", "property": "areas"})
    elif len(areas) > 20:
        details.append({"message": "Size must be between 0 and 20", "property": "areas"})
    else:
        for i, area in enumerate(areas):
            prop = f"areas[{i}]"
            bounds = area.get("bounds") if isinstance(area, dict) else None
            if not isinstance(bounds, dict) or not all(
                isinstance(bounds.get(k), int) for k in ("x", "y", "width", "height")
            ):
                details.append({"message": "must be specified", "property": f"{prop}.bounds"})
            elif (
                isinstance(width, int)
                and isinstance(height, int)
                and width
                and height
                and (
                    bounds["x"] < 0
                    or bounds["y"] < 0
                    or bounds["x"] + bounds["width"] > width
                    or bounds["y"] + bounds["height"] > height
                )
            ):
                details.append(
                    {"message": "bounds is out of the rich menu", "property": f"{prop}.bounds"}
                )
            action = area.get("action") if isinstance(area, dict) else None
            _validate_action(details, action, f"{prop}.action", label_required=False)
    return details


# --------------------------------------------------------------------- fake

_CALL_KEY = web.RequestKey("line_call", LineCall)

Handler = Callable[[web.Request, LineCall], Awaitable[tuple[int, Any]]]


class FakeLine:
    """Fake LINE Messaging API (api + api-data hosts). See the module docstring.

    Args:
        channel_access_token: the only bearer token accepted.
        channel_secret: used by :meth:`webhook_request` to sign webhooks.
        bot_user_id: the bot's user id (``destination`` of webhooks, ``/v2/bot/info``).
        quota: monthly target limit (``{"type": "limited", "value": quota}``);
            ``None`` gives ``{"type": "none"}``. Push/multicast beyond it get 429.
        known_users_only: push/multicast/link to users never registered with
            :meth:`add_profile`/:meth:`add_user` answer 400 "Failed to send messages".
        reply_token_ttl: seconds a reply token stays valid (docs: one minute).
    """

    def __init__(
        self,
        channel_access_token: str = DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
        *,
        channel_secret: str = DEFAULT_LINE_CHANNEL_SECRET,
        bot_user_id: str | None = None,
        quota: int | None = None,
        known_users_only: bool = False,
        reply_token_ttl: float | None = 60.0,
        retry_key_ttl: float = 24 * 3600.0,
    ) -> None:
        self.channel_access_token = channel_access_token
        self.channel_secret = channel_secret
        self.bot_user_id = bot_user_id or make_line_id("confbot-bot")
        self.quota = quota
        self.known_users_only = known_users_only
        self.reply_token_ttl = reply_token_ttl
        self.retry_key_ttl = retry_key_ttl

        self.calls: list[LineCall] = []
        self.deliveries: list[Delivery] = []
        self.total_usage = 0
        self.count_429 = 0
        self.profiles: dict[str, JSONDict] = {}
        self.rich_menus: dict[str, RichMenu] = {}
        self.rich_menu_aliases: dict[str, str] = {}
        self.default_rich_menu_id: str | None = None
        self.user_rich_menus: dict[str, str] = {}
        self.loading_animations: list[JSONDict] = []

        self.listeners: list[Callable[[LineCall], None]] = []
        """Called with each call once answered (benchmarks time replies with it)."""

        self._users: set[str] = set()
        self._reply_tokens: dict[str, _ReplyToken] = {}
        self._accepted_keys: dict[str, _AcceptedKey] = {}
        self._failures: list[_Failure] = []
        self._hang_until = 0.0
        self._hang_prefixes: tuple[str, ...] = ()
        self._rate_limit_per_s: int | None = None
        self._rate_per_endpoint = True
        self._windows: dict[str, deque[float]] = {}
        self._message_ids = itertools.count(500_000_000_000_000_001)
        self._runners: list[web.AppRunner] = []
        self._api_port: int | None = None
        self._data_port: int | None = None

    # ------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Start both hosts on 127.0.0.1 random ports."""
        api = web.Application(middlewares=[self._middleware("api")])
        for method, path, handler in (
            ("POST", "/v2/bot/message/reply", self._reply),
            ("POST", "/v2/bot/message/push", self._push),
            ("POST", "/v2/bot/message/multicast", self._multicast),
            ("GET", "/v2/bot/message/quota", self._get_quota),
            ("GET", "/v2/bot/message/quota/consumption", self._get_consumption),
            ("GET", "/v2/bot/profile/{userId}", self._get_profile),
            ("POST", "/v2/bot/richmenu", self._create_rich_menu),
            ("POST", "/v2/bot/richmenu/alias", self._create_alias),
            ("GET", "/v2/bot/richmenu/alias/{aliasId}", self._get_alias),
            ("POST", "/v2/bot/richmenu/alias/{aliasId}", self._update_alias),
            ("DELETE", "/v2/bot/richmenu/{richMenuId}", self._delete_rich_menu),
            ("POST", "/v2/bot/user/all/richmenu/{richMenuId}", self._set_default),
            ("POST", "/v2/bot/user/{userId}/richmenu/{richMenuId}", self._link_user),
        ):
            api.router.add_route(method, path, self._wrap(handler))
        data = web.Application(
            middlewares=[self._middleware("data")], client_max_size=16 * 1024 * 1024
        )
        for method, path, handler in (
            ("POST", "/v2/bot/richmenu/{richMenuId}/content", self._upload_image),
        ):
            data.router.add_route(method, path, self._wrap(handler))
        ports: list[int] = []
        for app in (api, data):
            runner = web.AppRunner(app, shutdown_timeout=0.5, access_log=None)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", 0).start()
            self._runners.append(runner)
            ports.append(int(runner.addresses[0][1]))
        self._api_port, self._data_port = ports

    async def stop(self) -> None:
        for runner in self._runners:
            await runner.cleanup()
        self._runners.clear()

    async def __aenter__(self) -> FakeLine:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def api_base_url(self) -> str:
        """Stands for ``https://api.line.me``: use as ``Configuration(host=...)``."""
        if self._api_port is None:
            raise RuntimeError("FakeLine is not started")
        return f"http://127.0.0.1:{self._api_port}"

    @property
    def data_base_url(self) -> str:
        """Stands for ``https://api-data.line.me`` (AsyncMessagingApiBlob)."""
        if self._data_port is None:
            raise RuntimeError("FakeLine is not started")
        return f"http://127.0.0.1:{self._data_port}"

    # ------------------------------------------------------------- test API

    def add_user(self, user_id: str) -> None:
        """Mark a user as a friend of the account (for ``known_users_only``)."""
        self._users.add(user_id)

    def add_profile(
        self,
        user_id: str,
        display_name: str,
        language: str | None = None,
        *,
        picture_url: str | None = None,
        status_message: str | None = None,
    ) -> None:
        """Register a profile returned by GET /v2/bot/profile/{userId}."""
        profile: JSONDict = {"displayName": display_name, "userId": user_id}
        if language is not None:
            profile["language"] = language
        if picture_url is not None:
            profile["pictureUrl"] = picture_url
        if status_message is not None:
            profile["statusMessage"] = status_message
        self.profiles[user_id] = profile
        self._users.add(user_id)

    def issue_reply_token(self, user_id: str) -> str:
        """A fresh single-use reply token bound to ``user_id``."""
        token = secrets.token_hex(16)
        self.register_reply_token(token, user_id)
        return token

    def register_reply_token(self, token: str, user_id: str) -> None:
        """Accept an externally built reply token (e.g. from a recorded webhook)."""
        self._reply_tokens[token] = _ReplyToken(user_id=user_id, issued_at=time.monotonic())

    def reply_token_used(self, token: str) -> bool:
        entry = self._reply_tokens.get(token)
        return entry is not None and entry.used

    def set_quota(self, value: int | None) -> None:
        self.quota = value

    def fail_next(
        self,
        path_prefix: str,
        status: int,
        count: int = 1,
        *,
        message: str | None = None,
        method: str | None = None,
        after_processing: bool = False,
    ) -> None:
        """Answer the next ``count`` requests whose path starts with ``path_prefix``
        with ``status`` and the documented body for it.

        ``after_processing=True`` performs the request (messages delivered,
        retry key accepted) and then answers the error: the lost-response case
        the retry key exists for.
        """
        self._failures.append(
            _Failure(
                prefix=path_prefix,
                status=status,
                message=message or _DEFAULT_MESSAGES.get(status, "Internal server error"),
                remaining=count,
                method=method.upper() if method else None,
                after_processing=after_processing,
            )
        )

    def hang(
        self,
        seconds: float,
        path_prefixes: tuple[str, ...] = (
            "/v2/bot/message/reply",
            "/v2/bot/message/push",
            "/v2/bot/message/multicast",
        ),
    ) -> None:
        """For ``seconds`` from now, requests to these paths get no answer until the hang is
        over, then 502 Bad Gateway, as from a proxy in front of an API that stopped answering:
        nothing is delivered, no reply token is used."""
        self._hang_until = time.monotonic() + seconds
        self._hang_prefixes = path_prefixes

    def rate_limit(self, requests_per_s: int | None = 2000, *, per_endpoint: bool = True) -> None:
        """Answer 429 beyond ``requests_per_s`` (sliding 1 s window, per endpoint
        like the real API unless ``per_endpoint=False``). ``None`` disables it."""
        self._rate_limit_per_s = requests_per_s
        self._rate_per_endpoint = per_endpoint
        self._windows.clear()

    def reset_calls(self) -> None:
        self.calls.clear()
        self.deliveries.clear()
        self.count_429 = 0

    # ----------------------------------------------------------- inspection

    def calls_to(
        self, path: str, method: str | None = None, *, ok_only: bool = False
    ) -> list[LineCall]:
        """Calls whose path equals ``path`` (or starts with it if it ends with '/')."""
        return [
            c
            for c in self.calls
            if (c.path == path or (path.endswith("/") and c.path.startswith(path)))
            and (method is None or c.method == method.upper())
            and (c.ok or not ok_only)
        ]

    def deliveries_to(self, recipient: str) -> list[Delivery]:
        return [d for d in self.deliveries if d.recipient == recipient]

    def delivered_texts(self, recipient: str | None = None) -> list[str]:
        return [
            str(d.message.get("text"))
            for d in self.deliveries
            if (recipient is None or d.recipient == recipient) and "text" in d.message
        ]

    # ------------------------------------------------------------ webhooks

    def text_message_event(self, user_id: str, text: str, **kwargs: Any) -> JSONDict:
        """A text message event whose replyToken this fake accepts."""
        return line_text_message_event(
            user_id, text, reply_token=self.issue_reply_token(user_id), **kwargs
        )

    def sticker_message_event(self, user_id: str, **kwargs: Any) -> JSONDict:
        return line_sticker_message_event(
            user_id, reply_token=self.issue_reply_token(user_id), **kwargs
        )

    def postback_event(self, user_id: str, data: str, **kwargs: Any) -> JSONDict:
        return line_postback_event(
            user_id, data, reply_token=self.issue_reply_token(user_id), **kwargs
        )

    def follow_event(self, user_id: str, **kwargs: Any) -> JSONDict:
        self._users.add(user_id)
        return line_follow_event(user_id, reply_token=self.issue_reply_token(user_id), **kwargs)

    def unfollow_event(self, user_id: str, **kwargs: Any) -> JSONDict:
        self._users.discard(user_id)
        return line_unfollow_event(user_id, **kwargs)

    def webhook_request(self, events: Iterable[JSONDict]) -> tuple[bytes, dict[str, str]]:
        """Signed webhook body + headers for this channel (destination = bot user id)."""
        return line_webhook_request(self.channel_secret, events, self.bot_user_id)

    # ------------------------------------------------------------ plumbing

    def _middleware(self, host: str) -> Any:
        @web.middleware
        async def middleware(
            request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
        ) -> web.StreamResponse:
            request_id = str(uuid.uuid4())
            raw = await request.read()
            parsed: Any = None
            if raw and request.content_type == "application/json":
                try:
                    parsed = json.loads(raw)
                except ValueError:
                    parsed = None
            call = LineCall(
                method=request.method,
                path=request.path,
                host=host,
                headers=dict(request.headers),
                body=raw,
                json=parsed,
                at=time.time(),
                request_id=request_id,
                retry_key=request.headers.get("X-Line-Retry-Key"),
            )
            self.calls.append(call)
            request[_CALL_KEY] = call
            try:
                self._check_auth(request)
                if call.retry_key is not None and request.path not in _RETRY_KEY_PATHS:
                    raise LineAPIError(
                        400, "X-Line-Retry-Key header is not supported for this endpoint"
                    )
                self._check_rate_limit(request)
                response = await handler(request)
            except web.HTTPNotFound:
                response = web.json_response({"message": "Not found"}, status=404)
            except web.HTTPMethodNotAllowed:
                response = web.json_response({"message": "Method Not Allowed"}, status=405)
            except LineAPIError as exc:
                response = web.json_response(exc.body, status=exc.status, headers=exc.headers)
            except web.HTTPException as exc:
                response = web.json_response({"message": exc.reason}, status=exc.status)
            response.headers["x-line-request-id"] = request_id
            call.status = response.status
            if isinstance(response, web.Response) and response.body is not None:
                body_bytes = response.body if isinstance(response.body, bytes) else b""
                if response.content_type == "application/json":
                    try:
                        call.response = json.loads(body_bytes)
                    except ValueError:
                        call.response = None
            if response.status == 429:
                self.count_429 += 1
            for listener in self.listeners:
                listener(call)
            return response

        return middleware

    def _check_auth(self, request: web.Request) -> None:
        auth = request.headers.get("Authorization")
        if not auth or not auth.startswith("Bearer "):
            raise LineAPIError(401, AUTH_REQUIRED)
        if auth[len("Bearer ") :] != self.channel_access_token:
            raise LineAPIError(401, AUTH_FAILED)

    def _check_rate_limit(self, request: web.Request) -> None:
        if self._rate_limit_per_s is None:
            return
        resource = request.match_info.route.resource
        endpoint = "*"
        if self._rate_per_endpoint:
            endpoint = resource.canonical if resource is not None else request.path
        key = f"{request.method} {endpoint}"
        window = self._windows.setdefault(key, deque())
        now = time.monotonic()
        while window and window[0] <= now - 1.0:
            window.popleft()
        if len(window) >= self._rate_limit_per_s:
            raise LineAPIError(429, RATE_LIMITED)
        window.append(now)

    def _take_failure(self, request: web.Request) -> _Failure | None:
        for failure in self._failures:
            if request.path.startswith(failure.prefix) and (
                failure.method is None or failure.method == request.method
            ):
                failure.remaining -= 1
                if failure.remaining <= 0:
                    self._failures.remove(failure)
                return failure
        return None

    def _wrap(self, handler: Handler) -> Callable[[web.Request], Awaitable[web.Response]]:
        async def wrapped(request: web.Request) -> web.Response:
            call = request[_CALL_KEY]
            left = self._hang_until - time.monotonic()
            if left > 0 and request.path.startswith(self._hang_prefixes):
                await asyncio.sleep(left)
                raise LineAPIError(502, "Bad Gateway")
            failure = self._take_failure(request)
            if failure is not None and not failure.after_processing:
                raise LineAPIError(failure.status, failure.message)
            status, payload = await handler(request, call)
            if failure is not None:
                raise LineAPIError(failure.status, failure.message)
            if isinstance(payload, web.Response):
                return payload
            return web.json_response(payload, status=status)

        return wrapped

    @staticmethod
    def _json_body(call: LineCall) -> JSONDict:
        if not isinstance(call.json, dict):
            raise LineAPIError(400, "The request body is not a valid JSON object")
        return call.json

    def _check_retry_key(self, call: LineCall) -> None:
        key = call.retry_key
        if key is None:
            return
        if not _UUID_RE.match(key):
            raise LineAPIError(400, "The value of the X-Line-Retry-Key header is invalid")
        accepted = self._accepted_keys.get(key)
        if accepted is not None and time.monotonic() - accepted.at < self.retry_key_ttl:
            extra = {"sentMessages": accepted.sent_messages} if accepted.sent_messages else None
            raise LineAPIError(
                409,
                RETRY_KEY_ACCEPTED,
                extra=extra,
                headers={"x-line-accepted-request-id": accepted.request_id},
            )

    def _accept_retry_key(self, call: LineCall, sent: list[JSONDict] | None) -> None:
        if call.retry_key is not None:
            self._accepted_keys[call.retry_key] = _AcceptedKey(
                request_id=call.request_id, at=time.monotonic(), sent_messages=sent
            )

    def _deliver(
        self,
        recipient: str,
        messages: list[JSONDict],
        via: str,
        call: LineCall,
        *,
        notification_disabled: bool,
        reply_token: str | None = None,
    ) -> list[JSONDict]:
        sent: list[JSONDict] = []
        for message in messages:
            message_id = str(next(self._message_ids))
            self.deliveries.append(
                Delivery(
                    recipient=recipient,
                    message=message,
                    via=via,
                    message_id=message_id,
                    retry_key=call.retry_key,
                    request_id=call.request_id,
                    at=time.time(),
                    notification_disabled=notification_disabled,
                    reply_token=reply_token,
                )
            )
            entry: JSONDict = {"id": message_id}
            if message.get("type") in _QUOTABLE_TYPES:
                entry["quoteToken"] = secrets.token_urlsafe(48)
            sent.append(entry)
        return sent

    def _check_quota(self, recipients: int) -> None:
        if self.quota is not None and self.total_usage + recipients > self.quota:
            raise LineAPIError(429, MONTHLY_LIMIT)

    # ------------------------------------------------------------ messages

    async def _reply(self, request: web.Request, call: LineCall) -> tuple[int, Any]:
        body = self._json_body(call)
        details: list[JSONDict] = []
        if not body.get("replyToken"):
            details.append({"message": "must be specified", "property": "replyToken"})
        details.extend(_validate_messages(body))
        if details:
            raise _body_errors(details)
        entry = self._reply_tokens.get(str(body["replyToken"]))
        expired = (
            entry is not None
            and self.reply_token_ttl is not None
            and time.monotonic() - entry.issued_at > self.reply_token_ttl
        )
        if entry is None or entry.used or expired:
            raise LineAPIError(400, "Invalid reply token")
        entry.used = True
        sent = self._deliver(
            entry.user_id,
            body["messages"],
            "reply",
            call,
            notification_disabled=bool(body.get("notificationDisabled", False)),
            reply_token=str(body["replyToken"]),
        )
        return 200, {"sentMessages": sent}

    async def _push(self, request: web.Request, call: LineCall) -> tuple[int, Any]:
        self._check_retry_key(call)
        body = self._json_body(call)
        details: list[JSONDict] = []
        to = body.get("to")
        if not to:
            details.append({"message": "must be specified", "property": "to"})
        details.extend(_validate_messages(body))
        if details:
            raise _body_errors(details)
        if not isinstance(to, str) or not _ID_RE.match(to):
            raise LineAPIError(
                400, "The property, 'to', in the request body is invalid (line: -, column: -)"
            )
        if self.known_users_only and to.startswith("U") and to not in self._users:
            raise LineAPIError(400, "Failed to send messages")
        self._check_quota(1)
        sent = self._deliver(
            to,
            body["messages"],
            "push",
            call,
            notification_disabled=bool(body.get("notificationDisabled", False)),
        )
        self.total_usage += 1
        self._accept_retry_key(call, sent)
        return 200, {"sentMessages": sent}

    async def _multicast(self, request: web.Request, call: LineCall) -> tuple[int, Any]:
        self._check_retry_key(call)
        body = self._json_body(call)
        details: list[JSONDict] = []
        to = body.get("to")
        if not isinstance(to, list) or not 1 <= len(to) <= 500:
            details.append({"message": "Size must be between 1 and 500", "property": "to"})
        details.extend(_validate_messages(body))
        if details:
            raise _body_errors(details)
        assert isinstance(to, list)
        for index, user_id in enumerate(to):
            if not isinstance(user_id, str) or not _USER_ID_RE.match(user_id):
                raise LineAPIError(
                    400,
                    f"The property, to[{index}], in the request body is invalid (line: -, column: -)",
                )
            if self.known_users_only and user_id not in self._users:
                raise LineAPIError(400, "Failed to send messages")
        self._check_quota(len(to))
        for user_id in to:
            self._deliver(
                user_id,
                body["messages"],
                "multicast",
                call,
                notification_disabled=bool(body.get("notificationDisabled", False)),
            )
        self.total_usage += len(to)
        self._accept_retry_key(call, None)
        return 200, {}

    async def _get_quota(self, request: web.Request, call: LineCall) -> tuple[int, Any]:
        if self.quota is None:
            return 200, {"type": "none"}
        return 200, {"type": "limited", "value": self.quota}

    async def _get_consumption(self, request: web.Request, call: LineCall) -> tuple[int, Any]:
        return 200, {"totalUsage": self.total_usage}

    async def _get_profile(self, request: web.Request, call: LineCall) -> tuple[int, Any]:
        user_id = request.match_info["userId"]
        if not _USER_ID_RE.match(user_id):
            raise LineAPIError(400, "The value for the 'userId' parameter is invalid")
        profile = self.profiles.get(user_id)
        if profile is None:
            raise LineAPIError(404, "Not found")
        return 200, profile

    # ---------------------------------------------------------- rich menus

    def _menu(self, rich_menu_id: str, *, not_found: str = "Not found") -> RichMenu:
        menu = self.rich_menus.get(rich_menu_id)
        if menu is None:
            raise LineAPIError(404, not_found, None if not_found == "Not found" else [])
        return menu

    async def _create_rich_menu(self, request: web.Request, call: LineCall) -> tuple[int, Any]:
        details = _validate_rich_menu(call.json)
        if details:
            raise _body_errors(details)
        if len(self.rich_menus) >= 1000:
            raise LineAPIError(400, "The number of rich menus exceeds the limit")
        rich_menu_id = "richmenu-" + secrets.token_hex(16)
        self.rich_menus[rich_menu_id] = RichMenu(rich_menu_id=rich_menu_id, body=dict(call.json))
        return 200, {"richMenuId": rich_menu_id}

    async def _delete_rich_menu(self, request: web.Request, call: LineCall) -> tuple[int, Any]:
        rich_menu_id = request.match_info["richMenuId"]
        self._menu(rich_menu_id)
        del self.rich_menus[rich_menu_id]
        if self.default_rich_menu_id == rich_menu_id:
            self.default_rich_menu_id = None
        for user_id in [u for u, m in self.user_rich_menus.items() if m == rich_menu_id]:
            del self.user_rich_menus[user_id]
        return 200, {}

    def _menu_with_image(self, rich_menu_id: str) -> RichMenu:
        menu = self._menu(rich_menu_id)
        if menu.image is None:
            raise LineAPIError(400, "must upload richmenu image before applying it to user", [])
        return menu

    async def _set_default(self, request: web.Request, call: LineCall) -> tuple[int, Any]:
        menu = self._menu_with_image(request.match_info["richMenuId"])
        self.default_rich_menu_id = menu.rich_menu_id
        return 200, {}

    async def _link_user(self, request: web.Request, call: LineCall) -> tuple[int, Any]:
        user_id = request.match_info["userId"]
        if not _USER_ID_RE.match(user_id):
            raise LineAPIError(400, "The value for the 'userId' parameter is invalid")
        menu = self._menu_with_image(request.match_info["richMenuId"])
        self.user_rich_menus[user_id] = menu.rich_menu_id
        return 200, {}

    def _bulk_users(self, body: JSONDict) -> list[str]:
        user_ids = body.get("userIds")
        if not isinstance(user_ids, list) or not 1 <= len(user_ids) <= 500:
            raise _body_errors(
                [{"message": "Size must be between 1 and 500", "property": "userIds"}]
            )
        for index, user_id in enumerate(user_ids):
            if not isinstance(user_id, str) or not _USER_ID_RE.match(user_id):
                raise LineAPIError(
                    400,
                    f"The property, 'userIds[{index}]', in the request body is invalid (line: -, column: -)",
                )
        return [str(u) for u in user_ids]

    async def _create_alias(self, request: web.Request, call: LineCall) -> tuple[int, Any]:
        body = self._json_body(call)
        alias_id = body.get("richMenuAliasId")
        rich_menu_id = body.get("richMenuId")
        details: list[JSONDict] = []
        if not isinstance(alias_id, str) or not _ALIAS_ID_RE.match(alias_id):
            details.append({"message": "invalid richMenuAliasId", "property": "richMenuAliasId"})
        if not isinstance(rich_menu_id, str) or not _RICH_MENU_ID_RE.match(rich_menu_id):
            details.append({"message": "invalid richMenuId", "property": "richMenuId"})
        if details:
            raise _body_errors(details)
        assert isinstance(alias_id, str) and isinstance(rich_menu_id, str)
        menu = self.rich_menus.get(rich_menu_id)
        if menu is None or menu.image is None:
            raise LineAPIError(400, "richmenu not found", [])
        if alias_id in self.rich_menu_aliases:
            raise LineAPIError(400, "conflict richmenu alias id", [])
        if len(self.rich_menu_aliases) >= 1000:
            raise LineAPIError(400, "The number of rich menu aliases exceeds the limit", [])
        self.rich_menu_aliases[alias_id] = rich_menu_id
        return 200, {}

    async def _get_alias(self, request: web.Request, call: LineCall) -> tuple[int, Any]:
        alias_id = request.match_info["aliasId"]
        if alias_id not in self.rich_menu_aliases:
            raise LineAPIError(404, "richmenu alias not found", [])
        return 200, {"richMenuAliasId": alias_id, "richMenuId": self.rich_menu_aliases[alias_id]}

    async def _update_alias(self, request: web.Request, call: LineCall) -> tuple[int, Any]:
        """POST /v2/bot/richmenu/alias/{richMenuAliasId}: point an alias at another menu."""
        alias_id = request.match_info["aliasId"]
        rich_menu_id = self._json_body(call).get("richMenuId")
        if not isinstance(rich_menu_id, str) or not _RICH_MENU_ID_RE.match(rich_menu_id):
            raise _body_errors([{"message": "invalid richMenuId", "property": "richMenuId"}])
        if alias_id not in self.rich_menu_aliases:
            raise LineAPIError(400, "richmenu alias not found", [])
        menu = self.rich_menus.get(rich_menu_id)
        if menu is None or menu.image is None:
            raise LineAPIError(400, "richmenu not found", [])
        self.rich_menu_aliases[alias_id] = rich_menu_id
        return 200, {}

    # ------------------------------------------------------------ data host

    async def _upload_image(self, request: web.Request, call: LineCall) -> tuple[int, Any]:
        menu = self._menu(request.match_info["richMenuId"])
        if request.content_type not in ("image/jpeg", "image/png"):
            raise LineAPIError(415, _DEFAULT_MESSAGES[415])
        if menu.image is not None:
            raise LineAPIError(400, "An image has already been uploaded to the richmenu")
        data = call.body
        info = image_size(data)
        if info is None or len(data) > _MAX_IMAGE_BYTES:
            raise LineAPIError(400, "The image size is not allowed for richmenu")
        _, width, height = info
        size = menu.body.get("size", {})
        if (
            not 800 <= width <= 2500
            or height < 250
            or width / height < 1.45
            or (width, height) != (size.get("width"), size.get("height"))
        ):
            raise LineAPIError(400, "The image size is not allowed for richmenu")
        menu.image = data
        menu.image_content_type = request.content_type
        return 200, {}
