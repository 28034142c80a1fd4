"""The LINE channel: line-bot-sdk v3's async client, answering with the reply API.

`POST /line/webhook` checks X-Line-Signature on the raw body, then hands the events to a
`UpdateRunner` task (one per delegate, so that one delegate's events keep their order). Buttons
become quick replies, session cards a Flex carousel.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from linebot.v3 import WebhookParser
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.messaging import (
    AsyncApiClient,
    AsyncMessagingApi,
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

from bot.channels.base import ServeContext
from bot.channels.body import BodyTooLarge, read_body, too_large
from bot.channels.line.api import configuration
from bot.channels.line.render import MAX_MESSAGES, render_json
from bot.channels.turns import converse
from handlers.core.messages import Event, Incoming, Reply
from handlers.core.store import delegate_exists
from handlers.notify.held import settle_waiting, take_waiting

log = logging.getLogger(__name__)

CHANNEL = "line"
# Rich menus created by `confbot line richmenu` (richmenu.py beside this), found again by alias.
RICH_MENU_LANGUAGES = ("fr", "ja", "en")


def rich_menu_alias(language: str) -> str:
    return f"confbot-{language}"


class LineChannel:
    def __init__(self, context: ServeContext) -> None:
        self.settings, self.deps, self.updates = context.settings, context.deps, context.updates
        self.conversation = context.conversation
        self.metrics = context.metrics.channel(CHANNEL)
        self.parser = WebhookParser(self.settings.line_channel_secret.get_secret_value())
        self.client: AsyncApiClient | None = None
        self.api: Any = None
        self.rich_menus: dict[str, str] = {}
        self._known: set[str] = set()  # delegates this process has seen: no profile to read

    async def start(self) -> None:
        """The HTTP client (made here: it needs the running loop) and the rich menu ids."""
        self.client = AsyncApiClient(configuration(self.settings, self.settings.line_api_base_url))
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
        if not signature:  # refused before the body is read
            return self._refuse("missing signature")
        try:
            body = await read_body(request)
        except BodyTooLarge:
            return too_large(self.metrics, CHANNEL)
        try:
            payload = self.parser.parse(body.decode("utf-8"), signature, as_payload=True)
        except InvalidSignatureError:
            return self._refuse("invalid signature")
        except Exception as exc:  # bad UTF-8, bad JSON, no "events": all the sender's fault
            return self._refuse(f"malformed body ({type(exc).__name__})")
        if self.updates.closing:
            return JSONResponse({"error": "shutting down"}, status_code=503)
        received = time.perf_counter()
        by_source: dict[str, list[Any]] = {}
        for event in payload.events or []:
            by_source.setdefault(self._source_key(event), []).append(event)
        for key, events in by_source.items():
            await self.updates.submit(
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
        replies = await converse(self.conversation, metrics, message, f"line:{event_id}")
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
        await settle_waiting(self.deps, held, delivered=sent)
        await self._link_rich_menu(message, replies)

    async def _held_back(self, user_id: str, replies: list[Reply]) -> tuple[list[int], list[Reply]]:
        """Notifications that waited for LINE's monthly quota ride along with the reply (replies
        are free): as many as fit in its five messages."""
        room = MAX_MESSAGES - len(render_json(tuple(replies)))
        if room <= 0:
            return [], []
        try:
            ids, extra = await take_waiting(self.deps, CHANNEL, user_id, limit=room)
        except Exception:
            log.exception("line: could not read held-back messages of %s", user_id)
            return [], []
        while extra and len(render_json((*replies, *extra))) > MAX_MESSAGES:
            extra.pop()
            ids.pop()
        return ids, extra

    async def _incoming(self, event: Any, event_id: str) -> Incoming | None:
        if getattr(getattr(event, "source", None), "type", "user") != "user":
            return None  # a group or a room: not a delegate, and nothing personal goes there
        user_id = self._source_key(event)
        now = self.deps.clock()
        if isinstance(event, MessageEvent | PostbackEvent):
            name, language = await self._first_contact(user_id)
            message = Incoming(
                CHANNEL,
                user_id,
                now,
                display_name=name,
                language_hint=language,
                files=False,
                update_id=event_id,
            )
            if isinstance(event, PostbackEvent):
                return replace(message, payload=event.postback.data)
            if isinstance(event.message, TextMessageContent):
                return replace(message, text=event.message.text)
            return replace(message, event=Event.UNSUPPORTED)
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

    async def _first_contact(self, user_id: str) -> tuple[str, str | None]:
        """The profile of someone the bot does not know yet, whatever their first event (a
        message after a database move, a rich menu tap): without it, a delegate whose LINE is
        in Japanese would be answered, and pushed to, in the default language."""
        if user_id in self._known:
            return "", None
        async with self.deps.sessionmaker() as db:
            known = await delegate_exists(db, channel=CHANNEL, user_id=user_id)
        if len(self._known) > 100_000:
            self._known.clear()
        self._known.add(user_id)
        return ("", None) if known else await self._profile(user_id)

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
        first = message.event is Event.FOLLOW or message.language_hint is not None
        if not first and not command.startswith("/lang "):
            return
        language = replies[-1].language
        menu = self.rich_menus.get(language) or self.rich_menus.get("fr")
        if menu is None:
            return
        try:
            await self.api.link_rich_menu_id_to_user(message.user_id, menu)
        except Exception as exc:
            log.warning("line: rich menu link for %s failed: %s", message.user_id, exc)
