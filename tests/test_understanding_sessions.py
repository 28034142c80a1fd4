"""Sessions described rather than named, in fr, ja and en: by a word of their title, their
kind, their day and part of the day, or as the first or the last; for when and where, and for
adding to or removing from the agenda. Through the whole conversation, on the bundled
programme, the day before the plenary (Tuesday 19 November, 10:00 in Shizuoka)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.app import App
from tests.chat import Chat
from tests.conftest import FixedClock

JST = ZoneInfo("Asia/Tokyo")
TUESDAY = datetime(2024, 11, 19, 10, 0, tzinfo=JST)


async def understood(app: App, clock: FixedClock, lang: str, text: str) -> tuple[str, str]:
    clock.now = TUESDAY
    return await Chat(app, clock, f"someone-{lang}", lang).understood(text)


@pytest.mark.parametrize(
    ("lang", "text", "session"),
    [
        # a word of the title, said loosely, with the part of the day
        ("fr", "le machin au sanctuaire cet aprem, on démarre qd ?", "visit-sengen"),
        (
            "en",
            "that shrine outing later this afternoon, what time do we kick off?",
            "visit-sengen",
        ),
        ("ja", "今日の午後の神社の見学って何時集合？", "visit-sengen"),
        # a kind and a part of the day on a day: the one session that fits
        ("fr", "la table ronde de jeudi matin, ça se passe dans quelle salle ?", "plenary-panel-2"),
        ("ja", "木曜の朝のパネルディスカッションはどこでやりますか", "plenary-panel-2"),
        # a landmark ("just after the opening") is not the session asked about
        (
            "en",
            "the panel straight after the opening tomorrow, when does it end?",
            "plenary-panel-1",
        ),
        # generic words for what the title says otherwise
        ("fr", "le bilan des ateliers, c'est à quelle heure ?", "workshop-reports"),
        ("ja", "分科会の報告は何時から始まりますか", "workshop-reports"),
        ("en", "what time do they sign the declaration?", "closing"),
        # the first and the last, said loosely
        ("ja", "いちばん最後のやつは何時に終わりますか", "closing"),
        ("fr", "la cérémonie du début c'est à quelle heure ?", "opening"),
    ],
)
async def test_a_described_session_is_answered(
    app: App, clock: FixedClock, lang: str, text: str, session: str
) -> None:
    assert await understood(app, clock, lang, text) == ("schedule.search", session)


async def test_a_kind_on_a_day_shows_those_sessions_not_the_day(
    app: App, clock: FixedClock
) -> None:
    intent, detail = await understood(app, clock, "ja", "明日の午後の分科会、会場はどこですか")
    assert intent == "schedule.search"
    assert detail.split(",") == ["ws-economy", "ws-society", "ws-environment"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # a workshop's theme is a topic, not a session's name
        ("fr", "les seniors bénévoles dans les associations, on en parle où ?"),
        # "the last time", "since the start": not the last or the first session
        ("fr", "depuis le début des rencontres, elles ont eu lieu où ?"),
        # several workshops: their list, not one of them for its number
        ("en", "the 3 workshops, what time and which rooms?"),
    ],
)
async def test_no_session_is_made_up(app: App, clock: FixedClock, lang: str, text: str) -> None:
    intent, _ = await understood(app, clock, lang, text)
    assert intent != "schedule.search"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "fr",
            "mettez la visite du sanctuaire de cet après-midi dans mon agenda",
            ("add", "visit-sengen"),
        ),
        ("ja", "木曜の朝のパネル、予定に入れておいてください", ("add", "plenary-panel-2")),
        # the reason first, then the request
        (
            "fr",
            "Finalement je ne vais pas au sanctuaire, j'ai une réunion. Enlevez-le de mon agenda.",
            ("remove", "visit-sengen"),
        ),
        (
            "fr",
            "pas de cocktail pour moi ce soir-là, je l'avais mis dans mon agenda",
            ("remove", "reception"),
        ),
        ("en", "ok, scratch the welcome reception from my agenda please", ("remove", "reception")),
        ("ja", "神社の見学、行けなくなったので外しといてください", ("remove", "visit-sengen")),
    ],
)
async def test_a_described_session_is_added_or_removed(
    app: App, clock: FixedClock, lang: str, text: str, expected: tuple[str, str]
) -> None:
    assert await understood(app, clock, lang, text) == expected


async def test_asking_the_time_of_an_evening_is_not_adding_it(app: App, clock: FixedClock) -> None:
    intent, _ = await understood(
        app,
        clock,
        "fr",
        "la soirée de demain, c'est à quelle heure et faut il mettre une cravate ?",
    )
    assert intent != "add"


async def test_logistics_is_not_a_calendar_file(app: App, clock: FixedClock) -> None:
    intent, detail = await understood(
        app, clock, "en", "quick logistics question: the shrine thing, where do we meet?"
    )
    assert (intent, detail) == ("schedule.search", "visit-sengen")


async def test_a_time_asked_first_is_answered_before_a_second_question(
    app: App, clock: FixedClock
) -> None:
    assert await understood(
        app,
        clock,
        "fr",
        "la soirée de demain, elle commence à quelle heure et faut-il une tenue de ville ?",
    ) == ("schedule.search", "reception")


async def test_asking_why_a_workshop_is_so_adds_nothing(app: App, clock: FixedClock) -> None:
    intent, _ = await understood(
        app, clock, "en", "why did they put the environment workshop on the same afternoon?"
    )
    assert intent != "add"


@pytest.mark.parametrize(
    ("lang", "text", "session"),
    [
        # a katakana word is found whole: 「セッション」 is not in 「ディスカッション」
        ("ja", "今日いちばん最後のセッションは何時に終わる？", "visit-sengen"),
        ("fr", "la dernière visite, elle est à quelle heure ?", "visit-sengen"),
        ("en", "when does the last thing tomorrow start?", "reception"),
    ],
)
async def test_the_last_session_of_a_day_or_a_kind(
    app: App, clock: FixedClock, lang: str, text: str, session: str
) -> None:
    assert await understood(app, clock, lang, text) == ("schedule.search", session)


async def test_not_going_asked_as_a_question_removes_nothing(app: App, clock: FixedClock) -> None:
    intent, _ = await understood(
        app, clock, "fr", "je ne vais pas au cocktail en tenue de ville, c'est un problème ?"
    )
    assert intent != "remove"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "la synthèse des ateliers en plénière, c'est à quelle heure ?"),
        ("ja", "分科会の総括は何時からですか"),
        ("en", "when's the summary of the workshops?"),
    ],
)
async def test_the_report_back_said_in_other_words(
    app: App, clock: FixedClock, lang: str, text: str
) -> None:
    assert await understood(app, clock, lang, text) == ("schedule.search", "workshop-reports")


async def test_a_session_planned_to_end_is_not_the_programme(app: App, clock: FixedClock) -> None:
    # 「予定」 here is when it is planned to end, not the programme
    assert await understood(app, clock, "ja", "一番最後のやつは何時ごろ終わる予定？") == (
        "schedule.search",
        "closing",
    )
