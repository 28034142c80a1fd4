"""Everyday Japanese: 予定 as "is planned to", obligations that are not refusals, how-questions
in keigo, and close FAQ entries. Through the whole conversation, in the delegate's own wording."""

from __future__ import annotations

import pytest

from tests.chat import Chat
from tests.test_faq import MATCHER


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        # 予定 after a verb is "is planned to": the question is about what is planned
        ("再生可能エネルギーは、どの分科会で取り上げられる予定ですか", "topic-renewable-energy"),
        ("視察団はどこを見学する予定なの？", "professional-visits"),
        # a change of plans is not the programme
        ("予定が変わったときも通知は来ますか", "reminders"),
        ("リマインダーってどんなタイミングで来るの？予定が変更されたときも？", "reminders"),
    ],
)
async def test_yotei_after_a_verb_is_not_the_programme(ja: Chat, text: str, entry: str) -> None:
    assert await ja.understood(text) == ("faq", entry)


@pytest.mark.parametrize("text", ["予定を見せて", "よていおしえて", "全体の予定は？"])
async def test_yotei_alone_is_still_the_programme(ja: Chat, text: str) -> None:
    assert (await ja.understood(text))[0] == "schedule.programme"


async def test_when_a_described_session_is_planned_to_end_is_that_session(ja: Chat) -> None:
    assert await ja.understood("閉会式は何時ごろ終わる予定ですか") == ("schedule.search", "closing")


@pytest.mark.parametrize(
    "text",
    [
        "上司に報告しないといけないので、今回のテーマのねらいを教えて",
        "資料を読まなければいけませんか",
        "事前に登録しなくてはいけないのですか",
    ],
)
async def test_must_is_not_cannot_go(ja: Chat, text: str) -> None:
    assert (await ja.understood(text))[0] != "remove"


async def test_cannot_go_still_removes(ja: Chat) -> None:
    assert await ja.understood("第2分科会には行けなくなりました") == ("remove", "ws-society")


@pytest.mark.parametrize(
    "text",
    [
        "画面の言語を英語に変更するには、どのような手続きが必要でしょうか",
        "表示をフランス語に切り替えるには？",
        "言語の切り替えはどのような操作で行えばよろしいですか",
        "トークのメニューからも言語を変更できますか",
    ],
)
async def test_how_to_change_the_language_in_keigo_is_the_faq(ja: Chat, text: str) -> None:
    assert await ja.understood(text) == ("faq", "change-language")


async def test_asking_for_a_language_still_switches(ja: Chat) -> None:
    assert (await ja.understood("英語に切り替えてください"))[0] == "lang"


@pytest.mark.parametrize(
    "text",
    [
        "静岡宣言って何？閉会式で出すもの？",
        "静岡宣言ってなんですか、木曜日に採択されるんですよね",
    ],
)
async def test_what_a_thing_is_is_the_faq_whatever_day_it_names(ja: Chat, text: str) -> None:
    assert await ja.understood(text) == ("faq", "plenary-declaration")


async def test_what_a_thing_is_and_when_is_still_the_schedule(ja: Chat) -> None:
    assert (await ja.understood("歓迎交流会ってなんですか？何時から？"))[0].startswith("schedule.")


@pytest.mark.parametrize(
    ("text", "intent"),
    [("次ってなに？", "schedule.next"), ("明日の予定ってなに？", "schedule.day")],
)
async def test_what_comes_next_or_tomorrow_is_still_the_schedule(
    ja: Chat, text: str, intent: str
) -> None:
    assert (await ja.understood(text))[0] == intent


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        # the workshop as the setting of the question: what it says of the subject
        (
            "社会分科会では地域の防災について取り上げられますか？町内会の自主防災組織の話をしたい",
            "workshop-society-disasters",
        ),
        # the workshop proposed as the answer: the subject's entry says where it goes
        ("自主防災組織の取組は社会分科会でいいですか", "topic-risk-management"),
    ],
)
async def test_a_workshop_named_as_the_setting_decides(ja: Chat, text: str, entry: str) -> None:
    assert await ja.understood(text) == ("faq", entry)


@pytest.mark.parametrize(
    "text", ["全体テーマの正式なタイトルは？", "会議全体のテーマを日本語で正確に知りたい"]
)
async def test_the_whole_conferences_theme_is_not_a_workshops(ja: Chat, text: str) -> None:
    assert await ja.understood(text) == ("faq", "theme-general")


def test_society_at_large_is_not_the_society_workshop() -> None:
    # 社会の変化 is the world changing, not the Society workshop: it is not the second guess
    match = MATCHER.match("社会の変化とテーマの関係を教えて", "ja")
    assert [c.entry.id for c in match.candidates[:2]] == ["theme-context", "theme-general"]


@pytest.mark.parametrize(
    "text", ["この交流会議って、結局なにする会議？", "そもそも何をする会議なんですか"]
)
async def test_what_the_rencontres_do_is_answered(ja: Chat, text: str) -> None:
    assert await ja.understood(text) == ("faq", "rencontres-what")
