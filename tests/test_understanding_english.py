"""English as delegates type it on a phone: SMS spellings, short forms, non-native wording,
the past tense that points at the previous edition. Through the whole conversation."""

from __future__ import annotations

import pytest

from bot.app import App
from tests.chat import Chat
from tests.conftest import FixedClock


async def _understood(app: App, clock: FixedClock, text: str) -> tuple[str, str]:
    return await Chat(app, clock, "english-tests", "en").understood(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # in the past tense, "the last one" is the previous edition, not the last session
        ("so where did the last one happen?", ("faq", "history-edition-7")),
        ("when was the previous one held", ("faq", "history-edition-7")),
        # a past edition's city with the past tense or "last"
        (
            "the last rencontres were in aix en provence, weren't they?",
            ("faq", "history-edition-7"),
        ),
        # "times for …", "timings of …": when, in a short form
        ("timings of all the workshops pls", ("workshops", "")),
        ("start times for the three workshops?", ("workshops", "")),
        # "urban planning" is a subject, not the French « planning »
        (
            "is the environment workshop just about emissions or does it take in city planning too?",
            ("faq", "workshop-environment-scope"),
        ),
        # which sites the visits go to is what they are, not when or where one session is
        (
            "the professional visits this afternoon, what places do they go to?",
            ("faq", "professional-visits"),
        ),
        # "where" and the venue: the venue, whatever day is told beside it
        (
            "where is the conference being held? don't want to go to the wrong building tomorrow",
            ("schedule.venue", ""),
        ),
        # where a subject lands in the programme is which workshop it goes in
        (
            "our towns are depopulating fast. where in the programme does that go?",
            ("faq", "topic-population-decline"),
        ),
        # where a word was seen (on the badges) is not what is asked
        ("what does CLAIR stand for? I saw it on all the badges", ("faq", "organisers")),
        # a contrast with the previous edition is not a question about it
        (
            "why digital and green this time, rather than at the last edition?",
            ("faq", "theme-context"),
        ),
        # the France-Japan relationship, the example subjects, the whole thing ending
        (
            "have the Rencontres played a part in the bilateral relations of our countries?",
            ("faq", "partenariat-exception"),
        ),
        ("must we stick to the example subjects?", ("faq", "topic-outside-examples")),
        ("when does it all end? I have a plane to catch", ("faq", "dates")),
        # a detail named with its whole: the detail, without asking back the whole
        ("explain the SDGs wedding cake picture to me", ("faq", "sdg-wedding-cake")),
        # workshops' names cut short, "smth"
        (
            "is there smth on culture after covid in the econ workshop?",
            ("faq", "workshop-economy-culture"),
        ),
    ],
)
async def test_english_short_forms_and_past_editions(
    app: App, clock: FixedClock, text: str, expected: tuple[str, str]
) -> None:
    assert await _understood(app, clock, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "pls wipe all the info u hold about me",
        "can you erase the details you keep on me",
    ],
)
async def test_forget_me_in_chat_english_asks_first(app: App, clock: FixedClock, text: str) -> None:
    _, _, buttons, _, intent = await Chat(app, clock, "english-forget", "en").say(text)
    assert intent == "forget"
    assert any(buttons)  # the confirmation


async def test_the_last_session_is_still_asked_in_the_present(app: App, clock: FixedClock) -> None:
    # the closing session, or when the Rencontres end: not the previous edition
    intent, detail = await _understood(app, clock, "when does the last one finish?")
    assert (intent, detail) == ("faq", "dates") or intent == "schedule.search"
    assert await _understood(app, clock, "I'm from Nancy, where is the opening?") != (
        "faq",
        "history-edition-1",
    )


async def test_questions_from_the_floor_are_not_a_floor(app: App, clock: FixedClock) -> None:
    """ "From the floor" is the audience: not a where-question about the workshops."""
    intent, _ = await _understood(
        app, clock, "can observers take questions from the floor in the workshops?"
    )
    assert intent != "workshops"
    assert await _understood(app, clock, "what floor is the society workshop on?") == (
        "schedule.track",
        "society",
    )
