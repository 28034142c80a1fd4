"""Schedule conversations in French, Japanese and English, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.app import App
from bot.channels.console.channel import ConsoleChat
from handlers.core.messages import Event, Incoming, Reply, ReplyKind
from handlers.schedule.formats import read_programme
from handlers.schedule.usecases import replace_programme
from tests.conftest import DATA, Database, FixedClock

JST = ZoneInfo("Asia/Tokyo")


@pytest.fixture
async def chat(app: App, clock: FixedClock) -> ConsoleChat:
    """The test programme of tests/data/programme.csv, imported over the bundled one."""
    rows = read_programme(DATA / "programme.csv", JST).rows
    async with app.sessionmaker.begin() as db:
        await replace_programme(db, rows, source="tests", sample=False, actor="test", now=clock.now)
    return ConsoleChat(app.conversation, user="alice", language=None, clock=clock)


async def ask(chat: ConsoleChat, text: str) -> Reply:
    replies = await chat.turn(text)
    assert len(replies) == 1, replies
    return replies[0]


async def test_french_when_and_where_of_a_workshop(chat: ConsoleChat) -> None:
    reply = await ask(chat, "Quand a lieu l'atelier environnement ?")
    assert reply.kind is ReplyKind.SCHEDULE and reply.language == "fr"
    assert "jeu. 21 nov., 10 h 15–12 h 00 (JST)" in reply.text
    assert "Salle Aoi" in reply.text
    assert [c.session_id for c in reply.cards] == ["env"]
    where = await ask(chat, "Où est l'atelier société ?")
    assert "Salle Sakura" in where.text and "mer. 20 nov., 14 h 00" in where.text


async def test_japanese_when_of_a_workshop(chat: ConsoleChat) -> None:
    reply = await ask(chat, "環境分科会は何時から？")
    assert reply.language == "ja"
    assert "11月21日(木) 10:15〜12:00（JST）" in reply.text
    assert "葵の間" in reply.text
    card = reply.cards[0]
    assert (card.title, card.room, card.time) == ("環境分科会", "葵の間", "10:15〜12:00")


async def test_now_and_next(chat: ConsoleChat, clock: FixedClock) -> None:
    now = await ask(chat, "/now")
    assert [c.session_id for c in now.cards] == ["panel"]
    assert "9 h 45–11 h 30" in now.text
    following = await ask(chat, "/next")
    assert [c.session_id for c in following.cards] == ["eco", "soc"]
    ja_now = await ask(chat, "今何をやっていますか")
    assert ja_now.language == "ja" and "パネル討論" in ja_now.text
    clock.now = datetime(2024, 11, 20, 12, 0, tzinfo=JST)
    quiet = await ask(chat, "/now")
    assert quiet.text.startswith("Aucune session en cours")
    assert [c.session_id for c in quiet.cards] == ["eco", "soc"]


async def test_day_programmes_relative_and_explicit(chat: ConsoleChat) -> None:
    tomorrow = await ask(chat, "programme de demain")
    assert tomorrow.text.startswith("Programme du jeu. 21 nov. (heure JST) – 2 sessions")
    assert [c.session_id for c in tomorrow.cards] == ["env", "visit"]
    assert "(annulée)" in tomorrow.text
    assert any(b.payload == "/programme 2024-11-20" for b in tomorrow.buttons)
    ja = await ask(chat, "明日の予定")
    assert ja.text.startswith("11月21日(木)のプログラム（JST）全2件")
    explicit = await ask(chat, "/programme 2024-11-20")
    assert [c.session_id for c in explicit.cards] == ["open", "panel", "eco", "soc"]
    pressed = await ask(chat, "/programme 2024-11-21")
    assert [c.session_id for c in pressed.cards] == ["env", "visit"]


async def test_sample_notice_only_for_the_bundled_programme(app: App) -> None:
    bundled = ConsoleChat(app.conversation, user="bob", language="fr", clock=app.deps.clock)
    reply = await ask(bundled, "/programme 2024-11-20")
    assert "Programme indicatif" in reply.text
    ja = await ask(bundled, "11月20日の予定")
    assert "参考例" in ja.text


async def test_imported_programme_has_no_sample_notice(chat: ConsoleChat) -> None:
    reply = await ask(chat, "/programme 2024-11-20")
    assert "indicatif" not in reply.text


async def test_before_and_after_the_conference(chat: ConsoleChat, clock: FixedClock) -> None:
    clock.now = datetime(2024, 11, 10, 9, 0, tzinfo=JST)
    before = await ask(chat, "/programme")
    assert "dans 10 jours" in before.text
    assert [c.session_id for c in before.cards] == ["open", "panel", "eco", "soc"]
    clock.now = datetime(2024, 11, 25, 9, 0, tzinfo=JST)
    after = await ask(chat, "/programme")
    assert "sont terminées (dernier jour : jeu. 21 nov.)" in after.text
    assert {b.payload for b in after.buttons} == {"/programme 2024-11-20", "/programme 2024-11-21"}
    assert not after.cards


async def test_session_details_and_unknown_session(chat: ConsoleChat) -> None:
    reply = await ask(chat, "/session panel")
    assert reply.kind is ReplyKind.SESSION
    assert "Intervenants : Maire de Tours, 市長" in reply.text
    unknown = await ask(chat, "/session nope")
    assert unknown.kind is ReplyKind.ERROR and "nope" in unknown.text


async def test_title_speaker_and_room_words(chat: ConsoleChat) -> None:
    by_speaker = await ask(chat, "Jeanne Martin")
    assert [c.session_id for c in by_speaker.cards] == ["env"]
    by_room = await ask(chat, "桜の間")
    assert [c.session_id for c in by_room.cards] == ["soc"]


async def test_venue_question(chat: ConsoleChat) -> None:
    reply = await ask(chat, "会場はどこ")
    assert "静岡県静岡市" in reply.text
    assert "まだ登録されていません" in reply.text  # the venue is unknown in content/: said so


async def test_language_choice_is_stored_and_used(chat: ConsoleChat) -> None:
    menu = await ask(chat, "/lang")
    assert menu.kind is ReplyKind.LANGUAGE
    assert [b.payload for b in menu.buttons] == ["/lang fr", "/lang ja", "/lang en"]
    chosen = await ask(chat, "2")  # the console presses button 2
    assert chosen.language == "ja" and chosen.text.startswith("承知しました")
    assert (await ask(chat, "/now")).language == "ja"
    # a message clearly in French still gets a French answer
    assert (await ask(chat, "programme de demain")).language == "fr"


async def test_unknown_command_huge_and_strange_text(chat: ConsoleChat) -> None:
    unknown = await ask(chat, "/frobnicate now")
    assert unknown.kind is ReplyKind.ERROR and "/frobnicate" in unknown.text
    huge = await ask(chat, "x" * 100_000)
    assert huge.kind is ReplyKind.FALLBACK
    strange = await ask(chat, "\x00\u202e🙂\ufeff")
    assert strange.kind in {ReplyKind.FALLBACK, ReplyKind.SCHEDULE}


async def test_follow_unfollow_and_unsupported(app: App, clock: FixedClock) -> None:
    def msg(event: Event) -> Incoming:
        return Incoming("line", "U1", clock.now, language_hint="ja", event=event)

    welcome = await app.conversation.handle(msg(Event.FOLLOW))
    assert welcome[0].kind is ReplyKind.HELP and welcome[0].language == "ja"
    assert await app.conversation.handle(msg(Event.UNFOLLOW)) == []
    sticker = await app.conversation.handle(msg(Event.UNSUPPORTED))
    assert sticker[0].text.startswith("恐れ入りますが")


def test_console_jsonl_command_line(database: Database, tmp_path: object) -> None:
    """The `Done when` of the core issue, through the real command line."""
    database.confbot("programme", "import", str(DATA / "programme.csv"))
    lines = [
        "Quand a lieu l'atelier économie ?",
        "環境分科会は何時から？",
        "/now",
        "/next",
        "明日の予定",
        "/lang",
        "/lang ja",
        "",
    ]
    stdout = database.confbot(
        "console", "--jsonl", "--now", "2024-11-20T10:00", stdin="\n".join(lines) + "\n"
    )
    out = [json.loads(line) for line in stdout.splitlines()]
    assert len(out) == len(lines)
    first = out[0]["replies"][0]
    assert first["kind"] == "schedule" and "mer. 20 nov., 14 h 00–16 h 00 (JST)" in first["text"]
    assert first["cards"][0]["room"] == "Salle Fuji"
    assert "11月21日(木) 10:15〜12:00（JST）" in out[1]["replies"][0]["text"]
    assert [c["session_id"] for c in out[2]["replies"][0]["cards"]] == ["panel"]
    assert [c["session_id"] for c in out[3]["replies"][0]["cards"]] == ["eco", "soc"]
    assert out[4]["replies"][0]["text"].startswith("11月21日(木)のプログラム")
    assert out[5]["replies"][0]["buttons"][1] == {"label": "日本語", "payload": "/lang ja"}
    assert out[6]["replies"][0]["kind"] == "language"
    assert out[7] == {"replies": []}
