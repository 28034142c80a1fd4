"""Command words used in another sense do not fire the command, and requests said in other
words than the usual ones still do. Through the whole conversation, in fr, ja and en."""

from __future__ import annotations

import pytest

from bot.app import App
from handlers.core.words import Forms, Words
from tests.chat import Chat
from tests.conftest import FixedClock

# What a delegate's message may not become when no command is asked.
COMMANDS = frozenset(
    "add remove agenda follow unfollow reminders settings lang help forget schedule.next".split()
)


async def _understood(app: App, clock: FixedClock, language: str, text: str) -> tuple[str, str]:
    return await Chat(app, clock, f"triggers-{language}", language).understood(text)


def test_a_latin_word_in_a_japanese_pattern_is_a_whole_word() -> None:
    calendar = Words(japanese=("ics",))
    assert not calendar.search(Forms("the logistics and the basics"))
    assert calendar.search(Forms("ics please"))
    assert calendar.search(Forms("icsファイルをください"))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # a command word inside another word, or in its other sense
        ("en", "I'm still lost on the basics and the logistics: what are these Rencontres about?"),
        ("en", "Follow-up question on the theme: why digital and green together?"),
        ("ja", "議事録はあとでまとめてフォローします"),
        ("en", "Heads up: my deputy will write to you later. Where is the venue?"),
        ("fr", "Rappelez-moi la fréquence de ces rencontres, c'est tous les ans ?"),
        ("en", "remind me of the deadline to send our slides"),
        # a question about how a feature works, or where it is set
        ("fr", "par défaut, le rappel arrive combien de temps avant la séance ?"),
        ("en", "by default, how long before a session do reminders come?"),
        ("fr", "je ne trouve pas où on règle la langue"),
        ("en", "where do I change the language?"),
        ("ja", "表示言語の変更はどこからできますか"),
        ("ja", "言語の変更ってどうやるの"),
        # a why-question with a verb of adding, a place that "fits" twenty people
        ("en", "why is the society workshop put on the last day?"),
        ("fr", "pourquoi l'atelier environnement est mis en dernier ?"),
        ("ja", "20人入れる店ってありますか"),
        # languages refused, not asked for
        ("fr", "notre maire ne parle ni anglais ni japonais, y a-t-il des interprètes ?"),
        ("en", "He speaks neither French nor Japanese, will there be interpreters?"),
        # another time, another edition: not the next session
        ("fr", "la prochaine fois je viendrai en train, c'est loin la gare ?"),
        ("en", "next time I will bring my own interpreter"),
        ("fr", "et la prochaine, c'est où ?"),
        ("ja", "次会の開催地はどこですか"),
        # "topics" in a question about the workshops, not the list of the bot's topics
        ("en", "Can a town present a project outside the listed topics, or is that not done?"),
        # a word of following in a question about something else
        ("en", "were there changes to the theme compared with the last edition?"),
        ("fr", "le Japon a un système d'alerte précoce pour les séismes, on en parle ?"),
        ("ja", "事務局の連絡先を教えてください"),
        # help with one's own work; a language someone else writes in
        ("en", "we need help with our presentation slides, who do we ask?"),
        ("fr", "mon collègue écrit en japonais, il peut poser des questions ?"),
        # a train booking is not a session
        ("ja", "新幹線の予約をキャンセルしたいんですが、予定から変更できますか"),
    ],
)
async def test_no_command_is_asked(app: App, clock: FixedClock, language: str, text: str) -> None:
    intent, _ = await _understood(app, clock, language, text)
    assert intent not in COMMANDS


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "rappelez-moi les ateliers 15 minutes avant", ("reminders", "15")),
        ("en", "give me a heads-up before each session", ("reminders", "on")),
        # a phrasal verb's "off" and a "don't" that refuses nothing
        ("en", "ping me before things kick off", ("reminders", "on")),
        ("en", "don't let me miss anything, remind me before each talk", ("reminders", "on")),
        ("en", "please don't send me reminders", ("reminders", "off")),
        ("en", "follow the economy workshop", ("follow", "economy")),
        ("ja", "経済分科会をフォローして", ("follow", "economy")),
        ("fr", "je ne veux plus les modifs de l'atelier société", ("unfollow", "society")),
        ("en", "please scratch the closing ceremony from my agenda", ("remove", "closing")),
        ("ja", "英語で案内が届くので、日本語に変えてほしい", ("lang", "ja")),
        ("fr", "nihongo ni kaete, c'est pour ma collègue", ("lang", "ja")),
        ("en", "which topics you can answer?", ("faq", "")),
        ("en", "what's on rn?", ("schedule.now", "")),
        ("fr", "c'est quoi d'après ?", ("schedule.next", "")),
        ("en", "what's my current setup?", ("settings", "")),
        ("en", "show me the topics", ("faq", "")),
        ("en", "help! where is the venue?", ("schedule.venue", "")),
        ("fr", "écris-moi en anglais", ("lang", "en")),
        ("en", "I need help", ("help", "")),
        ("en", "updates on the environment workshop please", ("follow", "environment")),
        ("fr", "désabonne l'atelier environnement", ("unfollow", "environment")),
        ("fr", "stop les notifs", ("reminders", "off")),
        (
            "fr",
            "Je rentre plus tôt, donc pas de réception pour moi. Elle était dans mon agenda.",
            ("remove", "reception"),
        ),
        ("ja", "経済分科会をアジャンダに入れて", ("add", "ws-economy")),
        ("en", "I don't need to do anything to get reminders, do I?", ("faq", "reminders")),
        ("fr", "est-ce que j'ai quelque chose à régler pour les rappels ?", ("faq", "reminders")),
        ("en", "set up a reminder 10 minutes before", ("reminders", "10")),
        # a reason with a train in it: still a removal, not an off-topic question
        (
            "ja",
            "木曜の閉会式は新幹線の時間で出られないので予定から外してください",
            ("remove", "closing"),
        ),
    ],
)
async def test_the_command_asked_in_other_words(
    app: App, clock: FixedClock, language: str, text: str, expected: tuple[str, str]
) -> None:
    assert await _understood(app, clock, language, text) == expected


async def test_the_faq_answers_how_and_the_next_edition(app: App, clock: FixedClock) -> None:
    assert await _understood(app, clock, "fr", "et la prochaine, c'est où ?") == (
        "faq",
        "history-edition-9",
    )
    assert await _understood(app, clock, "ja", "言語の変更ってどうやるの") == (
        "faq",
        "change-language",
    )
