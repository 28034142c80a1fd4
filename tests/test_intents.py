"""Schedule questions against content questions: the boundary between schedule and FAQ."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.content import load_conference
from bot.paths import CONTENT_DIR
from handlers.schedule.intents import IntentKind, parse, parse_day

TRACKS = load_conference(CONTENT_DIR)[0].tracks
TODAY = date(2024, 11, 20)
DAYS = [date(2024, 11, d) for d in (18, 19, 20, 21)]


@pytest.mark.parametrize(
    ("text", "kind", "track"),
    [
        ("Quand a lieu l'atelier environnement ?", IntentKind.TRACK, "environment"),
        ("Où est l'atelier société ?", IntentKind.TRACK, "society"),
        ("a quelle heure commence l'atelier economie", IntentKind.TRACK, "economy"),
        ("環境分科会は何時から？", IntentKind.TRACK, "environment"),
        ("社会分科会の会場はどこ", IntentKind.TRACK, "society"),
        ("When is the economy workshop?", IntentKind.TRACK, "economy"),
        ("programme de demain", IntentKind.DAY, None),
        ("明日の予定", IntentKind.DAY, None),
        ("会場はどこ", IntentKind.VENUE, None),
        ("qu'est-ce qui se passe maintenant ?", IntentKind.NOW, None),
        ("次は何？", IntentKind.NEXT, None),
        ("le programme", IntentKind.PROGRAMME, None),
    ],
)
def test_schedule_questions(text: str, kind: IntentKind, track: str | None) -> None:
    intent = parse(text, TRACKS, TODAY, DAYS)
    assert intent is not None
    assert (intent.kind, intent.track) == (kind, track)


@pytest.mark.parametrize(
    "text",
    [
        "de quoi parle l'atelier environnement ?",
        "環境分科会のテーマは何ですか",
        "What is the society workshop about?",
        "Quand ont lieu les prochaines Rencontres ?",
        "次回の会議はどこ？",
        "c'est quoi le thème ?",
        "今日は",  # "hello": not "now"
        "なんで今のタイミングでこの分科会なの？",  # why, in kana: not "now"
        "nande ima kono teema?",
    ],
)
def test_content_questions_are_left_to_the_faq(text: str) -> None:
    intent = parse(text, TRACKS, TODAY, DAYS)
    assert intent is None or (intent.kind is IntentKind.DAY and text == "今日は")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("demain", date(2024, 11, 21)),
        ("après-demain", date(2024, 11, 22)),
        ("あした", date(2024, 11, 21)),
        ("2024-11-19", date(2024, 11, 19)),
        ("11月18日", date(2024, 11, 18)),
        ("18日", date(2024, 11, 18)),
        ("2日目", date(2024, 11, 19)),
        ("jour 3", date(2024, 11, 20)),
        ("21 novembre", date(2024, 11, 21)),
        ("nov 19", date(2024, 11, 19)),
        ("20/11", date(2024, 11, 20)),
        ("11/21の予定", date(2024, 11, 21)),
        ("jeudi", date(2024, 11, 21)),
        ("月曜日", date(2024, 11, 18)),
        ("le 19", date(2024, 11, 19)),
        ("最終日のスケジュール", date(2024, 11, 21)),
        ("さいごのひ", date(2024, 11, 21)),
        ("初日は何がありますか", date(2024, 11, 18)),
        ("programme du dernier jour", date(2024, 11, 21)),
        ("le programme du 21", date(2024, 11, 21)),
        ("二十日の予定", date(2024, 11, 20)),
        ("十八日", date(2024, 11, 18)),
        ("二十一日は何がある", date(2024, 11, 21)),
        ("schedule for the 20th", date(2024, 11, 20)),
        ("l'atelier du 3", None),  # not a day of the Rencontres
        ("what's on the first day?", date(2024, 11, 18)),
        ("31/02", None),
        ("rien", None),
    ],
)
def test_days(text: str, expected: date | None) -> None:
    assert parse_day(text, TODAY, DAYS) == expected


def test_tracks_come_from_content() -> None:
    assert {t.code for t in TRACKS if t.workshop} == {"economy", "society", "environment"}
    assert Path(CONTENT_DIR / "tracks.yaml").exists()


@pytest.mark.parametrize(
    ("text", "kind", "track"),
    [
        ("et ensuite, c'est quoi la suite ?", IntentKind.NEXT, None),
        ("bon, ça se passe quoi en ce moment", IntentKind.NOW, None),
        ("la clôture, c'est à quel moment ?", IntentKind.TRACK, "ceremony"),
        ("l'atelier société c'est ou", IntentKind.TRACK, "society"),
        ("しゃかいぶんかかいはどのへや", IntentKind.TRACK, "society"),
        ("かんげいこうりゅうかいはなんじから", IntentKind.TRACK, "reception"),
        ("l'atelier économie, c'est au premier étage ?", IntentKind.TRACK, "economy"),
        ("ça dure combien de temps, la table ronde ?", IntentKind.TRACK, "plenary"),
        ("how long does the environment workshop last", IntentKind.TRACK, "environment"),
        ("comment je vais au centre de congrès ?", IntentKind.VENUE, None),
        ("y a quoi ce soir ?", IntentKind.DAY, None),
        ("anything on tonight", IntentKind.DAY, None),
        ("これから何をやりますか", IntentKind.NEXT, None),
        ("opening ceremony time?", IntentKind.TRACK, "ceremony"),
        ("workshop 2 start time", IntentKind.TRACK, "society"),
    ],
)
def test_schedule_questions_as_typed(text: str, kind: IntentKind, track: str | None) -> None:
    intent = parse(text, TRACKS, TODAY, DAYS)
    assert intent is not None
    assert (intent.kind, intent.track) == (kind, track)


@pytest.mark.parametrize(
    "text",
    [
        "le vélo partagé, atelier économie ou environnement ?",  # "ou" is "or" here
        "we do bike sharing: economy or environment?",
        "リサイクルは経済か環境か",
        "かんきょうぶんかかいのもくてき",  # 「かんきょう」 holds 「きょう」, not today
        "les rencontres vont du 18 au 21 novembre, c'est bien ça ?",
        "前回はどこで開かれましたか",
        "森林保全はどこの分科会ですか",
        "notre cantine bio, on la présente où ?",
        "on pourra revoir les vidéos après ?",  # "après" alone is not "what is next"
    ],
)
def test_choices_series_and_ranges_are_left_to_the_faq(text: str) -> None:
    assert parse(text, TRACKS, TODAY, DAYS) is None


@pytest.mark.parametrize(
    ("text", "kind", "day"),
    [
        ("bon alors c'est où la conférence ?", IntentKind.VENUE, None),
        ("ashita no puroguramu", IntentKind.DAY, date(2024, 11, 21)),
        ("kyo no schedule pls", IntentKind.DAY, TODAY),
        ("分科会ってどこでやるんですか", IntentKind.WORKSHOPS, None),
    ],
)
def test_venue_romaji_days_and_workshops(text: str, kind: IntentKind, day: date | None) -> None:
    intent = parse(text, TRACKS, TODAY, DAYS)
    assert intent is not None
    assert (intent.kind, intent.day) == (kind, day)


@pytest.mark.parametrize(
    "text",
    [
        "la suivante, ce sera au Japon ou en France ?",  # another edition
        "les rencontres précédentes, c'était où ?",
        "where will the next one be held?",
        "quelle tenue pour le dîner de demain ?",  # what to wear, not when
        "les slides de la table ronde seront en ligne ?",
        "閉会式の服装は？",
        "the conference is 18 to 21 Nov, right?",
        "視察団はどこを回るんですか",  # the visits' sites: what the visits are
        "明日の閉会式で採択される宣言とは",  # what the declaration is, with a day and a session
        "全体会はどのような趣旨ですか",
        "交流会の券はどこで買えばいいですか",  # where to buy, get or pay: not where it is
        "分科会の資料はどこでもらえる？",
    ],
)
def test_other_editions_and_what_a_session_is_like(text: str) -> None:
    assert parse(text, TRACKS, TODAY, DAYS) is None


def test_a_japanese_sentence_of_reason_is_not_the_question() -> None:
    # 「資料」 in the reason would make it a question about the slides; the question is where
    intent = parse(
        "第2分科会の部屋を教えてください。発表資料を印刷したいので。", TRACKS, TODAY, DAYS
    )
    assert intent is not None and (intent.kind, intent.track) == (IntentKind.TRACK, "society")
    # a reason alone is still read whole
    assert parse("資料を配りたいので。", TRACKS, TODAY, DAYS) is None
