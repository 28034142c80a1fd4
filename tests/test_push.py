"""Agendas, change notifications, reminders and broadcasts, pushed through the real SDKs to the
fake platforms, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bench.fakes import (
    DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
    DEFAULT_TELEGRAM_TOKEN,
    FakeLine,
    FakeTelegram,
    make_line_id,
)
from bot.app import App, build_app
from bot.channels.line.sender import LineSender
from bot.channels.telegram.sender import TelegramSender
from bot.dispatcher import ChannelSender, Dispatcher, DispatcherConfig
from db.models import (
    AuditLog,
    Broadcast,
    ChangeEvent,
    ConversationState,
    Delegate,
    OutboxMessage,
    Role,
)
from handlers.core.messages import Event, Incoming, Reply, ReplyKind
from handlers.notify.options import NotifyOptions
from handlers.organisers.roles import set_role
from handlers.schedule.model import edit_row
from handlers.schedule.store import load_rows
from handlers.schedule.usecases import replace_programme
from tests.conftest import Database, FixedClock

pytestmark = pytest.mark.parity  # storage, outbox, workers: SQLite and PostgreSQL

JST = ZoneInfo("Asia/Tokyo")


@dataclass
class World:
    app: App
    clock: FixedClock
    telegram: FakeTelegram
    line: FakeLine
    dispatcher: Dispatcher

    async def say(self, channel: str, user: str, text: str, hint: str = "fr") -> list[Reply]:
        message = Incoming(channel, user, self.clock.now, text=text, language_hint=hint)
        return await self.app.conversation.handle(message)

    async def edit(self, session_id: str, field: str, value: str) -> None:
        async with self.app.sessionmaker.begin() as db:
            rows = await load_rows(db)
            row = next(r for r in rows if r.id == session_id)
            edited = edit_row(row, field, value, JST)
            await replace_programme(
                db,
                [edited if r.id == session_id else r for r in rows],
                source="test",
                sample=False,
                actor="test",
                now=self.clock.now,
                notify=NotifyOptions.of(self.app.deps, self.clock.now),
            )

    async def drain(self) -> None:
        for _ in range(20):
            if await self.dispatcher.tick() == 0:
                return

    def telegram_texts(self, chat: str) -> list[str]:
        return [m["text"] for m in self.telegram.sent_messages(int(chat))]


@pytest.fixture
async def world(database: Database, clock: FixedClock) -> AsyncIterator[World]:
    await database.migrate()
    telegram, line = FakeTelegram(), FakeLine(quota=200)
    await telegram.start()
    await line.start()
    settings = database.settings(
        telegram_bot_token=DEFAULT_TELEGRAM_TOKEN,
        telegram_api_base_url=telegram.base_url,
        telegram_mode="polling",
        line_channel_access_token=DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
        line_channel_secret="secret",
        line_api_base_url=line.api_base_url,
        line_api_data_base_url=line.data_base_url,
    )
    app = await build_app(settings, clock=clock)
    senders: dict[str, ChannelSender] = {
        "telegram": TelegramSender.from_settings(settings, app.deps.t),
        "line": LineSender.from_settings(settings),
    }
    dispatcher = Dispatcher.of(app, senders, clock=clock, config=DispatcherConfig(backoff_base=1.0))
    try:
        yield World(app, clock, telegram, line, dispatcher)
    finally:
        for sender in senders.values():
            await sender.close()
        await app.close()
        await telegram.stop()
        await line.stop()


FR_TG = "1001"
JA_LINE = make_line_id("ja-line")
JA_TG = "1002"
FR_LINE = make_line_id("fr-line")
BYSTANDER = "1003"


async def test_moved_session_reaches_exactly_its_delegates_in_their_languages(world: World) -> None:
    for channel, user, hint in (
        ("telegram", FR_TG, "fr"),
        ("line", JA_LINE, "ja"),
        ("telegram", JA_TG, "ja"),
        ("line", FR_LINE, "fr"),
        ("telegram", BYSTANDER, "fr"),
    ):
        await world.say(channel, user, "/start", hint)
    await world.say("telegram", FR_TG, "/add ws-economy")
    await world.say("line", JA_LINE, "/add ws-economy", "ja")
    await world.say("telegram", JA_TG, "/follow economy", "ja")
    await world.say("line", FR_LINE, "/follow all")
    await world.say("telegram", BYSTANDER, "/follow environment")
    world.telegram.reset_calls()
    world.line.reset_calls()

    await world.edit("ws-economy", "start", "14:00")
    await world.drain()
    assert world.telegram_texts(FR_TG) == []  # merged changes wait for the window
    world.clock.now += timedelta(seconds=61)
    await world.drain()

    fr = world.telegram_texts(FR_TG)
    assert len(fr) == 1 and "Changement de programme" in fr[0]
    assert "mer. 20 nov., 13 h 30–16 h 00 (JST) → mer. 20 nov., 14 h 00–16 h 30 (JST)" in fr[0]
    ja = world.telegram_texts(JA_TG)
    assert len(ja) == 1 and "プログラム変更" in ja[0] and "14:00〜16:30" in ja[0]
    assert world.telegram_texts(BYSTANDER) == []
    line_ja = world.line.delivered_texts(JA_LINE)
    line_fr = world.line.delivered_texts(FR_LINE)
    assert any("14:00〜16:30" in text for text in line_ja)
    assert any("14 h 00–16 h 30" in text for text in line_fr)
    assert all(d.retry_key for d in world.line.deliveries)
    # nothing twice
    await world.drain()
    assert len(world.telegram_texts(FR_TG)) == 1


async def test_changes_within_the_window_are_merged(world: World) -> None:
    await world.say("telegram", FR_TG, "/add ws-society")
    await world.edit("ws-society", "room_fr", "Salle 9")
    world.clock.now += timedelta(seconds=20)
    await world.edit("ws-society", "start", "15:00")
    world.clock.now += timedelta(seconds=50)
    await world.drain()
    texts = world.telegram_texts(FR_TG)
    assert len(texts) == 1
    assert "Salle 2 → Salle 9" in texts[0] and "15 h 00" in texts[0]


async def test_change_and_back_within_the_window_sends_nothing(world: World) -> None:
    await world.say("telegram", FR_TG, "/add ws-society")
    await world.edit("ws-society", "room_fr", "Salle 9")
    await world.edit("ws-society", "room_fr", "Salle 2")
    world.clock.now += timedelta(seconds=61)
    await world.drain()
    assert world.telegram_texts(FR_TG) == []


async def test_cancelled_session_and_its_reminder(world: World) -> None:
    await world.say("line", JA_LINE, "/add ws-environment", "ja")
    async with world.app.sessionmaker() as db:
        reminders = (
            await db.scalars(select(OutboxMessage).where(OutboxMessage.kind == "reminder"))
        ).all()
    assert len(reminders) == 1
    assert reminders[0].due_at == datetime(2024, 11, 20, 13, 15, tzinfo=JST)
    await world.edit("ws-environment", "status", "cancelled")
    world.clock.now += timedelta(seconds=61)
    await world.drain()
    texts = world.line.delivered_texts(JA_LINE)
    assert any("中止" in t for t in texts)
    async with world.app.sessionmaker() as db:
        left = (
            await db.scalars(select(OutboxMessage).where(OutboxMessage.kind == "reminder"))
        ).all()
    assert left == []


async def test_reminder_is_sent_once_and_follows_a_moved_session(world: World) -> None:
    await world.say("telegram", FR_TG, "/add ws-economy")
    await world.edit("ws-economy", "start", "14:00")
    world.clock.now = datetime(2024, 11, 20, 13, 20, tzinfo=JST)
    await world.drain()
    assert not any("Rappel" in t for t in world.telegram_texts(FR_TG))
    world.clock.now = datetime(2024, 11, 20, 13, 46, tzinfo=JST)
    await world.drain()
    reminders = [t for t in world.telegram_texts(FR_TG) if "Rappel" in t]
    assert len(reminders) == 1 and "14 h 00" in reminders[0]
    world.clock.now += timedelta(minutes=5)
    await world.drain()
    assert len([t for t in world.telegram_texts(FR_TG) if "Rappel" in t]) == 1


async def test_broadcast_by_organiser_and_refused_for_a_delegate(world: World) -> None:
    for channel, user, hint in (
        ("telegram", FR_TG, "fr"),
        ("line", JA_LINE, "ja"),
        ("line", FR_LINE, "fr"),
    ):
        await world.say(channel, user, "/start", hint)
    refused = await world.say("telegram", FR_TG, "/broadcast")
    assert refused[0].kind is ReplyKind.ERROR
    async with world.app.sessionmaker.begin() as db:
        await set_role(db, ("telegram", FR_TG), Role.ORGANISER, now=world.clock.now)
    steps = [
        "/broadcast",
        "Salle changée",
        "会場が変わりました",
        "/broadcast skip",
        "/broadcast to all",
    ]
    for text in steps:
        replies = await world.say("telegram", FR_TG, text)
    assert "Destinataires : 3" in replies[-1].text
    assert "LINE" in replies[-1].text and "restent" in replies[-1].text  # the quota is read
    done = await world.say("telegram", FR_TG, "/broadcast send")
    assert "Diffusion n°" in done[0].text
    await world.drain()
    await world.drain()
    assert any("Salle changée" in t for t in world.telegram_texts(FR_TG))
    assert any("会場が変わりました" in t for t in world.line.delivered_texts(JA_LINE))
    assert any("Salle changée" in t for t in world.line.delivered_texts(FR_LINE))
    multicasts = world.line.calls_to("/v2/bot/message/multicast") + world.line.calls_to(
        "/v2/bot/message/push"
    )
    assert len(multicasts) == 2  # one per language version
    report = [t for t in world.telegram_texts(FR_TG) if "terminée" in t]
    assert len(report) == 1 and "3 envoyés" in report[0]


async def test_an_organiser_removed_mid_broadcast_cannot_finish_it(world: World) -> None:
    async with world.app.sessionmaker.begin() as db:
        await set_role(db, ("telegram", FR_TG), Role.ORGANISER, now=world.clock.now)
    for text in ("/broadcast", "Annonce", "お知らせ"):
        await world.say("telegram", FR_TG, text)
    async with world.app.sessionmaker.begin() as db:
        await set_role(db, ("telegram", FR_TG), Role.DELEGATE, now=world.clock.now)
    refused = await world.say("telegram", FR_TG, "English text")  # the next step, as free text
    assert refused[0].kind is ReplyKind.ERROR
    assert (await world.say("telegram", FR_TG, "/broadcast to all"))[0].kind is ReplyKind.ERROR
    async with world.app.sessionmaker() as db:
        assert (await db.scalars(select(Broadcast))).all() == []
        assert await db.get(ConversationState, (await _delegate_id(db, FR_TG))) is None
        refusals = (await db.scalars(select(AuditLog.action))).all()
    assert refusals.count("refused.broadcast") == 2


async def _delegate_id(db: AsyncSession, user: str) -> int:
    found = await db.scalar(select(Delegate.id).where(Delegate.channel_user_id == user))
    assert found is not None
    return found


async def test_blocked_telegram_user_is_marked_inactive(world: World) -> None:
    await world.say("telegram", FR_TG, "/add ws-economy")
    world.telegram.block_chat(int(FR_TG))
    await world.edit("ws-economy", "room_fr", "Salle 9")
    world.clock.now += timedelta(seconds=61)
    await world.drain()
    async with world.app.sessionmaker() as db:
        delegate = await db.scalar(select(Delegate).where(Delegate.channel_user_id == FR_TG))
        row = await db.scalar(select(OutboxMessage).where(OutboxMessage.kind == "change"))
    assert delegate is not None and not delegate.active
    assert row is not None and row.status == "blocked"


async def test_429_and_500_are_retried(world: World) -> None:
    await world.say("telegram", FR_TG, "/add ws-economy")
    await world.say("line", JA_LINE, "/add ws-economy", "ja")
    world.telegram.fail_next("sendMessage", 429, retry_after=3)
    world.line.fail_next("/v2/bot/message/push", 500)
    await world.edit("ws-economy", "room_fr", "Salle 9")
    await world.edit("ws-economy", "room_ja", "第9会場")
    world.clock.now += timedelta(seconds=61)
    await world.drain()
    assert world.telegram_texts(FR_TG) == []
    assert world.line.delivered_texts(JA_LINE) == []
    world.clock.now += timedelta(seconds=5)
    await world.drain()
    assert len(world.telegram_texts(FR_TG)) == 1
    assert len([t for t in world.line.delivered_texts(JA_LINE) if "第9会場" in t]) == 1


async def test_forget_erases_the_delegate(world: World) -> None:
    await world.say("telegram", FR_TG, "/add ws-economy")
    await world.say("telegram", FR_TG, "/follow all")
    await world.say("telegram", FR_TG, "quelle est la recette des crêpes ?")
    confirm = await world.say("telegram", FR_TG, "/forget")
    assert [b.payload for b in confirm[0].buttons] == ["/forget yes", "/forget no"]
    done = await world.say("telegram", FR_TG, "/forget yes")
    assert done[0].text.startswith("C'est fait")
    async with world.app.sessionmaker() as db:
        assert await db.scalar(select(Delegate).where(Delegate.channel_user_id == FR_TG)) is None
        assert (await db.scalars(select(OutboxMessage))).all() == []


async def test_forget_leaves_no_id_of_an_organiser_anywhere(world: World) -> None:
    actor = f"telegram:{FR_TG}"
    async with world.app.sessionmaker.begin() as db:
        await set_role(db, ("telegram", FR_TG), Role.ORGANISER, now=world.clock.now)
    await world.say("telegram", FR_TG, "/set ws-economy start 14:00")
    for text in ("/broadcast", "Annonce", "お知らせ", "/broadcast skip", "/broadcast to all"):
        await world.say("telegram", FR_TG, text)
    await world.say("telegram", FR_TG, "/broadcast send")
    await world.say("telegram", FR_TG, "/forget yes")
    async with world.app.sessionmaker() as db:
        creators = (await db.scalars(select(Broadcast.created_by))).all()
        sources = (await db.scalars(select(ChangeEvent.source))).all()
        actors = (await db.scalars(select(AuditLog.actor))).all()
    assert creators and sources and actors
    assert actor not in [*creators, *sources, *actors]
    assert set(creators) == {"forgotten"} and "forgotten" in sources


async def test_agenda_lists_by_day_with_clashes_and_exports_ics(world: World) -> None:
    await world.say("telegram", FR_TG, "/add ws-economy")
    await world.say("telegram", FR_TG, "/add ws-society")
    await world.say("telegram", FR_TG, "/add closing")
    reply = (await world.say("telegram", FR_TG, "/agenda"))[0]
    assert reply.kind is ReplyKind.AGENDA
    assert "mer. 20 nov." in reply.text and "jeu. 21 nov." in reply.text
    assert reply.text.count("chevauchement") == 2
    ics = (await world.say("telegram", FR_TG, "/agenda ics"))[0]
    assert ics.attachment is not None and ics.attachment.data.count(b"BEGIN:VEVENT") == 3


async def test_settings_toggle(world: World) -> None:
    reply = (await world.say("telegram", FR_TG, "/settings"))[0]
    assert "/follow all" in [b.payload for b in reply.buttons]
    reply = (await world.say("telegram", FR_TG, "/reminders 30"))[0]
    assert "30 min" in reply.text
    reply = (await world.say("telegram", FR_TG, "/follow all"))[0]
    reply = (await world.say("telegram", FR_TG, "/settings"))[0]
    assert "Tous les changements du programme : oui" in reply.text
    assert "/unfollow all" in [b.payload for b in reply.buttons]


async def test_unfollow_event(world: World) -> None:
    await world.say("line", JA_LINE, "/add ws-economy", "ja")
    await world.app.conversation.handle(
        Incoming("line", JA_LINE, world.clock.now, event=Event.UNFOLLOW)
    )
    await world.edit("ws-economy", "room_ja", "第9会場")
    async with world.app.sessionmaker() as db:
        rows = (await db.scalars(select(OutboxMessage).where(OutboxMessage.kind == "change"))).all()
    assert rows == []  # inactive delegates are not notified


async def test_line_quota_used_up_waits_for_the_next_reply(
    database: Database, clock: FixedClock
) -> None:
    from handlers.broadcast.audience import Audience
    from handlers.broadcast.usecases import create_broadcast
    from tests.serving import line_settings, running

    line = FakeLine(quota=200)
    await line.start()
    try:
        line.set_quota(1)  # two recipients of one batch: the batch waits whole
        async with running(database, clock, **line_settings(line)) as bot:
            line.add_profile(JA_LINE, "Sato", "ja")
            line.add_profile(FR_LINE, "Martin", "fr")
            await bot.line(line, [line.follow_event(JA_LINE)])
            await bot.line(line, [line.follow_event(FR_LINE)])
            async with bot.server.app.sessionmaker.begin() as db:  # type: ignore[union-attr]
                await create_broadcast(
                    db,
                    texts={"fr": "Le bus part à 9 h.", "ja": "バスは9時に出発します。"},
                    audience=Audience.parse("all"),
                    actor="test",
                    reporter_id=None,
                    send_at=clock.now,
                    now=clock.now,
                    default_language="fr",
                    pushable=frozenset({"telegram", "line"}),
                )
            rows: dict[str, str] = {}
            for _ in range(50):
                rows = await broadcast_statuses(bot.server.app)  # type: ignore[arg-type]
                if sorted(rows.values()) == ["sent", "waiting_quota"]:
                    break
                await asyncio.sleep(0.1)
            # the quota (1) took one language version; the other waits
            assert sorted(rows.values()) == ["sent", "waiting_quota"]
            waiting = next(user for user, status in rows.items() if status == "waiting_quota")
            pushed = [d for d in line.deliveries if d.via in ("push", "multicast")]
            assert len(pushed) == 1 and pushed[0].recipient != waiting
            text = "明日の予定" if waiting == JA_LINE else "programme de demain"
            await bot.line(line, [line.text_message_event(waiting, text)])
            expected = "バスは9時に出発します。" if waiting == JA_LINE else "Le bus part à 9 h."
            replies = [d for d in line.deliveries_to(waiting) if d.via == "reply"]
            assert any(expected in str(d.message.get("text", "")) for d in replies)
            assert await broadcast_statuses(bot.server.app) == {  # type: ignore[arg-type]
                JA_LINE: "sent",
                FR_LINE: "sent",
            }
    finally:
        await line.stop()


async def broadcast_statuses(app: App) -> dict[str, str]:
    async with app.sessionmaker() as db:
        rows = (
            await db.execute(
                select(Delegate.channel_user_id, OutboxMessage.status)
                .join(Delegate, Delegate.id == OutboxMessage.delegate_id)
                .where(OutboxMessage.kind == "broadcast")
            )
        ).all()
    return {user: status for user, status in rows}


async def test_agenda_ics_is_a_document_on_telegram_and_a_list_on_line(
    database: Database, clock: FixedClock
) -> None:
    from tests.serving import line_settings, running, telegram_settings

    telegram, line = FakeTelegram(), FakeLine()
    await telegram.start()
    await line.start()
    try:
        settings = {**telegram_settings(telegram), **line_settings(line)}
        async with running(database, clock, **settings) as bot:
            for text in ("/add ws-economy", "/agenda ics"):
                await bot.telegram(telegram.message_update(int(FR_TG), text, language_code="fr"))
            documents = telegram.sent_documents(int(FR_TG))
            assert len(documents) == 1 and documents[0].file_name == "agenda.ics"
            assert documents[0].content.startswith(b"BEGIN:VCALENDAR")
            for text in ("/add ws-economy", "/agenda ics"):
                await bot.line(line, [line.text_message_event(FR_LINE, text)])
            last = line.delivered_texts(FR_LINE)[-1]
            assert "LINE ne permet pas" in last and "Atelier 1" in last
    finally:
        await telegram.stop()
        await line.stop()


async def test_the_terminal_chat_gets_no_pushed_messages(world: World) -> None:
    """The console cannot be pushed to: nothing waits in the outbox for it."""
    await world.say("console", "alice", "/add ws-economy")
    await world.say("console", "alice", "/follow all")
    await world.edit("ws-economy", "room_fr", "Salle 9")
    async with world.app.sessionmaker() as db:
        assert (await db.scalars(select(OutboxMessage))).all() == []


async def test_a_chat_with_many_messages_waiting_does_not_hold_up_the_others() -> None:
    """Telegram allows one message a second per chat: five for one chat take four seconds, and
    a message to another chat goes meanwhile, not after them."""
    from bot.dispatcher import RateLimiter

    limiter = RateLimiter(25)
    done: list[str] = []

    async def send(chat: str) -> None:
        await limiter.wait(chat)
        done.append(chat)

    flood = [asyncio.create_task(send("flood")) for _ in range(3)]
    await asyncio.sleep(0)  # their turns are taken first
    await send("other")
    assert done == ["flood", "other"]
    await asyncio.gather(*flood)
