"""LINE end to end: line-bot-sdk v3 against the fake Messaging API, through `BotServer`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bench.fakes import FakeLine, image_size, line_signature, make_line_id
from bot.channels.line.render import MAX_ALT_TEXT, fit, render
from bot.channels.line.richmenu import install
from bot.i18n import Catalogues
from db.models import Delegate, UnansweredQuestion
from handlers.core.conversation import Response
from handlers.core.messages import Button, Incoming, Reply, ReplyKind, SessionCard
from tests.conftest import Database, FixedClock
from tests.serving import CONFBOT, Running, channel_env, eventually, line_settings, running

T = Catalogues()
JA_USER = make_line_id("taro")
FR_USER = make_line_id("marie")


@pytest.fixture
async def line() -> AsyncIterator[FakeLine]:
    async with FakeLine() as fake:
        fake.add_profile(JA_USER, "山田太郎", "ja")
        fake.add_profile(FR_USER, "Marie", "fr")
        yield fake


@pytest.fixture
async def bot(database: Database, clock: FixedClock, line: FakeLine) -> AsyncIterator[Running]:
    async with running(database, clock, **line_settings(line)) as started:
        yield started


def messages(line: FakeLine, user: str) -> list[dict[str, Any]]:
    return [d.message for d in line.deliveries_to(user)]


def quick_replies(message: dict[str, Any]) -> list[tuple[str, str]]:
    items = message.get("quickReply", {}).get("items", [])
    return [(i["action"]["label"], i["action"]["data"]) for i in items]


def bubbles(message: dict[str, Any]) -> list[dict[str, Any]]:
    assert message["type"] == "flex" and message["contents"]["type"] == "carousel"
    return list(message["contents"]["contents"])


def bubble_texts(bubble: dict[str, Any]) -> list[str]:
    return [c["text"] for c in bubble["body"]["contents"] if c["type"] == "text"]


async def test_japanese_delegate_follows_asks_presses_and_changes_language(
    bot: Running, line: FakeLine, database: Database
) -> None:
    assert (await bot.line(line, [line.follow_event(JA_USER)])).status_code == 200
    welcome, overview, carousel = messages(line, JA_USER)
    assert welcome["text"].startswith("こんにちは。第8回日仏自治体交流会議")  # profile language
    assert overview["text"].startswith("11月20日(水)のプログラム（JST）全6件")
    assert carousel["altText"] == "11月20日(水)のプログラム（JST）全6件"
    first = bubbles(carousel)[0]
    assert bubble_texts(first) == ["式典", "開会式", "11月20日(水) 9:30〜10:00", "全体会場"]
    bar = first["body"]["contents"][0]
    assert bar["backgroundColor"] == "#C0392B" and bar["height"] == "6px"
    details = first["footer"]["contents"][0]["action"]
    assert details == {
        "type": "postback",
        "label": "詳細",
        "data": "/session opening",
        "displayText": "詳細",
    }
    # quick replies on the last message only: the menu and the other days
    assert "quickReply" not in welcome and "quickReply" not in overview
    assert ("プログラム", "/programme") in quick_replies(carousel)
    assert ("11月21日(木)", "/programme 2024-11-21") in quick_replies(carousel)

    line.reset_calls()
    await bot.line(line, [line.text_message_event(JA_USER, "明日の予定")])
    text, carousel = messages(line, JA_USER)
    assert text["text"].startswith("11月21日(木)のプログラム（JST）全3件")
    assert [bubble_texts(b)[1] for b in bubbles(carousel)] == [
        "全体会：第2パネルディスカッション",
        "全体会：分科会報告",
        "閉会式・静岡宣言の採択",
    ]

    line.reset_calls()
    await bot.line(line, [line.postback_event(JA_USER, "/session ws-environment")])
    (session, card) = messages(line, JA_USER)
    assert session["text"].startswith(
        "第3分科会 環境「脱炭素社会の実現と魅力ある地域づくり」\n日時：11月20日(水) 13:30〜16:00（JST）"
    )
    assert bubbles(card)[0]["body"]["contents"][0]["backgroundColor"] == "#27AE60"

    line.reset_calls()
    await bot.line(line, [line.postback_event(JA_USER, "/lang")])
    (choose,) = messages(line, JA_USER)
    assert choose["text"] == T("ja", "language-choose")
    assert quick_replies(choose) == [
        ("Français", "/lang fr"),
        ("日本語", "/lang ja"),
        ("English", "/lang en"),
    ]
    await bot.line(line, [line.postback_event(JA_USER, "/lang fr")])
    assert (
        messages(line, JA_USER)[-1]["text"] == "C'est noté : je vous réponds désormais en français."
    )
    await bot.line(line, [line.postback_event(JA_USER, "/lang ja")])
    assert messages(line, JA_USER)[-1]["text"] == T("ja", "language-set")

    line.reset_calls()
    await bot.line(line, [line.text_message_event(JA_USER, "ペンギンの好物は何ですか")])
    (fallback,) = messages(line, JA_USER)
    assert fallback["text"] == T("ja", "fallback")
    assert ("ヘルプ", "/help") in quick_replies(fallback)


async def test_french_delegate_on_line(bot: Running, line: FakeLine) -> None:
    await bot.line(line, [line.follow_event(FR_USER)])
    assert messages(line, FR_USER)[0]["text"].startswith("Bonjour ! Je suis l'assistant")
    line.reset_calls()
    await bot.line(
        line, [line.text_message_event(FR_USER, "Quand a lieu l'atelier environnement ?")]
    )
    text, carousel = messages(line, FR_USER)
    assert text["text"].startswith(
        "« Atelier 3 – Environnement : meilleure qualité de vie et neutralité carbone » : "
        "mer. 20 nov., 13 h 30–16 h 00 (JST), Salle 3."
    )
    (bubble,) = bubbles(carousel)
    assert bubble_texts(bubble)[0] == "Atelier 3 – Environnement"
    assert bubble["footer"]["contents"][0]["action"]["label"] == "Détails"


async def test_forged_or_missing_signature_is_refused_and_nothing_sent(
    bot: Running, line: FakeLine
) -> None:
    body, headers = line.webhook_request([line.text_message_event(FR_USER, "/programme")])
    forged = {**headers, "x-line-signature": line_signature("another-secret", body)}
    assert (await bot.client.post("/line/webhook", content=body, headers=forged)).status_code == 400
    missing = {k: v for k, v in headers.items() if k != "x-line-signature"}
    assert (
        await bot.client.post("/line/webhook", content=body, headers=missing)
    ).status_code == 400
    tampered = body.replace(b"/programme", b"/workshops")
    response = await bot.client.post("/line/webhook", content=tampered, headers=headers)
    assert response.status_code == 400
    await bot.idle()
    assert line.deliveries == [] and line.calls_to("/v2/bot/message/reply") == []
    # the genuine request is still answered: nothing was recorded by the refused ones
    assert (
        await bot.client.post("/line/webhook", content=body, headers=headers)
    ).status_code == 200
    await bot.idle()
    assert len(messages(line, FR_USER)) == 2


async def test_redelivered_event_gets_no_second_reply(bot: Running, line: FakeLine) -> None:
    event = line.text_message_event(FR_USER, "/workshops")
    await bot.line(line, [event])
    assert len(messages(line, FR_USER)) == 2
    redelivery = {**event, "deliveryContext": {"isRedelivery": True}}
    await bot.line(line, [redelivery])
    await bot.line(line, [event])
    assert len(messages(line, FR_USER)) == 2
    assert len(line.calls_to("/v2/bot/message/reply")) == 1
    metrics = bot.metrics()
    assert 'confbot_updates_duplicate_total{channel="line"} 2.0' in metrics


async def test_malformed_body_with_a_valid_signature_is_400(bot: Running, line: FakeLine) -> None:
    for body in (b"{not json", b'{"destination": "x"}', b"\xff\xfe"):
        headers = {"x-line-signature": line_signature(line.channel_secret, body)}
        response = await bot.client.post("/line/webhook", content=body, headers=headers)
        assert response.status_code == 400, body
    assert line.calls_to("/v2/bot/message/reply") == []


async def test_empty_verification_webhook_is_200(bot: Running, line: FakeLine) -> None:
    assert (await bot.line(line, [])).status_code == 200
    assert line.calls == [] or all(c.path.startswith("/v2/bot/richmenu") for c in line.calls)


async def test_sticker_unfollow_and_other_events(bot: Running, line: FakeLine) -> None:
    await bot.line(line, [line.sticker_message_event(FR_USER)])
    (reply,) = messages(line, FR_USER)
    assert reply["text"] == T("fr", "unsupported-message")  # language: French by default
    assert ("Programme", "/programme") in quick_replies(reply)
    await bot.line(line, [line.unfollow_event(FR_USER)])
    join = {**line.text_message_event(FR_USER, "x"), "type": "join"}
    join.pop("message")
    assert (await bot.line(line, [join])).status_code == 200
    # module mode: another channel answers a standby event, LINE forbids replying to it
    await bot.line(line, [line.text_message_event(FR_USER, "/help", mode="standby")])
    assert len(messages(line, FR_USER)) == 1  # unfollow, join and standby get no reply
    assert bot.server.app is not None
    async with bot.server.app.sessionmaker() as db:
        delegate = await db.scalar(select(Delegate).where(Delegate.channel_user_id == FR_USER))
    assert delegate is not None and delegate.active is False


def via(line: FakeLine, user: str) -> list[str]:
    return [d.via for d in line.deliveries_to(user)]


async def test_a_reply_line_refuses_with_a_500_becomes_a_push(
    bot: Running, line: FakeLine, caplog: pytest.LogCaptureFixture
) -> None:
    line.fail_next("/v2/bot/message/reply", 500)
    event = line.text_message_event(FR_USER, "/help")
    with caplog.at_level(logging.WARNING):
        await bot.line(line, [event])
    assert event["webhookEventId"] in caplog.text and "500" in caplog.text
    await eventually(lambda: len(messages(line, FR_USER)) == 1)
    assert messages(line, FR_USER)[0]["text"].startswith("Vous pouvez m'écrire librement")
    assert via(line, FR_USER) == ["push"]
    assert quick_replies(messages(line, FR_USER)[0])  # sent as written, buttons and all
    metrics = bot.metrics()
    assert 'confbot_errors_total{channel="line",stage="send"} 1.0' in metrics
    assert 'confbot_replies_handed_over_total{channel="line"} 1.0' in metrics
    await bot.line(line, [event])  # redelivered: answered once
    await asyncio.sleep(0.5)
    assert len(messages(line, FR_USER)) == 1


async def test_an_expired_reply_token_becomes_a_push(
    bot: Running, line: FakeLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A turn that waited (for the database) past the reply token's life: pushed instead."""
    line.reply_token_ttl = 0.0
    await bot.line(line, [line.text_message_event(JA_USER, "/programme")])
    await eventually(lambda: len(messages(line, JA_USER)) == 2)  # the day, and its cards
    assert via(line, JA_USER) == ["push", "push"]
    assert "プログラム" in messages(line, JA_USER)[0]["text"]


