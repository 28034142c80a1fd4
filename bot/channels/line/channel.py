"""The LINE channel: line-bot-sdk v3's async client, answering with the reply API.

`POST /line/webhook` checks X-Line-Signature on the raw body, then hands the events to a
`UpdateRunner` task (one per delegate, so that one delegate's events keep their order). Buttons
become quick replies, session cards a Flex carousel.
"""

from __future__ import annotations

import logging
import time
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from linebot.v3 import WebhookParser
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.messaging import (
    AsyncApiClient,
    AsyncMessagingApi,
    AsyncMessagingApiBlob,
    Configuration,
    FlexMessage,
    PostbackAction,
    QuickReply,
    QuickReplyItem,
    TextMessage,
)
from linebot.v3.messaging.exceptions import ApiException
from linebot.v3.webhooks import (
    FollowEvent,
    MessageEvent,
    PostbackEvent,
    TextMessageContent,
    UnfollowEvent,
)
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.app import App
from bot.channels.runner import Metrics, UpdateRunner, converse
from bot.dispatcher import settle_waiting, take_waiting
from bot.settings import Settings
from handlers.core.messages import Button, Event, Incoming, Reply, SessionCard

log = logging.getLogger(__name__)

CHANNEL = "line"
# Limits from https://developers.line.biz/en/reference/messaging-api/ (counted in UTF-16 units):
MAX_MESSAGES = 5  # reply API: "Max: 5" message objects per request
MAX_TEXT = 5000  # text message: "Max character limit: 5000"
MAX_QUICK_REPLIES = 13  # quick reply: "Max: 13 objects"
MAX_LABEL = 20  # quick reply action label: "Max character limit: 20"
MAX_BUBBLES = 12  # Flex carousel: "Max: 12 bubbles"
MAX_ALT_TEXT = 400  # altText: "Max character limit: 400" (older docs; the stricter value)
MAX_DATA = 300  # postback data: "Max character limit: 300"
# Rich menus created by `confbot line richmenu` (richmenu.py beside this), found again by alias.
RICH_MENU_LANGUAGES = ("fr", "ja")


