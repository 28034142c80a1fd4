"""Telegram end to end: python-telegram-bot against the fake Bot API, through `BotServer`."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bench.fakes import FakeTelegram, TelegramAPIError, telegram_webhook_headers
from bot.channels.telegram.render import MAX_TEXT, render
from bot.i18n import Catalogues
from db.models import Delegate, UnansweredQuestion
from handlers.core.conversation import Response
from handlers.core.messages import Button, Incoming, Reply, ReplyKind, SessionCard
from handlers.core.understanding import Outcome, Understanding
from handlers.schedule.store import load_rows
from handlers.schedule.usecases import replace_programme
from tests.conftest import Database, FixedClock
from tests.serving import SECRET, Running, eventually, running, telegram_settings

pytestmark = [
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
    # bot.telegram calls do_api_request("sendMessage") on purpose; pytest resets its filter
    pytest.mark.filterwarnings("ignore:Please use 'Bot.sendMessage':UserWarning"),
]

T = Catalogues()
FR_USER, JA_USER = 1001, 2002


@pytest.fixture
async def bot(database: Database, clock: FixedClock, tg: FakeTelegram) -> AsyncIterator[Running]:
    async with running(database, clock, **telegram_settings(tg)) as started:
        yield started


def buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    markup = message.get("reply_markup") or {"inline_keyboard": []}
    return [(b["text"], b["callback_data"]) for row in markup["inline_keyboard"] for b in row]


def shown(tg: FakeTelegram, chat_id: int) -> list[str]:
    """Texts as the delegate sees them (HTML parsed by the fake)."""
    return [
        c.response["result"]["text"]
        for c in tg.calls_to("sendMessage", ok_only=True)
        if c.params["chat_id"] == chat_id and c.response is not None
    ]


async def test_french_delegate_programme_buttons_language_and_fallback(
    bot: Running, tg: FakeTelegram
) -> None:
    assert (
        await bot.telegram(tg.message_update(FR_USER, "/start", language_code="fr"))
    ).status_code == 200
    welcome, overview = tg.sent_messages(FR_USER)
    assert welcome["parse_mode"] == "HTML"
    assert welcome["text"].startswith("Bonjour ! Je suis l'assistant des 8e Rencontres")
    assert ("Programme", "/programme") in buttons(welcome)
    assert ("Langue", "/lang") in buttons(welcome)
    assert overview["text"].startswith("Programme du mer. 20 nov. (heure JST) – 6 sessions")
    # card titles in bold, each card with its details button
    assert "<b>Cérémonie d'ouverture</b>" in overview["text"]
    assert ("Détails : Cérémonie d'ouverture", "/session opening") in buttons(overview)
    assert ("jeu. 21 nov.", "/programme 2024-11-21") in buttons(overview)

    tg.reset_calls()
    await bot.telegram(
        tg.callback_query_update(FR_USER, "/programme 2024-11-21", language_code="fr")
    )
    assert len(tg.calls_to("answerCallbackQuery", ok_only=True)) == 1
    (day,) = tg.sent_messages(FR_USER)
    assert day["text"].startswith("Programme du jeu. 21 nov. (heure JST) – 3 sessions")
    assert ("Détails : Clôture et adoption de la Déclaration d…", "/session closing") in buttons(
        day
    )

    tg.reset_calls()
    await bot.telegram(tg.callback_query_update(FR_USER, "/session closing", language_code="fr"))
    (details,) = shown(tg, FR_USER)
    assert details.startswith(
        "Clôture et adoption de la Déclaration de Shizuoka\nQuand : jeu. 21 nov., 12 h 00–12 h 30 (JST)"
    )
    assert "Où : Salle plénière" in details

    tg.reset_calls()
    await bot.telegram(tg.callback_query_update(FR_USER, "/lang", language_code="fr"))
    (choose,) = tg.sent_messages(FR_USER)
    assert choose["text"] == T("fr", "language-choose")
    assert buttons(choose) == [
        ("Français", "/lang fr"),
        ("日本語", "/lang ja"),
        ("English", "/lang en"),
    ]
    await bot.telegram(tg.callback_query_update(FR_USER, "/lang ja", language_code="fr"))
    assert tg.sent_messages(FR_USER)[-1]["text"] == "承知しました。これから日本語でお答えします。"
    assert ("プログラム", "/programme") in buttons(tg.sent_messages(FR_USER)[-1])
    await bot.telegram(tg.message_update(FR_USER, "/programme", language_code="fr"))
    assert tg.sent_messages(FR_USER)[-1]["text"].startswith("11月20日(水)のプログラム（JST）全6件")
    await bot.telegram(tg.callback_query_update(FR_USER, "/lang fr", language_code="fr"))

    tg.reset_calls()
    await bot.telegram(
        tg.message_update(
            FR_USER, "Quelle est la couleur préférée de mon chat ?", language_code="fr"
        )
    )
    (fallback,) = tg.sent_messages(FR_USER)
    assert fallback["text"] == T("fr", "fallback").replace("<", "&lt;")
    assert ("Programme", "/programme") in buttons(fallback)
    assert len(tg.calls_to("answerCallbackQuery")) == 0  # a message is no callback


async def test_japanese_delegate_on_telegram(bot: Running, tg: FakeTelegram) -> None:
    await bot.telegram(tg.message_update(JA_USER, "/start", language_code="ja"))
    welcome, overview = tg.sent_messages(JA_USER)
    assert welcome["text"].startswith("こんにちは。第8回日仏自治体交流会議（静岡県静岡市）")
    assert ("プログラム", "/programme") in buttons(welcome)
    assert "<b>開会式</b>" in overview["text"]
    assert ("開会式（詳細）", "/session opening") in buttons(overview)

    tg.reset_calls()
    await bot.telegram(tg.message_update(JA_USER, "明日の予定", language_code="ja"))
    (tomorrow,) = shown(tg, JA_USER)
    assert tomorrow.startswith("11月21日(木)のプログラム（JST）全3件")
    await bot.telegram(tg.message_update(JA_USER, "ペンギンの好物は何ですか", language_code="ja"))
    assert shown(tg, JA_USER)[-1] == T("ja", "fallback")


async def test_commands_set_in_each_language_at_start(bot: Running, tg: FakeTelegram) -> None:
    french = tg.my_commands("fr")
    assert [c["command"] for c in french] == [
        "programme",
        "now",
        "next",
        "workshops",
        "faq",
        "agenda",
        "settings",
        "lang",
        "help",
    ]
    assert french[1]["description"] == "Les sessions en ce moment"
    assert tg.my_commands("ja")[0]["description"].startswith("本日のプログラム")
    assert tg.my_commands("ja")[5]["description"] == "マイアジェンダ"
    assert tg.my_commands("en")[7]["description"] == "Change language"
    assert tg.my_commands("")[8]["description"] == "Ce que je sais faire"  # default: French
    assert tg.calls_to("setWebhook") == []  # no TELEGRAM_WEBHOOK_URL


async def test_set_webhook_at_start_with_secret_and_updates(
    database: Database, clock: FixedClock, tg: FakeTelegram
) -> None:
    url = "https://confbot.example.org/telegram/webhook"
    async with running(database, clock, **telegram_settings(tg, telegram_webhook_url=url)):
        assert tg.webhook is not None
        assert tg.webhook["url"] == url
        assert tg.webhook["secret_token"] == "test-webhook-secret_123"
        assert tg.webhook["allowed_updates"] == ["message", "callback_query", "my_chat_member"]


async def test_wrong_or_missing_secret_is_refused_and_nothing_sent(
    bot: Running, tg: FakeTelegram
) -> None:
    update = tg.message_update(FR_USER, "/start", language_code="fr")
    assert (await bot.telegram(update, secret="not-the-secret")).status_code == 403
    assert (await bot.telegram(update, secret=None)).status_code == 403
    assert tg.calls_to("sendMessage") == []
    # the update was not recorded either: the genuine delivery is answered
    assert (await bot.telegram(update)).status_code == 200
    assert len(tg.sent_messages(FR_USER)) == 2


async def test_replayed_update_gets_no_second_reply(bot: Running, tg: FakeTelegram) -> None:
    update = tg.message_update(FR_USER, "/programme", language_code="fr")
    assert (await bot.telegram(update)).status_code == 200
    assert (await bot.telegram(update)).status_code == 200
    assert len(tg.sent_messages(FR_USER)) == 1
    press = tg.callback_query_update(FR_USER, "/now", language_code="fr")
    await bot.telegram(press)
    await bot.telegram(press)
    assert len(tg.sent_messages(FR_USER)) == 2
    assert len(tg.calls_to("answerCallbackQuery")) == 1
    metrics = bot.metrics()
    assert 'confbot_updates_duplicate_total{channel="telegram"} 2.0' in metrics


async def test_malformed_updates_are_400(bot: Running, tg: FakeTelegram) -> None:
    assert (await bot.telegram(b"{not json")).status_code == 400
    assert (await bot.telegram(b'{"message": {}}')).status_code == 400
    assert (await bot.telegram(b"[1, 2]")).status_code == 400
    assert tg.calls_to("sendMessage") == []


async def test_a_reply_telegram_refuses_with_a_500_is_pushed_from_the_outbox(
    bot: Running, tg: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    tg.fail_next("sendMessage", 500)
    update = tg.message_update(FR_USER, "/help", language_code="fr")
    with caplog.at_level(logging.WARNING):
        await bot.telegram(update)
    assert f"update {update['update_id']} not taken" in caplog.text
    await eventually(lambda: len(tg.sent_messages(FR_USER)) == 1)
    assert tg.sent_messages(FR_USER)[0]["text"].startswith("Vous pouvez m'écrire librement")
    assert tg.sent_messages(FR_USER)[0]["reply_markup"]  # sent as written, buttons and all
    metrics = bot.metrics()
    assert 'confbot_errors_total{channel="telegram",stage="send"} 1.0' in metrics
    assert 'confbot_replies_handed_over_total{channel="telegram"} 1.0' in metrics
    await eventually(lambda: 'status="sent"} 1.0' in bot.metrics())
    assert 'confbot_outbox_outcomes_total{channel="telegram",status="sent"} 1.0' in bot.metrics()
    await bot.telegram(update)  # redelivered: answered once
    await bot.telegram(tg.message_update(FR_USER, "/now", language_code="fr"))
    assert len(tg.sent_messages(FR_USER)) == 2


async def test_a_429_inside_a_reply_is_waited_out_in_the_outbox_not_in_the_turn(
    bot: Running, tg: FakeTelegram, clock: FixedClock
) -> None:
    """/start answers with two messages; Telegram says 429 (retry after 30 s) to the first: the
    turn does not sleep and retry (one call only), both go later, in order, once each."""
    tg.fail_next("sendMessage", 429, retry_after=30)
    await bot.telegram(tg.message_update(FR_USER, "/start", language_code="fr"))
    assert len(tg.calls_to("sendMessage")) == 1  # the turn ended without trying again
    assert 'confbot_replies_handed_over_total{channel="telegram"} 1.0' in bot.metrics()
    await asyncio.sleep(1.5)  # a dispatcher round at the same clock: not due yet
    assert tg.sent_messages(FR_USER) == []
    clock.now += timedelta(seconds=31)
    await eventually(lambda: len(tg.sent_messages(FR_USER)) == 2)
    welcome, overview = tg.sent_messages(FR_USER)
    assert welcome["text"].startswith("Bonjour ! Je suis l'assistant")
    assert overview["text"].startswith("Programme du mer. 20 nov.")


async def test_a_reply_that_times_out_is_pushed_once_telegram_answers_again(
    bot: Running, tg: FakeTelegram, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.channels.telegram.channel.REPLY_TIMEOUT", 0.2)
    tg.hang(1.0)  # sendMessage answers nothing for a second, then 502, delivering nothing
    await bot.telegram(tg.message_update(FR_USER, "/help", language_code="fr"))
    assert 'confbot_replies_handed_over_total{channel="telegram"} 1.0' in bot.metrics()

    def delivered() -> bool:
        clock.now += timedelta(seconds=5)  # past any backoff of a push that met the hang
        return len(tg.sent_messages(FR_USER)) == 1

    await eventually(delivered)
    await asyncio.sleep(0.5)
    assert len(tg.sent_messages(FR_USER)) == 1


async def test_a_part_of_a_long_reply_already_delivered_is_not_sent_again(
    bot: Running, tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert bot.server.app is not None
    long = Reply(ReplyKind.HELP, "\n".join(["ligne " + "x" * 90] * 100), "fr")
    parts = render(long, T)
    assert len(parts) == 3

    async def answer(_message: object) -> Response:
        return Response([long], Understanding(Outcome.COMMAND, "help"))

    monkeypatch.setattr(bot.server.app.conversation, "respond", answer)
    calls = 0
    real = tg._send_message

    async def second_fails(call: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise TelegramAPIError(500, "Internal Server Error")
        return await real(call)

    monkeypatch.setattr(tg, "_send_message", second_fails)
    await bot.telegram(tg.message_update(FR_USER, "/help", language_code="fr"))
    await eventually(lambda: len(tg.sent_messages(FR_USER)) == 3)
    await asyncio.sleep(0.5)
    texts = [m["text"] for m in tg.sent_messages(FR_USER)]
    assert texts == [p.html for p in parts]


async def test_a_turn_that_meets_an_unreachable_database_is_answered_when_it_is_back(
    bot: Running, tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert bot.server.app is not None
    respond = bot.server.app.conversation.respond
    failures = 3

    async def away_then_back(message: Incoming) -> Response:
        nonlocal failures
        if failures:
            failures -= 1
            raise OperationalError("INSERT INTO processed_updates", {}, ConnectionRefusedError())
        return await respond(message)

    monkeypatch.setattr(bot.server.app.conversation, "respond", away_then_back)
    update = tg.message_update(FR_USER, "/help", language_code="fr")
    await bot.telegram(update)
    (reply,) = tg.sent_messages(FR_USER)  # the answer, not the apology
    assert reply["text"].startswith("Vous pouvez m'écrire librement")
    assert 'confbot_errors_total{channel="telegram",stage="database"} 3.0' in bot.metrics()
    await bot.telegram(update)  # recorded by the turn that ran: not answered twice
    assert len(tg.sent_messages(FR_USER)) == 1


async def test_a_turn_whose_commit_went_through_as_the_database_went_away_is_not_silent(
    bot: Running, tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commit was applied but its answer was lost with the connection: run again, the
    turn finds its update recorded. Its replies are gone, so the delegate gets the apology
    rather than nothing."""
    assert bot.server.app is not None
    respond = bot.server.app.conversation.respond
    lost = True

    async def committed_then_cut(message: Incoming) -> Response:
        nonlocal lost
        response = await respond(message)
        if lost:
            lost = False
            raise OperationalError("COMMIT", {}, ConnectionResetError())
        return response

    monkeypatch.setattr(bot.server.app.conversation, "respond", committed_then_cut)
    await bot.telegram(tg.message_update(FR_USER, "/help", language_code="fr"))
    assert [m["text"] for m in tg.sent_messages(FR_USER)] == [T("fr", "error-apology")]