async def test_a_reply_that_times_out_becomes_a_push_once_line_answers_again(
    bot: Running, line: FakeLine, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.channels.line.channel.REPLY_TIMEOUT", 0.2)
    line.hang(1.0)  # no answer for a second, then 502: nothing delivered, the token unused
    await bot.line(line, [line.text_message_event(FR_USER, "/help")])
    assert 'confbot_replies_handed_over_total{channel="line"} 1.0' in bot.metrics()

    def delivered() -> bool:
        clock.now += timedelta(seconds=5)  # past any backoff of a push that met the hang
        return len(messages(line, FR_USER)) == 1

    await eventually(delivered)
    await asyncio.sleep(0.5)
    assert via(line, FR_USER) == ["push"]


async def test_a_turn_that_meets_an_unreachable_database_is_answered_when_it_is_back(
    bot: Running, line: FakeLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert bot.server.app is not None
    respond = bot.server.app.conversation.respond
    failures = 2

    async def away_then_back(message: Incoming) -> Response:
        nonlocal failures
        if failures:
            failures -= 1
            raise OperationalError("INSERT INTO processed_updates", {}, ConnectionRefusedError())
        return await respond(message)

    monkeypatch.setattr(bot.server.app.conversation, "respond", away_then_back)
    await bot.line(line, [line.text_message_event(JA_USER, "/help")])
    (reply,) = messages(line, JA_USER)
    assert reply["text"].startswith("次のように自由に入力してください")
    assert via(line, JA_USER) == ["reply"]
    assert 'confbot_errors_total{channel="line",stage="database"} 2.0' in bot.metrics()


async def test_a_delegate_who_floods_is_told_once_to_slow_down(
    bot: Running, line: FakeLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert bot.server.app is not None
    respond = bot.server.app.conversation.respond
    release = asyncio.Event()

    async def held(message: Incoming) -> Response:
        await release.wait()
        return await respond(message)

    monkeypatch.setattr(bot.server.app.conversation, "respond", held)
    for i in range(23):  # one request per event: 20 wait, 3 are dropped
        body, headers = line.webhook_request([line.text_message_event(JA_USER, f"/session s{i}")])
        response = await bot.client.post("/line/webhook", content=body, headers=headers)
        assert response.status_code == 200
    await eventually(lambda: len(messages(line, JA_USER)) == 1)
    assert messages(line, JA_USER)[0]["text"] == T("ja", "slow-down")
    release.set()
    await bot.idle()
    texts = [m.get("text", "") for m in messages(line, JA_USER)]
    assert len(texts) == 21 and texts.count(T("ja", "slow-down")) == 1
    assert 'confbot_updates_dropped_total{channel="line"} 3.0' in bot.metrics()


async def test_handler_failure_apologises_in_the_delegates_language(
    bot: Running, line: FakeLine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    await bot.line(line, [line.follow_event(JA_USER)])
    assert bot.server.app is not None

    async def broken(_message: object) -> list[Reply]:
        raise RuntimeError("boom")

    monkeypatch.setattr(bot.server.app.conversation, "respond", broken)
    event = line.text_message_event(JA_USER, "/programme")
    with caplog.at_level(logging.ERROR):
        await bot.line(line, [event])
    assert f"line:{event['webhookEventId']}" in caplog.text
    assert messages(line, JA_USER)[-1]["text"] == T("ja", "error-apology")


async def test_events_of_two_delegates_in_one_request(bot: Running, line: FakeLine) -> None:
    await bot.line(
        line,
        [
            line.text_message_event(FR_USER, "/help"),
            line.text_message_event(JA_USER, "明日の予定"),
            line.text_message_event(FR_USER, "/now"),
        ],
    )
    fr = [m["text"] for m in messages(line, FR_USER) if m["type"] == "text"]
    assert fr[0].startswith("Vous pouvez") and fr[1].startswith("En ce moment")
    assert messages(line, JA_USER)[0]["text"].startswith("11月21日(木)のプログラム")


# ------------------------------------------------------------------------- rich menus


async def test_richmenu_command_installs_menus_and_the_server_links_them(
    database: Database, clock: FixedClock, line: FakeLine, tmp_path: Path
) -> None:
    env = channel_env(database, line=line)
    for _ in range(2):  # a second run replaces the menus and deletes the old ones
        process = await asyncio.create_subprocess_exec(
            str(CONFBOT),
            "line",
            "richmenu",
            env=env,
            cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await process.communicate()
        assert process.returncode == 0, output.decode()
    assert len(line.rich_menus) == 3
    fr_menu = line.rich_menu_aliases["confbot-fr"]
    ja_menu = line.rich_menu_aliases["confbot-ja"]
    en_menu = line.rich_menu_aliases["confbot-en"]
    assert line.default_rich_menu_id == fr_menu
    assert f"fr: {fr_menu}" in output.decode() and f"en: {en_menu}" in output.decode()
    for menu_id, chat_bar in ((fr_menu, "Menu"), (ja_menu, "メニュー"), (en_menu, "Menu")):
        menu = line.rich_menus[menu_id]
        assert menu.image is not None and image_size(menu.image) == ("png", 2500, 1686)
        assert menu.body["chatBarText"] == chat_bar
    actions = [a["action"] for a in line.rich_menus[fr_menu].body["areas"]]
    assert [a.get("data") for a in actions] == [
        "/programme",
        "/now",
        "/workshops",
        "/faq",
        "/agenda",
        "/lang ja",
        "/lang en",
    ]
    # the language tile, cut in two: each half switches to one of the other menus at once
    assert [(a["type"], a["richMenuAliasId"], a["label"]) for a in actions[5:]] == [
        ("richmenuswitch", "confbot-ja", "日本語"),
        ("richmenuswitch", "confbot-en", "English"),
    ]
    ja_actions = [a["action"] for a in line.rich_menus[ja_menu].body["areas"]]
    assert ja_actions[0]["label"] == "プログラム"
    assert [a["data"] for a in ja_actions[5:]] == ["/lang fr", "/lang en"]
    en_actions = [a["action"] for a in line.rich_menus[en_menu].body["areas"]]
    assert en_actions[0]["label"] == "Programme" and en_actions[4]["label"] == "My agenda"
    assert [a["data"] for a in en_actions[5:]] == ["/lang fr", "/lang ja"]

    async with running(database, clock, **line_settings(line)) as bot:
        await bot.line(line, [line.follow_event(JA_USER)])
        assert line.user_rich_menus[JA_USER] == ja_menu  # the profile says ja
        await bot.line(line, [line.postback_event(JA_USER, "/lang fr")])
        assert line.user_rich_menus[JA_USER] == fr_menu
        await bot.line(line, [line.follow_event(FR_USER)])
        assert line.user_rich_menus[FR_USER] == fr_menu
        await bot.line(line, [line.postback_event(FR_USER, "/lang en")])
        assert line.user_rich_menus[FR_USER] == en_menu  # English delegates get the English one


async def test_richmenu_install_failure_leaves_no_stray_menu(
    database: Database, line: FakeLine
) -> None:
    from bot.channels.line.richmenu import RichMenuError

    line.fail_next("/v2/bot/richmenu/alias", 500)
    with pytest.raises(RichMenuError, match="500"):
        await install(database.settings(**line_settings(line)))
    assert line.rich_menus == {}


# ------------------------------------------------------------------------- the renderer


def _card(i: int, title: str = "Session") -> SessionCard:
    return SessionCard(
        f"s{i}",
        f"{title} {i}",
        "mer.",
        "9 h",
        "mer. 9 h",
        "Salle",
        "plenary",
        "Plénière",
        "#1F3A93",
        buttons=(Button("Détails", f"/session s{i}"),),
    )


def test_at_most_five_messages_thirteen_quick_replies_and_short_labels() -> None:
    many = tuple(Button(f"Bouton numéro {i} très long", f"/programme {i}") for i in range(20))
    replies = [
        Reply(ReplyKind.SCHEDULE, f"Texte {i}", "fr", buttons=many, cards=(_card(i),))
        for i in range(4)
    ]
    out = [m.to_dict() for m in render(replies)]
    assert len(out) == 5
    assert [m["type"] for m in out] == ["text", "flex", "text", "flex", "text"]
    items = out[-1]["quickReply"]["items"]
    assert len(items) == 13
    assert all(len(i["action"]["label"]) <= 20 for i in items)
    assert items[0]["action"]["label"] == "Bouton numéro 0 trè…"


def test_texts_are_merged_before_anything_is_dropped() -> None:
    replies = [Reply(ReplyKind.HELP, f"Texte {i}", "fr") for i in range(7)]
    out = [m.to_dict() for m in render(replies)]
    assert len(out) == 5
    assert "\n\n".join(m["text"] for m in out) == "\n\n".join(f"Texte {i}" for i in range(7))


def test_long_text_split_and_flex_limits() -> None:
    text = "\n".join(f"ligne {i} " + "y" * 100 for i in range(100))  # about 11,000 characters
    cards = tuple(_card(i) for i in range(15))
    heading = "Programme " + "z" * 500
    out = [
        m.to_dict()
        for m in render([Reply(ReplyKind.SCHEDULE, f"{heading}\n{text}", "fr", cards=cards)])
    ]
    texts = [m["text"] for m in out if m["type"] == "text"]
    assert len(texts) == 3 and all(len(t) <= 5000 for t in texts)
    (flex,) = [m for m in out if m["type"] == "flex"]
    assert len(flex["contents"]["contents"]) == 12
    assert len(flex["altText"]) <= MAX_ALT_TEXT and flex["altText"].endswith("…")


def test_fit_counts_utf16_and_never_cuts_a_character() -> None:
    assert fit("プログラム", 20) == "プログラム"
    assert fit("😀" * 15, 20) == "😀" * 9 + "…"
    assert len(fit("é" * 30, 20)) == 20


async def test_first_contact_through_a_tap_reads_the_profile_language(
    bot: Running, line: FakeLine, database: Database
) -> None:
    """No follow event (a database moved, a rich menu tap): the profile still gives the
    language, of the reply and of later pushes."""
    await bot.line(line, [line.postback_event(JA_USER, "/programme")])
    (first, *_rest) = messages(line, JA_USER)
    assert first["text"].startswith("11月20日(水)のプログラム")
    assert bot.server.app is not None
    async with bot.server.app.sessionmaker() as db:
        taro = await db.scalar(select(Delegate).where(Delegate.channel_user_id == JA_USER))
    assert taro is not None and taro.language == "ja" and taro.display_name == "山田太郎"
    profile_reads = len(line.calls_to(f"/v2/bot/profile/{JA_USER}"))
    assert profile_reads == 1
    await bot.line(line, [line.text_message_event(JA_USER, "/now")])
    assert len(line.calls_to(f"/v2/bot/profile/{JA_USER}")) == profile_reads  # read once


async def test_huge_or_unsigned_bodies_are_refused_before_being_read(
    bot: Running, line: FakeLine
) -> None:
    huge = b"{" + b" " * 2_000_000 + b"}"
    unsigned = await bot.client.post("/line/webhook", content=huge)
    assert unsigned.status_code == 400 and "signature" in unsigned.json()["error"]
    signed = await bot.client.post(
        "/line/webhook", content=huge, headers={"x-line-signature": "forged"}
    )
    assert signed.status_code == 413

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: cut while it streams
        for _ in range(30):
            yield b" " * 100_000

    streamed = await bot.client.post(
        "/line/webhook", content=chunks(), headers={"x-line-signature": "forged"}
    )
    assert streamed.status_code == 413
    assert line.calls_to("/v2/bot/message/reply") == []


async def test_group_and_room_events_make_no_delegate(bot: Running, line: FakeLine) -> None:
    events = [
        line.text_message_event(JA_USER, "明日の予定", group_id="C" + "1" * 32),
        line.text_message_event(FR_USER, "programme", room_id="R" + "2" * 32),
    ]
    assert (await bot.line(line, events)).status_code == 200
    assert line.calls_to("/v2/bot/message/reply") == []
    assert bot.server.app is not None
    async with bot.server.app.sessionmaker() as db:
        assert (await db.scalars(select(Delegate))).all() == []


async def test_groups_when_allowed_get_public_commands_only_and_leave_nothing(
    database: Database, clock: FixedClock, line: FakeLine
) -> None:
    group, room = "C" + "1" * 32, "R" + "2" * 32
    async with running(database, clock, **line_settings(line, allow_groups=True)) as bot:
        asked = [
            line.text_message_event(JA_USER, "/programme", group_id=group),
            line.text_message_event(JA_USER, "/agenda", group_id=group),
            line.text_message_event(
                JA_USER, "明日の予定を教えて。電話は090-1234-5678", group_id=group
            ),
            line.postback_event(FR_USER, "/faq", room_id=room),
        ]
        for event in asked:
            await bot.line(line, [event])
        replies = [d for d in line.deliveries if d.via == "reply"]
        texts = [d.message.get("text") or d.message.get("altText", "") for d in replies]
        assert texts[0].startswith("11月20日(水)のプログラム")  # in the asker's language
        assert T("ja", "group-private-only") in texts
        assert any(text.startswith(T("fr", "faq-topics")[:10]) for text in texts)
        actions = [
            item["action"]["data"]
            for d in replies
            for item in d.message.get("quickReply", {}).get("items", [])
        ]
        assert actions and all(
            a.split()[0] in ("/programme", "/session", "/faq", "/now", "/next", "/workshops")
            for a in actions
        )
        assert line.calls_to("/v2/bot/message/push") == []
        assert bot.server.app is not None
        async with bot.server.app.sessionmaker() as db:
            assert (await db.scalars(select(Delegate))).all() == []
            assert (await db.scalars(select(UnansweredQuestion))).all() == []