def rich_menu_alias(language: str) -> str:
    return f"confbot-{language}"


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fit(text: str, limit: int) -> str:
    """At most `limit` UTF-16 units, cut on a character and ended with an ellipsis if cut."""
    text = unicodedata.normalize("NFC", text)
    if _utf16(text) <= limit:
        return text
    cut = text
    while _utf16(cut) > limit - 1:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def _split_text(text: str) -> list[str]:
    """Texts of at most MAX_TEXT, split at line breaks where possible."""
    pieces: list[str] = []
    rest = text
    while _utf16(rest) > MAX_TEXT:
        cut = MAX_TEXT  # characters; emoji outside the BMP take two units, hence the loop
        while _utf16(rest[:cut]) > MAX_TEXT:
            cut -= 1
        newline = rest.rfind("\n", cut // 2, cut)
        cut = newline if newline > 0 else cut
        pieces.append(rest[:cut])
        rest = rest[cut:].lstrip("\n")
    pieces.append(rest)
    return [p for p in pieces if p.strip()]


# --------------------------------------------------------------------------------- rendering


def _bubble(card: SessionCard) -> dict[str, Any]:
    title = f"{card.title} {card.status_label}".rstrip()
    body: list[dict[str, Any]] = [
        {
            "type": "box",
            "layout": "vertical",
            "contents": [{"type": "filler"}],
            "height": "6px",
            "backgroundColor": card.colour,
            "cornerRadius": "3px",
        },
        {
            "type": "text",
            "text": card.track_label or card.track,
            "size": "xs",
            "color": card.colour,
            "weight": "bold",
            "wrap": True,
            "margin": "md",
        },
        {"type": "text", "text": title, "weight": "bold", "size": "md", "wrap": True},
        {"type": "text", "text": f"{card.day} {card.time}", "size": "sm", "wrap": True},
        {"type": "text", "text": card.room, "size": "sm", "color": "#555555", "wrap": True},
    ]
    if card.cancelled:
        body[2]["color"] = "#C0392B"
    bubble: dict[str, Any] = {
        "type": "bubble",
        "size": "kilo",
        "body": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": body},
    }
    buttons = [
        {
            "type": "button",
            "style": "link",
            "height": "sm",
            "action": _postback(b).to_dict(),
        }
        for b in card.buttons[:3]
    ]
    if buttons:
        bubble["footer"] = {"type": "box", "layout": "vertical", "contents": buttons}
    return bubble


def _postback(button: Button) -> PostbackAction:
    label = fit(button.label, MAX_LABEL)
    return PostbackAction(label=label, data=button.payload[:MAX_DATA], display_text=label)


def _flex(reply: Reply) -> FlexMessage:
    return _flex_of(reply.text, reply.cards).copy()  # quick replies are set on the copy


@lru_cache(maxsize=2048)
def _flex_of(text: str, cards: tuple[SessionCard, ...]) -> FlexMessage:
    # Building the SDK's models is the costliest part of a LINE reply, and the same carousels
    # (a day's programme, the workshops) are sent again and again: built once per content.
    first_line = next((line for line in text.split("\n") if line.strip()), text)
    carousel = {
        "type": "carousel",
        "contents": [_bubble(c) for c in cards[:MAX_BUBBLES]],
    }
    return FlexMessage.from_dict(
        {"type": "flex", "altText": fit(first_line, MAX_ALT_TEXT), "contents": carousel}
    )


def _quick_reply(replies: Sequence[Reply]) -> QuickReply | None:
    seen: set[str] = set()
    items: list[QuickReplyItem] = []
    for button in (b for r in replies for b in r.buttons):
        if button.payload in seen or len(items) == MAX_QUICK_REPLIES:
            continue
        seen.add(button.payload)
        items.append(QuickReplyItem(action=_postback(button)))
    return QuickReply(items=items) if items else None


def render(replies: Sequence[Reply]) -> list[Any]:
    """At most five message objects: texts (cut at 5,000), a Flex carousel per card list, the
    buttons as quick replies on the last message (the only one LINE shows them on)."""
    messages: list[Any] = []
    for reply in replies:
        messages += [{"text": piece} for piece in _split_text(reply.text)]
        if reply.cards:
            messages.append(_flex(reply))
    messages = _merge_texts(messages)
    if len(messages) > MAX_MESSAGES:
        log.warning("line: %d messages for one reply, the last ones dropped", len(messages))
        messages = messages[:MAX_MESSAGES]
    built = [TextMessage(text=m["text"]) if isinstance(m, dict) else m for m in messages]
    quick = _quick_reply(replies)
    if built and quick is not None:
        built[-1].quick_reply = quick
    return built


@lru_cache(maxsize=4096)
def render_json(replies: tuple[Reply, ...]) -> tuple[dict[str, Any], ...]:
    """`render` as LINE's JSON, once per content: the SDK's models validate the messages when
    they are built, and a bot sends the same replies (a day's programme, the help) again and
    again. Serialising the models costs 0.2 to 1.4 ms of CPU per reply (pydantic v1)."""
    return tuple(message.to_dict() for message in render(replies))


def _merge_texts(messages: list[Any]) -> list[Any]:
    """Joins neighbouring texts while there are more than five messages and they fit."""
    merged = list(messages)
    i = 0
    while len(merged) > MAX_MESSAGES and i < len(merged) - 1:
        a, b = merged[i], merged[i + 1]
        if isinstance(a, dict) and isinstance(b, dict):
            joined = f"{a['text']}\n\n{b['text']}"
            if _utf16(joined) <= MAX_TEXT:
                merged[i : i + 2] = [{"text": joined}]
                continue
        i += 1
    return merged


# --------------------------------------------------------------------------------- the channel


def _configuration(settings: Settings, host: str) -> Configuration:
    configuration = Configuration(
        host=host, access_token=settings.line_channel_access_token.get_secret_value()
    )
    configuration.connection_pool_maxsize = settings.max_concurrent_updates + 8
    return configuration


class LineChannel:
    def __init__(self, app: App, metrics: Metrics, dispatcher: UpdateRunner) -> None:
        self.app, self.dispatcher = app, dispatcher
        self.metrics = metrics.channel(CHANNEL)
        self.parser = WebhookParser(app.settings.line_channel_secret.get_secret_value())
        self.client: AsyncApiClient | None = None
        self.api: Any = None
        self.rich_menus: dict[str, str] = {}

    async def start(self) -> None:
        """The HTTP client (made here: it needs the running loop) and the rich menu ids."""
        self.client = AsyncApiClient(
            _configuration(self.app.settings, self.app.settings.line_api_base_url)
        )
        self.api = AsyncMessagingApi(self.client)
        for language in RICH_MENU_LANGUAGES:
            try:
                alias = await self.api.get_rich_menu_alias(rich_menu_alias(language))
            except ApiException as exc:
                log.info("line: no rich menu alias %s (%s)", rich_menu_alias(language), exc.status)
                continue
            except Exception as exc:  # the server must start even when LINE cannot be reached
                log.warning("line: rich menu aliases unavailable: %s", exc)
                break
            self.rich_menus[language] = alias.rich_menu_id

    async def stop(self) -> None:
        if self.client is not None:
            await self.client.close()
            self.client = None

    # ------------------------------------------------------------------------- webhook

    async def webhook(self, request: Request) -> Response:
        signature = request.headers.get("x-line-signature")
        body = await request.body()
        if not signature:
            return self._refuse("missing signature")
        try:
            payload = self.parser.parse(body.decode("utf-8"), signature, as_payload=True)
        except InvalidSignatureError:
            return self._refuse("invalid signature")
        except Exception as exc:  # bad UTF-8, bad JSON, no "events": all the sender's fault
            return self._refuse(f"malformed body ({type(exc).__name__})")
        if self.dispatcher.closing:
            return JSONResponse({"error": "shutting down"}, status_code=503)
        received = time.perf_counter()
        by_source: dict[str, list[Any]] = {}
        for event in payload.events or []:
            by_source.setdefault(self._source_key(event), []).append(event)
        for key, events in by_source.items():
            await self.dispatcher.submit(
                self._process(events, received),
                name=f"line:{getattr(events[0], 'webhook_event_id', '?')}",
                key=f"line:{key}",
            )
        return Response(status_code=200)

    def _refuse(self, why: str) -> Response:
        self.metrics.error("webhook")
        log.warning("line: webhook refused: %s", why)
        return JSONResponse({"error": why}, status_code=400)

    @staticmethod
    def _source_key(event: Any) -> str:
        source = getattr(event, "source", None)
        for name in ("user_id", "group_id", "room_id"):
            value = getattr(source, name, None)
            if value:
                return str(value)
        return "-"

    # ------------------------------------------------------------------------ an event

    async def _process(self, events: list[Any], received: float) -> None:
        for event in events:
            self.metrics.in_flight.inc()
            try:
                await self._event(event, received)
            except Exception:
                self.metrics.error("handler")
                log.exception("line: event %s failed", getattr(event, "webhook_event_id", "?"))
            finally:
                self.metrics.in_flight.dec()

    async def _event(self, event: Any, received: float) -> None:
        metrics = self.metrics
        event_id = str(event.webhook_event_id)
        metrics.updates.inc()
        if getattr(event, "mode", None) == "standby":
            return  # another channel of the account answers (module mode): LINE forbids replying
        message = await self._incoming(event, event_id)
        if message is None:
            log.debug("line: %s event ignored", event.type)
            return
        replies = await converse(self.app, metrics, message, f"line:{event_id}")
        if replies is None:
            metrics.duplicates.inc()
            redelivery = getattr(event.delivery_context, "is_redelivery", False)
            log.info("line: event %s already processed (redelivery: %s)", event_id, redelivery)
            return
        replied = bool(replies and getattr(event, "reply_token", None))
        held: list[int] = []
        if replied and message.event is Event.MESSAGE:
            held, extra = await self._held_back(message.user_id, replies)
            replies = [*replies, *extra]
        sent = replied and await self._reply(event, replies, event_id)
        if sent:
            metrics.latency.observe(time.perf_counter() - received)
        await settle_waiting(self.app, held, delivered=sent)
        await self._link_rich_menu(message, replies)

    async def _held_back(self, user_id: str, replies: list[Reply]) -> tuple[list[int], list[Reply]]:
        """Notifications that waited for LINE's monthly quota ride along with the reply (replies
        are free): as many as fit in its five messages."""
        room = MAX_MESSAGES - len(render_json(tuple(replies)))
        if room <= 0:
            return [], []
        try:
            ids, extra = await take_waiting(self.app, CHANNEL, user_id, limit=room)
        except Exception:
            log.exception("line: could not read held-back messages of %s", user_id)
            return [], []
        while extra and len(render_json((*replies, *extra))) > MAX_MESSAGES:
            extra.pop()
            ids.pop()
        return ids, extra

    async def _incoming(self, event: Any, event_id: str) -> Incoming | None:
        user_id = self._source_key(event)
        now = self.app.deps.clock()
        if isinstance(event, MessageEvent):
            if isinstance(event.message, TextMessageContent):
                text = event.message.text
                return Incoming(CHANNEL, user_id, now, text=text, files=False, update_id=event_id)
            return Incoming(CHANNEL, user_id, now, event=Event.UNSUPPORTED, update_id=event_id)
        if isinstance(event, PostbackEvent):
            data = event.postback.data
            return Incoming(CHANNEL, user_id, now, payload=data, files=False, update_id=event_id)
        if isinstance(event, FollowEvent):
            name, language = await self._profile(user_id)
            return Incoming(
                CHANNEL,
                user_id,
                now,
                display_name=name,
                language_hint=language,
                event=Event.FOLLOW,
                update_id=event_id,
            )
        if isinstance(event, UnfollowEvent):
            return Incoming(CHANNEL, user_id, now, event=Event.UNFOLLOW, update_id=event_id)
        return None  # join, leave, beacon, unsend, videoPlayComplete…: nothing to answer

    async def _profile(self, user_id: str) -> tuple[str, str | None]:
        """Display name and app language (`language` is absent when the user hides it)."""
        try:
            profile = await self.api.get_profile(user_id)
        except Exception as exc:
            log.warning("line: profile of %s unavailable: %s", user_id, exc)
            return "", None
        return str(profile.display_name or ""), profile.language

    async def _reply(self, event: Any, replies: list[Reply], event_id: str) -> bool:
        messages = render_json(tuple(replies))
        if not messages:
            return False
        try:
            await self._post_reply(event.reply_token, messages)
        except Exception as exc:
            self.metrics.error("send")
            status = getattr(exc, "status", None)
            body = getattr(exc, "body", None)
            log.error("line: reply to event %s failed: %s %s", event_id, status or exc, body or "")
            return False
        self.metrics.replies.inc(len(messages))
        return True

    async def _post_reply(self, reply_token: str, messages: Sequence[dict[str, Any]]) -> None:
        """The reply API call as the SDK's `reply_message` makes it (same path, headers, auth and
        ApiException), given the messages as JSON already.

        `reply_message` validates its ReplyMessageRequest twice (pydantic v1 validate_arguments)
        and serialises every model again: with the messages of `render_json`, a LINE reply costs
        a third less CPU under load (bench/webhook_load.py)."""
        assert self.client is not None
        await self.client.call_api(
            "/v2/bot/message/reply",
            "POST",
            header_params={"Accept": "application/json", "Content-Type": "application/json"},
            body={"replyToken": reply_token, "messages": list(messages)},
            response_types_map={},  # the response (sentMessages ids) is not used
            auth_settings=["Bearer"],
            _return_http_data_only=True,
        )

    async def _link_rich_menu(self, message: Incoming, replies: list[Reply]) -> None:
        """Gives the delegate the rich menu of their language once it is known or changed."""
        command = (message.payload or message.text or "").strip()
        if not self.rich_menus or not replies:
            return
        if message.event is not Event.FOLLOW and not command.startswith("/lang "):
            return
        language = replies[-1].language
        menu = self.rich_menus.get(language) or self.rich_menus.get("fr")
        if menu is None:
            return
        try:
            await self.api.link_rich_menu_id_to_user(message.user_id, menu)
        except Exception as exc:
            log.warning("line: rich menu link for %s failed: %s", message.user_id, exc)


def blob_api(settings: Settings) -> tuple[AsyncApiClient, AsyncMessagingApiBlob]:
    """The content API client (rich menu images live on api-data.line.me)."""
    client = AsyncApiClient(_configuration(settings, settings.line_api_data_base_url))
    return client, AsyncMessagingApiBlob(client)


def messaging_api(settings: Settings) -> tuple[AsyncApiClient, AsyncMessagingApi]:
    client = AsyncApiClient(_configuration(settings, settings.line_api_base_url))
    return client, AsyncMessagingApi(client)
