"""Local fake servers for the Telegram Bot API and the LINE Messaging API.

Tests and benchmarks point python-telegram-bot / line-bot-sdk at these
instead of the real platforms. See :mod:`bench.fakes.telegram_api` and
:mod:`bench.fakes.line_api`.
"""

from .line_api import (
    DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
    DEFAULT_LINE_CHANNEL_SECRET,
    Delivery,
    FakeLine,
    LineAPIError,
    LineCall,
    RichMenu,
    image_size,
    line_follow_event,
    line_postback_event,
    line_signature,
    line_sticker_message_event,
    line_text_message_event,
    line_unfollow_event,
    line_webhook_body,
    line_webhook_request,
    make_line_id,
    make_png,
)
from .telegram_api import (
    DEFAULT_TELEGRAM_TOKEN,
    Call,
    FakeTelegram,
    StoredFile,
    TelegramAPIError,
    UploadedFile,
    build_callback_query_update,
    build_message_update,
    build_telegram_user,
    telegram_webhook_headers,
)

__all__ = [
    "DEFAULT_LINE_CHANNEL_ACCESS_TOKEN",
    "DEFAULT_LINE_CHANNEL_SECRET",
    "DEFAULT_TELEGRAM_TOKEN",
    "Call",
    "Delivery",
    "FakeLine",
    "FakeTelegram",
    "LineAPIError",
    "LineCall",
    "RichMenu",
    "StoredFile",
    "TelegramAPIError",
    "UploadedFile",
    "build_callback_query_update",
    "build_message_update",
    "build_telegram_user",
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
    "telegram_webhook_headers",
]
