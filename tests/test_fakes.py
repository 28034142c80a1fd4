"""The fake Telegram and LINE servers answer the real SDKs like the real APIs."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import time
import uuid
import warnings
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
import telegram
from linebot.v3 import SignatureValidator, WebhookParser
from linebot.v3.messaging import (
    ApiException,
    AsyncApiClient,
    AsyncMessagingApi,
    AsyncMessagingApiBlob,
    Configuration,
    CreateRichMenuAliasRequest,
    MessageAction,
    MulticastRequest,
    PostbackAction,
    PushMessageRequest,
    QuickReply,
    QuickReplyItem,
    ReplyMessageRequest,
    RichMenuArea,
    RichMenuBounds,
    RichMenuRequest,
    RichMenuSize,
    TextMessage,
)
from linebot.v3.webhooks import (
    FollowEvent,
    MessageEvent,
    PostbackEvent,
    StickerMessageContent,
    TextMessageContent,
    UnfollowEvent,
)
from telegram import (
    BotCommand,
    BotCommandScopeDefault,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter

from bench.fakes import (
    FakeLine,
    FakeTelegram,
    line_signature,
    make_line_id,
    make_png,
)

pytestmark = [
    pytest.mark.asyncio,
    # PTB 22 warns when RetryAfter.retry_after is read as an int; irrelevant here
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
]

JSONBody = dict[str, Any]


def _seconds(value: int | dtm.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


def _retry_after(exc: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _seconds(exc.retry_after)


def _json(body: Any) -> Any:
    return json.loads(body) if isinstance(body, (str, bytes, bytearray)) else body


# ======================================================================= Telegram


@pytest_asyncio.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[telegram.Bot]:
    instance = telegram.Bot(tg.token, base_url=tg.base_url)
    async with instance:
        yield instance


async def test_get_me_returns_bot_user_and_records_call(
    tg: FakeTelegram, bot: telegram.Bot
) -> None:
    me = await bot.get_me()
    assert me.id == tg.bot_id == 1234567890
    assert me.is_bot is True
    assert me.username == "confbot_test_bot"
    assert me.can_join_groups is True
    call = tg.calls_to("getMe")[-1]
    assert call.token == tg.token
    assert call.status == 200
    assert call.response is not None and call.response["ok"] is True
    assert call.at <= time.time()


async def test_send_message_with_inline_keyboard(tg: FakeTelegram, bot: telegram.Bot) -> None:
    markup = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Yes", callback_data="vote:yes")],
            [InlineKeyboardButton("Site", url="https://example.org")],
        ]
    )
    first = await bot.send_message(42, "Pick one", reply_markup=markup)
    second = await bot.send_message(42, "again")
    other = await bot.send_message(-1001234567890, "group hello")

    assert (first.message_id, second.message_id, other.message_id) == (1, 2, 1)
    assert first.chat.id == 42 and first.chat.type == "private"
    assert other.chat.type == "supergroup"
    assert first.from_user is not None and first.from_user.id == tg.bot_id
    assert first.text == "Pick one"
    assert first.reply_markup == markup
    assert second.reply_markup is None

    params = tg.sent_messages(42)
    assert [p["text"] for p in params] == ["Pick one", "again"]
    assert params[0]["chat_id"] == 42
    assert params[0]["reply_markup"] == {
        "inline_keyboard": [
            [{"text": "Yes", "callback_data": "vote:yes"}],
            [{"text": "Site", "url": "https://example.org"}],
        ]
    }
    assert len(tg.sent_messages()) == 3


async def test_parse_mode_html_gives_entities_and_rejects_bad_markup(
    tg: FakeTelegram, bot: telegram.Bot
) -> None:
    message = await bot.send_message(7, "<b>Talk</b> at <i>10:00</i> &amp; more", parse_mode="HTML")
    assert message.text == "Talk at 10:00 & more"
    assert [(e.type, e.offset, e.length) for e in message.entities] == [
        ("bold", 0, 4),
        ("italic", 8, 5),
    ]
    with pytest.raises(BadRequest, match='find end tag corresponding to start tag "b"'):
        await bot.send_message(7, "<b>unclosed", parse_mode="HTML")
    with pytest.raises(BadRequest, match="is reserved and must be escaped"):
        await bot.send_message(7, "Ends with a dot.", parse_mode="MarkdownV2")
    escaped = await bot.send_message(7, r"*Bold* ends\.", parse_mode="MarkdownV2")
    assert escaped.text == "Bold ends."
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(7, "   ")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(7, "x" * 4097)
    assert [c.status for c in tg.calls_to("sendMessage")] == [200, 400, 400, 200, 400, 400]


async def test_callback_query_via_get_updates_and_answer(
    tg: FakeTelegram, bot: telegram.Bot
) -> None:
    sent = await bot.send_message(
        77,
        "Vote?",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Y", callback_data="y")]]),
    )
    tg.queue_update(tg.callback_query_update(77, "y", language_code="ja"))
    updates = await bot.get_updates(timeout=1)
    assert len(updates) == 1
    query = updates[0].callback_query
    assert query is not None and query.data == "y"
    assert query.from_user.language_code == "ja"
    assert query.message is not None and query.message.message_id == sent.message_id

    assert await bot.answer_callback_query(query.id, text="Thanks!", show_alert=True) is True
    assert tg.answered_callback_queries[query.id]["text"] == "Thanks!"
    assert tg.answered_callback_queries[query.id]["show_alert"] is True
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query.id)


async def test_set_my_commands_per_language(tg: FakeTelegram, bot: telegram.Bot) -> None:
    assert await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("agenda", "Agenda")])
    assert await bot.set_my_commands(
        [BotCommand("start", "開始")], scope=BotCommandScopeDefault(), language_code="ja"
    )
    assert tg.my_commands() == [
        {"command": "start", "description": "Start"},
        {"command": "agenda", "description": "Agenda"},
    ]
    assert tg.my_commands("ja") == [{"command": "start", "description": "開始"}]
    call = tg.calls_to("setMyCommands")[1]
    assert call.params["language_code"] == "ja"
    assert call.params["scope"] == {"type": "default"}
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Command", "x")])


async def test_send_document_multipart_upload(tg: FakeTelegram, bot: telegram.Bot) -> None:
    payload = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    message = await bot.send_document(
        99, payload, filename="talk.ics", caption="<b>Your</b> calendar", parse_mode="HTML"
    )
    assert message.document is not None
    assert message.document.file_name == "talk.ics"
    assert message.document.file_size == len(payload)
    assert message.caption == "Your calendar"
    assert message.caption_entities[0].type == "bold"

    (upload,) = tg.sent_documents(99)
    assert upload.file_name == "talk.ics"
    assert upload.content == payload
    call = tg.calls_to("sendDocument")[0]
    assert call.files["document"].filename == "talk.ics"
    assert call.params["chat_id"] == 99


async def test_injected_429_raises_retry_after(tg: FakeTelegram, bot: telegram.Bot) -> None:
    tg.fail_next("sendMessage", 429, retry_after=7)
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(1, "hi")
    assert _retry_after(info.value) == 7
    failed = tg.calls_to("sendMessage")[0]
    assert failed.status == 429
    assert failed.response == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 7",
        "parameters": {"retry_after": 7},
    }
    assert tg.count_429 == 1
    assert (await bot.send_message(1, "hi")).text == "hi"
    assert tg.sent_messages(1) == [tg.calls_to("sendMessage")[1].params]


async def test_403_raises_forbidden(tg: FakeTelegram, bot: telegram.Bot) -> None:
    tg.fail_next("sendMessage", 403)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(8, "hi")
    tg.block_chat(-555)
    with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
        await bot.send_message(-555, "hi")
    tg.fail_next("*", 500)
    with pytest.raises(telegram.error.NetworkError, match="Internal Server Error"):
        await bot.get_me()
    tg.fail_next("sendMessage", 400, description="Bad Request: message thread not found")
    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_message(8, "hi")
    assert [c.status for c in tg.calls][-4:] == [403, 403, 500, 400]
    assert tg.sent_messages() == []


async def test_unknown_method_and_wrong_token(tg: FakeTelegram) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.post(f"{tg.base_url}{tg.token}/sendCarrierPigeon", json={}) as resp:
            assert resp.status == 404
            assert await resp.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        async with http.post(f"{tg.base_url}42:WRONG/getMe") as resp:
            assert resp.status == 401
            assert await resp.json() == {
                "ok": False,
                "error_code": 401,
                "description": "Unauthorized",
            }
        # JSON bodies are accepted like form bodies; method names are case-insensitive
        async with http.post(
            f"{tg.base_url}{tg.token}/SENDMESSAGE", json={"chat_id": 3, "text": "json body"}
        ) as resp:
            body = await resp.json()
            assert resp.status == 200 and body["result"]["text"] == "json body"
    wrong = telegram.Bot("42:WRONG", base_url=tg.base_url)
    with pytest.raises(InvalidToken):
        await wrong.get_me()
    assert [c.method for c in tg.calls] == ["sendCarrierPigeon", "getMe", "sendMessage", "getMe"]
    assert tg.sent_messages(3)[0]["text"] == "json body"


async def test_get_updates_offset_long_poll_and_conflict(
    tg: FakeTelegram, bot: telegram.Bot
) -> None:
    first = tg.queue_update(tg.message_update(11, "/start", language_code="de"))
    tg.queue_update(tg.message_update(11, "hello"))
    updates = await bot.get_updates(timeout=1)
    assert [u.update_id for u in updates] == [first, first + 1]
    start = updates[0].message
    assert start is not None and start.text == "/start"
    assert start.from_user is not None and start.from_user.language_code == "de"
    assert start.entities[0].type == "bot_command"
    assert (start.message_id, updates[1].message.message_id) == (1, 2)  # type: ignore[union-attr]

    # confirming with offset drops them; an empty poll waits at most max_long_poll
    began = time.monotonic()
    assert await bot.get_updates(offset=first + 2, timeout=30) == ()
    assert time.monotonic() - began < tg.max_long_poll + 0.5

    # a pending long poll wakes up as soon as an update is queued
    asyncio.get_running_loop().call_later(0.2, tg.queue_update, tg.message_update(11, "late"))
    began = time.monotonic()
    late = await bot.get_updates(offset=first + 2, timeout=30)
    assert [u.message.text for u in late] == ["late"]  # type: ignore[union-attr]
    assert time.monotonic() - began < tg.max_long_poll

    # a second bot instance polling concurrently terminates the first one's poll with 409
    older = asyncio.create_task(bot.get_updates(offset=late[0].update_id + 1, timeout=30))
    await asyncio.sleep(0.1)
    async with telegram.Bot(tg.token, base_url=tg.base_url) as second_instance:
        await second_instance.get_updates(offset=late[0].update_id + 1, timeout=0)
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await older
    assert tg.calls_to("getUpdates")[0].params["timeout"] == 1


async def test_webhook_lifecycle(tg: FakeTelegram, bot: telegram.Bot) -> None:
    tg.queue_update(tg.message_update(1, "pending"))
    assert await bot.set_webhook("https://confbot.example/tg", secret_token="s3cret_token")
    assert tg.webhook is not None and tg.webhook["url"] == "https://confbot.example/tg"
    assert tg.webhook is not None and tg.webhook["secret_token"] == "s3cret_token"
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    with pytest.raises(BadRequest, match=r"(?i)an https url must be provided"):
        await bot.set_webhook("http://confbot.example/tg")
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert tg.webhook is None
    assert tg.pending_updates == []
    assert tg.calls_to("setWebhook")[0].response == {
        "ok": True,
        "result": True,
        "description": "Webhook was set",
    }


async def test_rate_limit_per_chat_and_global(tg: FakeTelegram, bot: telegram.Bot) -> None:
    tg.rate_limit(global_per_s=3, per_chat_per_s=1)
    await bot.send_message(1, "a")
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(1, "b")
    assert _retry_after(info.value) == 1
    await bot.send_message(2, "c")
    await bot.send_message(3, "d")
    with pytest.raises(RetryAfter):
        await bot.send_message(4, "e")  # 4th message within one second overall
    assert tg.count_429 == 2
    assert [p["text"] for p in tg.sent_messages()] == ["a", "c", "d"]
    await asyncio.sleep(1.05)
    assert (await bot.send_message(1, "b")).text == "b"


async def test_update_builders_parse_with_ptb(tg: FakeTelegram, bot: telegram.Bot) -> None:
    raw = tg.message_update(
        31, "/agenda tomorrow", language_code="zh-hans", username="alice", first_name="Alice"
    )
    update = Update.de_json(raw, bot)
    assert update.message is not None and update.effective_user is not None
    assert update.effective_user.username == "alice"
    assert update.effective_user.language_code == "zh-hans"
    assert update.message.chat.type == "private"
    assert update.message.entities[0].length == len("/agenda")
    reply = await bot.send_message(31, "ok")
    assert reply.message_id == update.message.message_id + 1


# =========================================================================== LINE


@pytest_asyncio.fixture
async def line() -> AsyncIterator[FakeLine]:
    async with FakeLine() as fake:
        yield fake


@pytest_asyncio.fixture
async def line_api(line: FakeLine) -> AsyncIterator[AsyncMessagingApi]:
    config = Configuration(host=line.api_base_url, access_token=line.channel_access_token)
    async with AsyncApiClient(config) as client:
        yield AsyncMessagingApi(client)


@pytest_asyncio.fixture
async def line_blob(line: FakeLine) -> AsyncIterator[AsyncMessagingApiBlob]:
    config = Configuration(host=line.data_base_url, access_token=line.channel_access_token)
    async with AsyncApiClient(config) as client:
        yield AsyncMessagingApiBlob(client)


USER_A = make_line_id("alice")
USER_B = make_line_id("bob")


async def test_reply_with_quick_reply_is_single_use(
    line: FakeLine, line_api: AsyncMessagingApi
) -> None:
    token = line.issue_reply_token(USER_A)
    message = TextMessage(
        text="Which track?",
        quick_reply=QuickReply(
            items=[
                QuickReplyItem(action=MessageAction(label="Main hall", text="main")),
                QuickReplyItem(action=PostbackAction(label="Room B", data="track=b")),
            ]
        ),
    )
    response = await line_api.reply_message(
        ReplyMessageRequest(reply_token=token, messages=[message])
    )
    (delivery,) = line.deliveries
    assert delivery.recipient == USER_A and delivery.via == "reply"
    assert response.sent_messages[0].id == delivery.message_id
    assert response.sent_messages[0].quote_token
    assert delivery.message["text"] == "Which track?"
    assert [i["action"]["label"] for i in delivery.message["quickReply"]["items"]] == [
        "Main hall",
        "Room B",
    ]
    assert line.reply_token_used(token)

    with pytest.raises(ApiException) as info:
        await line_api.reply_message(ReplyMessageRequest(reply_token=token, messages=[message]))
    assert info.value.status == 400
    assert _json(info.value.body) == {"message": "Invalid reply token"}
    assert info.value.headers["x-line-request-id"]
    with pytest.raises(ApiException) as unknown:
        await line_api.reply_message(
            ReplyMessageRequest(reply_token="never-issued", messages=[TextMessage(text="x")])
        )
    assert unknown.value.status == 400
    assert len(line.deliveries) == 1
    reply_calls = line.calls_to("/v2/bot/message/reply")
    assert [c.status for c in reply_calls] == [200, 400, 400]
    assert reply_calls[0].json["replyToken"] == token
    assert reply_calls[0].headers["Authorization"] == f"Bearer {line.channel_access_token}"


async def test_message_validation_errors(line: FakeLine) -> None:
    url = f"{line.api_base_url}/v2/bot/message/push"
    headers = {"Authorization": f"Bearer {line.channel_access_token}"}
    cases: list[tuple[JSONBody, list[dict[str, str]]]] = [
        (
            {"to": USER_A, "messages": [{"type": "text", "text": "x"}] * 6},
            [{"message": "Size must be between 1 and 5", "property": "messages"}],
        ),
        (
            {"to": USER_A, "messages": [{"type": "text", "text": "x" * 5001}]},
            [{"message": "Length must be between 0 and 5000", "property": "messages[0].text"}],
        ),
        (
            {
                "to": USER_A,
                "messages": [
                    {
                        "type": "text",
                        "text": "pick",
                        "quickReply": {
                            "items": [
                                {
                                    "type": "action",
                                    "action": {"type": "message", "label": "l", "text": "t"},
                                }
                            ]
                            * 14
                        },
                    }
                ],
            },
            [
                {
                    "message": "Size must be between 0 and 13",
                    "property": "messages[0].quickReply.items",
                }
            ],
        ),
        (
            {
                "to": USER_A,
                "messages": [
                    {
                        "type": "text",
                        "text": "pick",
                        "quickReply": {
                            "items": [
                                {
                                    "type": "action",
                                    "action": {"type": "message", "label": "L" * 21, "text": "t"},
                                }
                            ]
                        },
                    },
                    {"type": "video"},
                ],
            },
            [
                {
                    "message": "Length must be between 0 and 20",
                    "property": "messages[0].quickReply.items[0].action.label",
                },
                {"message": "must be specified", "property": "messages[1].originalContentUrl"},
                {"message": "must be specified", "property": "messages[1].previewImageUrl"},
            ],
        ),
    ]
    async with aiohttp.ClientSession(headers=headers) as http:
        for payload, details in cases:
            async with http.post(url, json=payload) as resp:
                assert resp.status == 400
                assert resp.headers["x-line-request-id"]
                assert await resp.json() == {
                    "message": f"The request body has {len(details)} error(s)",
                    "details": details,
                }
        async with http.post(
            url, json={"to": "U123", "messages": [{"type": "text", "text": "x"}]}
        ) as resp:
            assert resp.status == 400
            assert (await resp.json())["message"].startswith("The property, 'to'")
    assert line.deliveries == []
    assert line.total_usage == 0


async def test_push_retry_key_conflict_delivers_once(
    line: FakeLine, line_api: AsyncMessagingApi
) -> None:
    request = PushMessageRequest(to=USER_A, messages=[TextMessage(text="Doors open at 9")])
    key = str(uuid.uuid4())
    first = await line_api.push_message_with_http_info(request, x_line_retry_key=key)
    assert first.status_code == 200
    with pytest.raises(ApiException) as info:
        await line_api.push_message(request, x_line_retry_key=key)
    assert info.value.status == 409
    accepted_id = info.value.headers["x-line-accepted-request-id"]
    assert accepted_id == first.headers["x-line-request-id"]
    assert info.value.headers["x-line-request-id"] != accepted_id
    body = _json(info.value.body)
    assert body["message"] == "The retry key is already accepted"
    assert body["sentMessages"][0]["id"] == first.data.sent_messages[0].id

    assert len(line.deliveries) == 1
    assert line.deliveries[0].retry_key == key
    assert line.delivered_texts(USER_A) == ["Doors open at 9"]
    assert [c.retry_key for c in line.calls_to("/v2/bot/message/push")] == [key, key]
    assert line.total_usage == 1


async def test_lost_response_then_retry_gets_409(
    line: FakeLine, line_api: AsyncMessagingApi
) -> None:
    line.fail_next("/v2/bot/message/push", 500, after_processing=True)
    request = PushMessageRequest(to=USER_B, messages=[TextMessage(text="reminder")])
    key = str(uuid.uuid4())
    with pytest.raises(ApiException) as info:
        await line_api.push_message(request, x_line_retry_key=key)
    assert info.value.status == 500
    with pytest.raises(ApiException) as retried:
        await line_api.push_message(request, x_line_retry_key=key)
    assert retried.value.status == 409
    assert len(line.deliveries_to(USER_B)) == 1
    # without a retry key a retry is a second delivery, as on the real platform
    await line_api.push_message(request)
    assert len(line.deliveries_to(USER_B)) == 2


async def test_multicast_counts_per_recipient(line: FakeLine, line_api: AsyncMessagingApi) -> None:
    users = [USER_A, USER_B, make_line_id("carol")]
    result = await line_api.multicast(
        MulticastRequest(
            to=users, messages=[TextMessage(text="Keynote moved"), TextMessage(text="Room 2")]
        ),
        x_line_retry_key=str(uuid.uuid4()),
    )
    assert result == {}
    assert sorted({d.recipient for d in line.deliveries}) == sorted(users)
    assert len(line.deliveries) == 6
    assert {d.via for d in line.deliveries} == {"multicast"}
    consumption = await line_api.get_message_quota_consumption()
    assert consumption.total_usage == 3
    assert line.calls_to("/v2/bot/message/multicast")[0].json["to"] == users

    async with aiohttp.ClientSession(
        headers={"Authorization": f"Bearer {line.channel_access_token}"}
    ) as http:
        too_many = {
            "to": [make_line_id(i) for i in range(501)],
            "messages": [{"type": "text", "text": "x"}],
        }
        async with http.post(
            f"{line.api_base_url}/v2/bot/message/multicast", json=too_many
        ) as resp:
            assert resp.status == 400
            assert (await resp.json())["details"] == [
                {"message": "Size must be between 1 and 500", "property": "to"}
            ]
        group_target = {
            "to": [USER_A, make_line_id(1, "C")],
            "messages": [{"type": "text", "text": "x"}],
        }
        async with http.post(
            f"{line.api_base_url}/v2/bot/message/multicast", json=group_target
        ) as resp:
            assert resp.status == 400
            assert (await resp.json()) == {
                "message": "The property, to[1], in the request body is invalid (line: -, column: -)"
            }
    assert len(line.deliveries) == 6


async def test_get_profile(line: FakeLine, line_api: AsyncMessagingApi) -> None:
    line.add_profile(USER_A, "Alice", "ja", picture_url="https://profile.example/alice.png")
    profile = await line_api.get_profile(USER_A)
    assert (profile.display_name, profile.user_id, profile.language) == ("Alice", USER_A, "ja")
    assert profile.picture_url == "https://profile.example/alice.png"
    assert profile.status_message is None
    with pytest.raises(ApiException) as info:
        await line_api.get_profile(USER_B)
    assert info.value.status == 404
    assert _json(info.value.body) == {"message": "Not found"}
    assert [c.path for c in line.calls] == [
        f"/v2/bot/profile/{USER_A}",
        f"/v2/bot/profile/{USER_B}",
    ]


async def test_quota_and_monthly_limit(line: FakeLine, line_api: AsyncMessagingApi) -> None:
    quota = await line_api.get_message_quota()
    assert quota.type == "none" and quota.value is None
    line.set_quota(2)
    quota = await line_api.get_message_quota()
    assert quota.type == "limited" and quota.value == 2
    await line_api.multicast(
        MulticastRequest(to=[USER_A, USER_B], messages=[TextMessage(text="hi")])
    )
    with pytest.raises(ApiException) as info:
        await line_api.push_message(
            PushMessageRequest(to=USER_A, messages=[TextMessage(text="one more")])
        )
    assert info.value.status == 429
    assert _json(info.value.body) == {"message": "You have reached your monthly limit."}
    # replies are free and not limited
    token = line.issue_reply_token(USER_A)
    await line_api.reply_message(
        ReplyMessageRequest(reply_token=token, messages=[TextMessage(text="ok")])
    )
    assert (await line_api.get_message_quota_consumption()).total_usage == 2
    assert line.count_429 == 1


async def test_rich_menu_lifecycle_on_both_hosts(
    line: FakeLine, line_api: AsyncMessagingApi, line_blob: AsyncMessagingApiBlob
) -> None:
    request = RichMenuRequest(
        size=RichMenuSize(width=2500, height=843),
        selected=True,
        name="confbot-main",
        chat_bar_text="Menu",
        areas=[
            RichMenuArea(
                bounds=RichMenuBounds(x=0, y=0, width=1250, height=843),
                action=PostbackAction(data="menu=agenda"),
            ),
            RichMenuArea(
                bounds=RichMenuBounds(x=1250, y=0, width=1250, height=843),
                action=MessageAction(label="Help", text="help"),
            ),
        ],
    )
    created = await line_api.create_rich_menu(request)
    rich_menu_id = created.rich_menu_id
    assert rich_menu_id.startswith("richmenu-")

    with pytest.raises(ApiException) as no_image:
        await line_api.set_default_rich_menu(rich_menu_id)
    assert no_image.value.status == 400
    assert (
        _json(no_image.value.body)["message"]
        == "must upload richmenu image before applying it to user"
    )

    png = make_png(2500, 843)
    await line_blob.set_rich_menu_image(
        rich_menu_id, bytearray(png), _headers={"Content-Type": "image/png"}
    )
    assert line.rich_menus[rich_menu_id].image == png
    upload = line.calls_to(f"/v2/bot/richmenu/{rich_menu_id}/content")[0]
    assert upload.host == "data" and upload.headers["Content-Type"] == "image/png"
    with pytest.raises(ApiException) as twice:
        await line_blob.set_rich_menu_image(
            rich_menu_id, bytearray(png), _headers={"Content-Type": "image/png"}
        )
    assert _json(twice.value.body) == {
        "message": "An image has already been uploaded to the richmenu"
    }

    await line_api.set_default_rich_menu(rich_menu_id)
    await line_api.create_rich_menu_alias(
        CreateRichMenuAliasRequest(rich_menu_alias_id="main", rich_menu_id=rich_menu_id)
    )
    await line_api.link_rich_menu_id_to_user(USER_A, rich_menu_id)
    assert line.default_rich_menu_id == rich_menu_id
    assert line.rich_menu_aliases == {"main": rich_menu_id}
    assert line.user_rich_menus == {USER_A: rich_menu_id}
    stored = line.rich_menus[rich_menu_id].body
    assert stored["chatBarText"] == "Menu" and len(stored["areas"]) == 2

    await line_api.delete_rich_menu(rich_menu_id)
    assert line.rich_menus == {} and line.default_rich_menu_id is None
    with pytest.raises(ApiException) as gone:
        await line_api.delete_rich_menu(rich_menu_id)
    assert gone.value.status == 404

    # the image endpoint lives on the data host only
    async with (
        aiohttp.ClientSession(
            headers={"Authorization": f"Bearer {line.channel_access_token}"}
        ) as http,
        http.post(
            f"{line.api_base_url}/v2/bot/richmenu/{rich_menu_id}/content",
            data=png,
            headers={"Content-Type": "image/png"},
        ) as resp,
    ):
        assert resp.status == 404
        assert await resp.json() == {"message": "Not found"}


async def test_auth_failures(line: FakeLine) -> None:
    config = Configuration(host=line.api_base_url, access_token="wrong-token")
    async with AsyncApiClient(config) as client:
        with pytest.raises(ApiException) as info:
            await AsyncMessagingApi(client).get_message_quota()
    assert info.value.status == 401
    assert _json(info.value.body) == {
        "message": "Authentication failed. Confirm that the access token in the authorization header is valid."
    }
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{line.api_base_url}/v2/bot/message/quota") as resp,
    ):
        assert resp.status == 401
        assert (await resp.json())["message"].startswith("Authorization header required")
        assert resp.headers["x-line-request-id"]
    assert [c.status for c in line.calls] == [401, 401]


async def test_failure_injection_and_rate_limit(
    line: FakeLine, line_api: AsyncMessagingApi
) -> None:
    line.fail_next("/v2/bot/message/push", 429)
    request = PushMessageRequest(to=USER_A, messages=[TextMessage(text="x")])
    with pytest.raises(ApiException) as info:
        await line_api.push_message(request)
    assert info.value.status == 429
    assert _json(info.value.body) == {
        "message": "The API rate limit has been exceeded. Try again later."
    }
    line.fail_next("/v2/bot/", 403)
    with pytest.raises(ApiException) as forbidden:
        await line_api.get_message_quota()
    assert forbidden.value.status == 403
    assert line.deliveries == []

    line.rate_limit(requests_per_s=2)
    await line_api.push_message(request)
    await line_api.push_message(request)
    with pytest.raises(ApiException) as limited:
        await line_api.push_message(request)
    assert limited.value.status == 429
    await line_api.get_message_quota()  # another endpoint has its own window
    assert line.count_429 == 2
    assert len(line.deliveries) == 2


async def test_signed_webhook_events_parse_with_sdk(
    line: FakeLine, line_api: AsyncMessagingApi
) -> None:
    events = [
        line.text_message_event(USER_A, "hello"),
        line.postback_event(USER_A, "action=vote&talk=42", params={"datetime": "2030-01-01T10:00"}),
        line.follow_event(USER_B),
        line.unfollow_event(USER_B),
        line.sticker_message_event(USER_A, keywords=["happy"]),
    ]
    body, headers = line.webhook_request(events)
    assert headers["x-line-signature"] == line_signature(line.channel_secret, body)
    assert SignatureValidator(line.channel_secret).validate(
        body.decode(), headers["x-line-signature"]
    )
    assert not SignatureValidator("other-secret").validate(
        body.decode(), headers["x-line-signature"]
    )

    parsed = WebhookParser(line.channel_secret).parse(body.decode(), headers["x-line-signature"])
    assert isinstance(parsed[0], MessageEvent) and isinstance(parsed[0].message, TextMessageContent)
    assert parsed[0].message.text == "hello"
    assert parsed[0].source is not None and parsed[0].source.user_id == USER_A
    assert parsed[0].delivery_context.is_redelivery is False
    assert parsed[0].mode == "active" and len(parsed[0].webhook_event_id) == 26
    assert isinstance(parsed[1], PostbackEvent) and parsed[1].postback.data == "action=vote&talk=42"
    assert isinstance(parsed[2], FollowEvent) and parsed[2].follow.is_unblocked is False
    assert isinstance(parsed[3], UnfollowEvent)
    assert isinstance(parsed[4], MessageEvent) and isinstance(
        parsed[4].message, StickerMessageContent
    )
    assert json.loads(body)["destination"] == line.bot_user_id

    # the reply tokens in the events are accepted by the fake exactly once
    await line_api.reply_message(
        ReplyMessageRequest(reply_token=parsed[1].reply_token, messages=[TextMessage(text="voted")])
    )
    assert line.deliveries[0].reply_token == parsed[1].reply_token
    assert line.deliveries[0].recipient == USER_A
