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
from bot.channels.body import webhook_body
from bot.channels.line.api import configuration
from bot.channels.line.render import MAX_MESSAGES, render_json
from bot.channels.runner import Admission
from bot.channels.turns import converse, slow_down
from handlers.core.messages import Event, Incoming, Reply
from handlers.core.store import delegate_exists
from handlers.notify.held import settle_waiting, take_waiting
from handlers.notify.replies import hand_over

log = logging.getLogger(__name__)

CHANNEL = "line"
# Seconds a reply waits for LINE inside a turn before it is handed to the outbox to be pushed
# (the SDK's own default is five minutes).
REPLY_TIMEOUT = 5.0
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
        body = await webhook_body(request, self.metrics, CHANNEL)
        if isinstance(body, Response):
            return body
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
            name = f"line:{getattr(events[0], 'webhook_event_id', '?')}"
            admission = await self.updates.submit(
                self._process(events, received), name=name, key=f"line:{key}"
            )
            if admission is not Admission.QUEUED:
                self.metrics.dropped.inc(len(events))
            if admission is Admission.OVERFLOW:
                self.updates.aside(self._slow_down(events), name=f"{name}:slow")
        return Response(status_code=200)

    async def _slow_down(self, events: list[Any]) -> None:
        """The one "slow down" reply, with the reply token of a dropped event (free)."""
        event = next((e for e in events if getattr(e, "reply_token", None)), None)
        source = getattr(event, "source", None)
        if event is None or getattr(source, "type", "") != "user":
            return
        user_id = self._source_key(event)
        _name, language = await self._profile(user_id)  # for someone not stored yet
        message = Incoming(CHANNEL, user_id, self.deps.clock(), language_hint=language)
        reply = await slow_down(self.deps, message)
        try:
            await self._post_reply(event.reply_token, render_json((reply,)))
        except Exception as exc:
            log.warning("line: the slow-down note failed: %s", exc)
            return
        self.metrics.replies.inc()

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
        group = self._in_group(event)
        if group:
            message = await self._group_command(event, event_id)
        else:
            message = await self._incoming(event, event_id)
        if message is None:
            log.debug("line: %s event ignored", event.type)
            return
        replies = await converse(
            self.conversation,
            metrics,
            message,
            f"line:{event_id}",
            pause=self.updates.pause,
            public=group,
        )
        if replies is None:
            metrics.duplicates.inc()
            redelivery = getattr(event.delivery_context, "is_redelivery", False)
            log.info("line: event %s already processed (redelivery: %s)", event_id, redelivery)
            return
        replied = bool(replies and getattr(event, "reply_token", None))
        held: list[int] = []
        extra: list[Reply] = []
        if replied and message.event is Event.MESSAGE and not group:
            held, extra = await self._held_back(message.user_id, replies)
        sent = replied and await self._reply(event, message, replies, extra, event_id, group)
        if sent:
            metrics.latency.observe(time.perf_counter() - received)
        await settle_waiting(self.deps, held, delivered=sent)
        if not group:
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

    @staticmethod
    def _in_group(event: Any) -> bool:
        return getattr(getattr(event, "source", None), "type", "user") != "user"

    async def _group_command(self, event: Any, event_id: str) -> Incoming | None:
        """In a group or a room, when groups are allowed: a typed command (`/programme`) or a
        button under one of the bot's answers there, answered with public content only. The
        group's chatter, and its id, are never kept: it is not a delegate."""
        if not self.settings.allow_groups:
            return None
        user_id = getattr(event.source, "user_id", None) or ""
        if isinstance(event, PostbackEvent):
            said, payload = None, event.postback.data
        elif isinstance(event, MessageEvent) and isinstance(event.message, TextMessageContent):
            said, payload = event.message.text, None
            if not said.startswith("/"):
                return None
        else:
            return None
        # Whoever asked, for the language of the answer only (their LINE app's).
        _name, language = await self._profile(user_id) if user_id else ("", None)
        return Incoming(
            CHANNEL,
            self._source_key(event),
            self.deps.clock(),
            text=said,
            payload=payload,
            language_hint=language,
            files=False,
            update_id=event_id,
        )

    async def _incoming(self, event: Any, event_id: str) -> Incoming | None:
        if self._in_group(event):
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
        try:
            async with self.deps.sessionmaker() as db:
                known = await delegate_exists(db, channel=CHANNEL, user_id=user_id)
        except Exception as exc:  # the database is away: the turn will wait for it
            log.warning("line: could not tell whether %s is known: %s", user_id, exc)
            return await self._profile(user_id)
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

    async def _reply(
        self,
        event: Any,
        message: Incoming,
        replies: list[Reply],
        extra: list[Reply],
        event_id: str,
        group: bool,
    ) -> bool:
        """The reply (with `extra`, messages that waited for the quota); when LINE does not take
        it (5xx, timeout, 429, or a reply token that expired while the turn waited for the
        database), the replies are handed to the outbox and pushed: a reply token is good once,
        and only for a while."""
        messages = render_json((*replies, *extra))
        if not messages:
            return False
        try:
            await self._post_reply(event.reply_token, messages)
        except Exception as exc:
            self.metrics.error("send")
            status = getattr(exc, "status", None)
            body = getattr(exc, "body", None)
            why = f"{status or type(exc).__name__} {body or exc}"[:300]
            if (
                self._passing(exc)
                and not group
                and await hand_over(self.deps, CHANNEL, message.user_id, replies)
            ):
                self.metrics.handed_over.inc()
                log.warning("line: reply to event %s not taken (%s): to be pushed", event_id, why)
            else:
                log.error("line: reply to event %s failed: %s", event_id, why)
            return False
        self.metrics.replies.inc(len(messages))
        return True

    @staticmethod
    def _passing(error: Exception) -> bool:
        """A failure a push will get past: LINE's 5xx and 429 (a reply costs no quota, so this
        429 is the rate limit), an expired or used reply token, no answer in time, a broken
        connection. Not a refused message (400) or token (401)."""
        if not isinstance(error, ApiException):
            return True
        status = int(error.status or 0)
        return (
            status == 0
            or status >= 500
            or status == 429
            or (status == 400 and "reply token" in str(error.body).lower())
        )

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
            _request_timeout=REPLY_TIMEOUT,
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
