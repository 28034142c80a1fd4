"""Live calendar feeds: what a subscribed calendar sees when it polls `confbot serve`, and the
personal feed's link as delegates get it on Telegram and LINE, renew it and lose it."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from icalendar import Calendar
from sqlalchemy import select

from bench.fakes import FakeLine, FakeTelegram, make_line_id
from db.models import CalendarFeed
from handlers.feeds.feed import programme_url
from handlers.notify.options import NotifyOptions
from handlers.schedule.usecases import edit_session
from tests.conftest import Database, FixedClock
from tests.serving import Running, line_settings, running, telegram_settings

pytestmark = [
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Please use 'Bot.sendMessage':UserWarning"),
]

PUBLIC = "https://bot.example.org"
FR_USER, OTHER_USER = 1001, 1002
JA_LINE = make_line_id("hanako")
FEED_URL = re.compile(r"https://bot\.example\.org(/calendar/agenda/[A-Za-z0-9_-]{32}\.ics)")


class Subscriber:
    """A calendar subscribed to a feed: it polls with the validators of its last answer, as
    calendar apps do."""

    def __init__(self, client: httpx.AsyncClient, path: str) -> None:
        self.client, self.path = client, path
        self.etag: str | None = None
        self.modified: str | None = None
        self.calendar: Calendar | None = None

    async def poll(self, *, by: str = "etag") -> int:
        headers = {}
        if by == "etag" and self.etag:
            headers["If-None-Match"] = self.etag
        if by == "date" and self.modified:
            headers["If-Modified-Since"] = self.modified
        response = await self.client.get(self.path, headers=headers)
        if response.status_code == 200:
            assert response.headers["content-type"].startswith("text/calendar")
            self.calendar = Calendar.from_ical(response.content)
        if response.status_code in (200, 304):
            self.etag = response.headers["etag"]
            self.modified = response.headers["last-modified"]
        return response.status_code

    def event(self, session_id: str) -> Any:
        assert self.calendar is not None
        return next(e for e in self.calendar.walk("VEVENT") if e["UID"] == f"{session_id}@confbot")

    def uids(self) -> list[str]:
        assert self.calendar is not None
        return [str(e["UID"]) for e in self.calendar.walk("VEVENT")]


async def edit(bot: Running, session_id: str, field: str, value: str) -> None:
    """An organiser's change, as the chat's /set and the command line make it."""
    app = bot.server.app
    assert app is not None
    async with app.sessionmaker.begin() as db:
        await edit_session(
            db,
            session_id,
            [(field, value)],
            tz=app.deps.tz,
            actor="test",
            source="test",
            notify=NotifyOptions.of(app.deps, app.deps.clock()),
        )


@pytest.fixture
async def line() -> AsyncIterator[FakeLine]:
    async with FakeLine() as fake:
        fake.add_profile(JA_LINE, "花子", "ja")
        yield fake


@pytest.fixture
async def bot(
    database: Database, clock: FixedClock, tg: FakeTelegram, line: FakeLine
) -> AsyncIterator[Running]:
    settings = {**telegram_settings(tg), **line_settings(line), "public_url": PUBLIC}
    async with running(database, clock, **settings) as started:
        yield started


@pytest.mark.parity  # the validators are stored: SQLite and PostgreSQL
async def test_programme_feed_shows_a_moved_session_at_the_next_poll_and_304_meanwhile(
    bot: Running, clock: FixedClock
) -> None:
    calendar = Subscriber(bot.client, "/calendar/programme.ics?lang=fr")
    assert await calendar.poll() == 200
    assert calendar.calendar is not None
    assert calendar.calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Tokyo"
    assert "Programme indicatif" in str(calendar.calendar["X-WR-CALDESC"])  # the sample says so
    economy = calendar.event("ws-economy")
    assert str(economy["SUMMARY"]).startswith("Atelier 1")
    before = economy.decoded("DTSTART")
    assert economy["SEQUENCE"] == 0 and str(economy["STATUS"]) == "CONFIRMED"
    first_etag, first_modified = calendar.etag, calendar.modified

    assert await calendar.poll() == 304  # nothing changed: by ETag
    assert await calendar.poll(by="date") == 304  # and by date
    assert calendar.etag == first_etag

    clock.now += timedelta(minutes=5)
    await edit(bot, "ws-economy", "start", "15:00")
    assert await calendar.poll() == 200
    moved = calendar.event("ws-economy")
    assert moved.decoded("DTSTART").hour == 15 and moved.decoded("DTSTART") != before
    assert moved["SEQUENCE"] == 1
    assert moved.decoded("LAST-MODIFIED") == clock.now.replace(microsecond=0)
    assert calendar.etag != first_etag and calendar.modified != first_modified
    assert await calendar.poll() == 304

    # a calendar that polls by date only sees the change too
    by_date = Subscriber(bot.client, "/calendar/programme.ics?lang=fr")
    by_date.modified = first_modified
    assert await by_date.poll(by="date") == 200

    # Japanese and English are other feeds; an unknown language is refused
    japanese = Subscriber(bot.client, "/calendar/programme.ics?lang=ja")
    assert await japanese.poll() == 200
    assert str(japanese.event("ws-economy")["SUMMARY"]).startswith("第1分科会")
    assert str(japanese.calendar["X-WR-CALNAME"]) == "プログラム（日仏自治体交流会議）"  # type: ignore[index]
    assert (await bot.client.get("/calendar/programme.ics?lang=de")).status_code == 400


async def test_a_cancellation_appears_as_cancelled_with_a_higher_sequence(
    bot: Running, clock: FixedClock
) -> None:
    calendar = Subscriber(bot.client, "/calendar/programme.ics?lang=en")
    assert await calendar.poll() == 200
    await edit(bot, "visit-sengen", "room_fr", "Sanctuaire (entrée est)")
    clock.now += timedelta(seconds=1)
    await edit(bot, "visit-sengen", "status", "cancelled")
    assert await calendar.poll() == 200
    cancelled = calendar.event("visit-sengen")
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled["SEQUENCE"] == 2  # one per change
    assert "visit-sengen@confbot" in calendar.uids()  # kept, so that calendars cross it out


async def test_two_changes_within_one_second_still_change_last_modified(
    bot: Running, clock: FixedClock
) -> None:
    calendar = Subscriber(bot.client, "/calendar/programme.ics?lang=fr")
    await calendar.poll()
    first = calendar.modified
    await edit(bot, "ws-society", "room_fr", "Salle 7")
    await calendar.poll()
    second = calendar.modified
    await edit(bot, "ws-society", "room_fr", "Salle 8")  # the same second on the clock
    stale = Subscriber(bot.client, "/calendar/programme.ics?lang=fr")
    stale.modified = second
    assert await stale.poll(by="date") == 200
    assert len({first, second, stale.modified}) == 3


def feed_path(text: str) -> str:
    match = FEED_URL.search(text)
    assert match is not None, text
    return match.group(1)


async def test_telegram_agenda_ics_gives_the_feed_and_the_file_and_the_feed_follows_the_agenda(
    bot: Running, tg: FakeTelegram, database: Database
) -> None:
    await bot.telegram(tg.message_update(FR_USER, "/add ws-economy", language_code="fr"))
    tg.reset_calls()
    await bot.telegram(tg.message_update(FR_USER, "/agenda ics", language_code="fr"))
    feed, file_note = tg.sent_messages(FR_USER)
    assert "calendrier en ligne" in feed["text"]
    assert programme_url(PUBLIC, "fr") in feed["text"]
    buttons = [b["callback_data"] for row in feed["reply_markup"]["inline_keyboard"] for b in row]
    assert "/agenda ics new" in buttons
    assert file_note["text"].startswith("Voici votre agenda (1 session)")
    (document,) = tg.sent_documents(FR_USER)
    assert document.content.count(b"BEGIN:VEVENT") == 1
    path = feed_path(feed["text"])

    calendar = Subscriber(bot.client, path)
    assert await calendar.poll() == 200
    assert calendar.uids() == ["ws-economy@confbot"]
    assert str(calendar.calendar["X-WR-CALNAME"]).startswith("Mon agenda")  # type: ignore[index]
    assert await calendar.poll() == 304

    # asking again gives the same link; the agenda's changes reach it at the next poll
    await bot.telegram(tg.message_update(FR_USER, "/agenda ics", language_code="fr"))
    assert feed_path(tg.sent_messages(FR_USER)[-2]["text"]) == path
    await bot.telegram(tg.message_update(FR_USER, "/add closing", language_code="fr"))
    assert await calendar.poll() == 200
    assert calendar.uids() == ["ws-economy@confbot", "closing@confbot"]
    await bot.telegram(tg.message_update(FR_USER, "/remove ws-economy", language_code="fr"))
    assert await calendar.poll(by="date") == 200  # a removal leaves no date, yet it shows
    assert calendar.uids() == ["closing@confbot"]
    await edit(bot, "closing", "room_fr", "Grande salle")
    assert await calendar.poll() == 200
    assert str(calendar.event("closing")["LOCATION"]) == "Grande salle"
    # the delegate's language is the feed's
    await bot.telegram(tg.callback_query_update(FR_USER, "/lang ja", language_code="fr"))
    assert await calendar.poll() == 200
    assert str(calendar.event("closing")["SUMMARY"]).startswith("閉会式")


@pytest.mark.parity
async def test_a_new_link_revokes_the_old_one_and_forget_revokes_the_feed(
    bot: Running, tg: FakeTelegram, database: Database
) -> None:
    await bot.telegram(tg.message_update(FR_USER, "/agenda ics", language_code="fr"))
    old = feed_path(tg.sent_messages(FR_USER)[0]["text"])
    await bot.telegram(tg.message_update(OTHER_USER, "/agenda ics", language_code="fr"))
    other = feed_path(tg.sent_messages(OTHER_USER)[0]["text"])
    assert other != old  # a token per delegate, random: nothing in it says whose it is
    assert str(FR_USER) not in old

    tg.reset_calls()
    await bot.telegram(tg.callback_query_update(FR_USER, "/agenda ics new", language_code="fr"))
    (renewed,) = tg.sent_messages(FR_USER)
    assert "l'ancien ne fonctionne plus" in renewed["text"]
    new = feed_path(renewed["text"])
    assert new != old
    assert (await bot.client.get(old)).status_code == 404
    assert (await bot.client.get(new)).status_code == 200
    assert (await bot.client.get(other)).status_code == 200

    await bot.telegram(tg.message_update(FR_USER, "/forget yes", language_code="fr"))
    assert (await bot.client.get(new)).status_code == 404
    assert (await bot.client.get(other)).status_code == 200
    for made_up in ("/calendar/agenda/" + "A" * 32 + ".ics", "/calendar/agenda/x.ics"):
        assert (await bot.client.get(made_up)).status_code == 404
    async with bot.server.app.sessionmaker() as db:  # type: ignore[union-attr]
        assert len((await db.scalars(select(CalendarFeed))).all()) == 1


async def test_line_agenda_ics_gives_the_link_instead_of_a_file(
    bot: Running, line: FakeLine
) -> None:
    await bot.line(line, [line.follow_event(JA_LINE)])
    await bot.line(line, [line.text_message_event(JA_LINE, "/add ws-environment")])
    line.reset_calls()
    await bot.line(line, [line.text_message_event(JA_LINE, "マイアジェンダをカレンダーに入れたい")])
    texts = [d.message.get("text", "") for d in line.deliveries_to(JA_LINE)]
    (text,) = [t for t in texts if "calendar/agenda" in t]
    assert text.startswith("マイアジェンダ（1件）は、オンラインのカレンダー")
    calendar = Subscriber(bot.client, feed_path(text))
    assert await calendar.poll() == 200
    assert str(calendar.event("ws-environment")["SUMMARY"]).startswith("第3分科会")


async def test_without_public_url_the_file_and_the_list_stay(
    database: Database, clock: FixedClock, tg: FakeTelegram
) -> None:
    async with running(database, clock, **telegram_settings(tg)) as bot:
        await bot.telegram(tg.message_update(FR_USER, "/agenda ics", language_code="fr"))
        assert all("calendar/agenda" not in m["text"] for m in tg.sent_messages(FR_USER))
        assert len(tg.sent_documents(FR_USER)) == 1