async def test_a_delegate_who_floods_is_told_once_to_slow_down(
    bot: Running, tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert bot.server.app is not None
    respond = bot.server.app.conversation.respond
    release = asyncio.Event()

    async def held(message: Incoming) -> Response:
        await release.wait()
        return await respond(message)

    monkeypatch.setattr(bot.server.app.conversation, "respond", held)
    headers = telegram_webhook_headers(SECRET)
    for i in range(25):  # 20 wait their turn; the 21st to 25th are dropped
        update = tg.message_update(FR_USER, f"/session s{i}", language_code="fr")
        response = await bot.client.post("/telegram/webhook", json=update, headers=headers)
        assert response.status_code == 200
    await eventually(lambda: len(tg.sent_messages(FR_USER)) == 1)
    (note,) = tg.sent_messages(FR_USER)
    assert note["text"] == T("fr", "slow-down")
    assert 'confbot_updates_dropped_total{channel="telegram"} 5.0' in bot.metrics()
    release.set()
    await bot.idle()
    texts = [m["text"] for m in tg.sent_messages(FR_USER)]
    assert len(texts) == 21 and texts.count(T("fr", "slow-down")) == 1
    assert "s0" in texts[1] and "s19" in texts[-1]  # the first twenty, in order


async def test_handler_failure_apologises_in_the_delegates_language(
    bot: Running,
    tg: FakeTelegram,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await bot.telegram(tg.message_update(JA_USER, "/start", language_code="ja"))
    assert bot.server.app is not None

    async def broken(_message: object) -> list[Reply]:
        raise RuntimeError("boom")

    monkeypatch.setattr(bot.server.app.conversation, "respond", broken)
    update = tg.message_update(JA_USER, "/programme", language_code="fr")
    with caplog.at_level(logging.ERROR):
        await bot.telegram(update)
    assert f"telegram:{update['update_id']}" in caplog.text and "boom" in caplog.text
    assert tg.sent_messages(JA_USER)[-1]["text"] == T("ja", "error-apology")
    monkeypatch.undo()
    # The failed turn rolled back, but the update was still recorded: redelivered, it is not
    # answered again.
    answered = len(tg.sent_messages(JA_USER))
    await bot.telegram(update)
    assert len(tg.sent_messages(JA_USER)) == answered
    await bot.telegram(tg.message_update(JA_USER, "/help", language_code="ja"))
    assert tg.sent_messages(JA_USER)[-1]["text"].startswith("次のように自由に入力してください")


async def test_sticker_gets_a_polite_reply_and_blocking_marks_inactive(
    bot: Running, tg: FakeTelegram
) -> None:
    sticker = {
        "sticker": {
            "file_id": "s1",
            "file_unique_id": "u1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    }
    await bot.telegram(tg.message_update(FR_USER, None, language_code="fr", extra=sticker))
    (reply,) = tg.sent_messages(FR_USER)
    assert reply["text"] == T("fr", "unsupported-message")
    tg.block_chat(FR_USER)
    await bot.telegram(tg.message_update(FR_USER, "/help", language_code="fr"))
    assert bot.server.app is not None
    async with bot.server.app.sessionmaker() as db:
        delegate = await db.scalar(select(Delegate).where(Delegate.channel_user_id == str(FR_USER)))
    assert delegate is not None and delegate.active is False


async def test_polling_mode(database: Database, clock: FixedClock, tg: FakeTelegram) -> None:
    async with running(database, clock, **telegram_settings(tg, telegram_mode="polling")) as bot:
        tg.queue_update(tg.message_update(FR_USER, "/programme 2024-11-21", language_code="fr"))
        await eventually(lambda: len(tg.sent_messages(FR_USER)) == 1)
        (day,) = tg.sent_messages(FR_USER)
        assert day["text"].startswith("Programme du jeu. 21 nov.")
        tg.queue_update(tg.callback_query_update(FR_USER, "/lang ja", language_code="fr"))
        await eventually(lambda: len(tg.sent_messages(FR_USER)) == 2)
        assert tg.sent_messages(FR_USER)[1]["text"] == T("ja", "language-set")
        assert len(tg.answered_callback_queries) == 1
        # the webhook route is closed in polling mode
        response = await bot.client.post("/telegram/webhook", content=b"{}")
        assert response.status_code == 404
        assert tg.calls_to("getUpdates")[0].params["allowed_updates"] == [
            "message",
            "callback_query",
            "my_chat_member",
        ]


async def test_webhook_mode_without_secret_refuses_to_start(
    database: Database, clock: FixedClock, tg: FakeTelegram
) -> None:
    with pytest.raises(ValueError, match="TELEGRAM_WEBHOOK_SECRET"):
        async with running(database, clock, **telegram_settings(tg, telegram_webhook_secret="")):
            pass
    assert tg.calls_to("sendMessage") == []


# ------------------------------------------------------------------------- the renderer


def _reply(text: str, **kwargs: Any) -> Reply:
    return Reply(ReplyKind.SCHEDULE, text, "fr", **kwargs)


def test_long_messages_split_at_line_breaks_keyboard_on_the_last() -> None:
    lines = [f"• ligne {i} " + "x" * 90 for i in range(100)]  # about 10,300 characters
    out = render(_reply("\n".join(lines), buttons=(Button("Programme", "/programme"),)), T)
    assert len(out) == 3
    assert all(len(o.html) <= MAX_TEXT for o in out)
    assert "\n".join(o.html for o in out) == "\n".join(lines)  # nothing lost, cut between lines
    assert [o.keyboard is not None for o in out] == [False, False, True]


def test_a_single_line_over_the_limit_is_cut() -> None:
    out = render(_reply("mot " * 3000), T)
    assert len(out) == 3 and all(len(o.html) <= MAX_TEXT for o in out)


def test_every_string_is_escaped_and_long_callback_data_dropped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    card = SessionCard(
        "s1",
        "A <b>&</b> B",
        "mer.",
        "9 h",
        "mer. 9 h",
        "Salle <1>",
        "t",
        "T",
        "#000000",
        buttons=(Button("Détails", "/session s1"),),
    )
    reply = _reply(
        "Titre <script>alert(1)</script> & co",
        buttons=(Button("ok <i>", "/help"), Button("trop long", "/session " + "é" * 40)),
        cards=(card,),
    )
    with caplog.at_level(logging.ERROR):
        (out,) = render(reply, T)
    assert out.html.startswith("Titre &lt;script&gt;alert(1)&lt;/script&gt; &amp; co")
    # the card's title is not in the text: a compact block with the title in bold
    assert "<b>A &lt;b&gt;&amp;&lt;/b&gt; B</b>\nmer. 9 h\nSalle &lt;1&gt;" in out.html
    assert out.keyboard is not None
    data = [b.callback_data for row in out.keyboard.inline_keyboard for b in row]
    assert data == ["/help", "/session s1"]
    assert all(len(str(d).encode()) <= 64 for d in data)
    assert "callback_data over 64 bytes" in caplog.text


async def test_html_is_accepted_by_the_bot_api(bot: Running, tg: FakeTelegram) -> None:
    """A title with markup characters goes through the fake's HTML parser unchanged."""
    app = bot.server.app
    assert app is not None
    # Renamed as organisers do (the programme's version changes): the programme read at start
    # is read again.
    async with app.sessionmaker.begin() as db:
        rows = [
            replace(r, title_fr="Ouverture <officielle> & accueil") if r.id == "opening" else r
            for r in await load_rows(db)
        ]
        await replace_programme(
            db, rows, source="tests", sample=True, actor="test", now=app.deps.clock()
        )
    await bot.telegram(tg.message_update(FR_USER, "/programme 2024-11-20", language_code="fr"))
    (text,) = shown(tg, FR_USER)
    assert "Ouverture <officielle> & accueil" in text
    (call,) = tg.calls_to("sendMessage", ok_only=True)
    assert call.response is not None
    bold = [e for e in call.response["result"]["entities"] if e["type"] == "bold"]
    assert len(bold) == 6
    json.dumps(call.params)  # what PTB sent is plain JSON


async def test_a_huge_body_is_refused_with_413(bot: Running, tg: FakeTelegram) -> None:
    huge = b'{"update_id": 1, "padding": "' + b"x" * 2_000_000 + b'"}'
    assert (await bot.telegram(huge)).status_code == 413
    assert (await bot.telegram(huge, secret="wrong")).status_code == 403  # the secret first
    assert tg.calls_to("sendMessage") == []


async def test_groups_are_not_served_and_leave_nothing(
    bot: Running, tg: FakeTelegram, database: Database
) -> None:
    group = -1001234567890  # a supergroup
    await bot.telegram(tg.message_update(FR_USER, "/agenda", chat_id=group, language_code="fr"))
    await bot.telegram(tg.message_update(FR_USER, "mon numéro : 06 12 34 56 78", chat_id=group))
    assert tg.calls_to("sendMessage") == []
    assert bot.server.app is not None
    async with bot.server.app.sessionmaker() as db:
        assert (await db.scalars(select(Delegate))).all() == []
        assert (await db.scalars(select(UnansweredQuestion))).all() == []


async def test_descriptions_are_set_in_each_language_from_the_catalogues(
    bot: Running, tg: FakeTelegram
) -> None:
    assert set(tg.descriptions) == set(tg.short_descriptions) == {"fr", "ja", "en", ""}
    assert tg.descriptions["fr"].startswith(
        "Je suis l'assistant des 8e Rencontres franco-japonaises de la coopération décentralisée"
    )
    assert tg.descriptions["ja"].startswith("第8回日仏自治体交流会議（静岡県静岡市）")
    assert tg.descriptions["en"].startswith("I am the assistant of the 8th Franco-Japanese")
    assert tg.descriptions[""] == tg.descriptions["fr"]  # the default language's, for the rest
    assert tg.short_descriptions["ja"].startswith("第8回日仏自治体交流会議のご案内")
    for language in ("fr", "ja", "en"):
        assert len(tg.descriptions[language]) <= 512
        assert len(tg.short_descriptions[language]) <= 120
        assert not tg.short_descriptions[language].endswith("…")  # no catalogue text was cut


async def test_groups_when_allowed_get_public_commands_only_and_leave_nothing(
    database: Database, clock: FixedClock, tg: FakeTelegram
) -> None:
    group = -1001234567890
    async with running(database, clock, **telegram_settings(tg, allow_groups=True)) as bot:
        said = [
            "/programme@confbot_test_bot",  # addressed to this bot
            "/workshops",  # to every bot of the group
            "/agenda@confbot_test_bot",  # personal: not here
            "/programme@another_bot",  # another bot's
            "mon numéro : 06 12 34 56 78",  # chatter
        ]
        for text in said:
            await bot.telegram(tg.message_update(FR_USER, text, chat_id=group, language_code="fr"))
        anonymous = tg.message_update(FR_USER, "/programme", chat_id=group, language_code="fr")
        anonymous["message"]["sender_chat"] = {"id": group, "type": "supergroup", "title": "G"}
        await bot.telegram(anonymous)
        sent = tg.sent_messages(group)
        assert [m["text"].split("\n")[0][:20] for m in sent] == [
            "Programme du mer. 20",
            "Les 3 ateliers :",
            T("fr", "group-private-only")[:20],
        ]
        pressed = {payload for message in sent for _label, payload in buttons(message)}
        assert pressed and all(
            p.split()[0] in ("/programme", "/session", "/faq", "/now", "/next", "/workshops")
            for p in pressed
        )
        await bot.telegram(
            tg.callback_query_update(
                FR_USER, "/programme 2024-11-21", chat_id=group, language_code="fr"
            )
        )
        await bot.telegram(
            tg.callback_query_update(FR_USER, "/add ws-economy", chat_id=group, language_code="fr")
        )
        later = tg.sent_messages(group)[3:]
        assert later[0]["text"].startswith("Programme du jeu. 21 nov.")
        assert later[1]["text"] == T("fr", "group-private-only")
        assert tg.sent_messages(FR_USER) == []  # nothing went to the member in private
        assert bot.server.app is not None
        async with bot.server.app.sessionmaker() as db:
            assert (await db.scalars(select(Delegate))).all() == []
            assert (await db.scalars(select(UnansweredQuestion))).all() == []


def test_a_button_that_a_card_already_carries_is_not_shown_twice() -> None:
    card = SessionCard(
        session_id="ws-economy",
        title="Atelier 1 – Économie",
        day="mer. 20 nov.",
        time="13 h 30–16 h 00",
        when="mer. 20 nov., 13 h 30–16 h 00",
        room="",
        track="economy",
        track_label="Économie",
        colour="#E67E22",
        buttons=(Button("Détails", "/session ws-economy"),),
    )
    reply = Reply(
        ReplyKind.NOTIFICATION,
        "Changement de programme : « Atelier 1 – Économie »",
        "fr",
        buttons=(Button("Détails", "/session ws-economy"), Button("Programme", "/programme")),
        cards=(card,),
    )
    (out,) = render(reply, T)
    assert out.keyboard is not None
    payloads = [b.callback_data for row in out.keyboard.inline_keyboard for b in row]
    assert payloads.count("/session ws-economy") == 1
    assert "/programme" in payloads
