"""Off-topic messages in the Rencontres' words, and questions on the Rencontres that give a
train or a taxi as their reason: the subject decides, not the words around it."""

from __future__ import annotations

import pytest

from bot.app import App
from handlers.core.understanding import Outcome
from tests.conftest import FixedClock
from tests.test_understanding import Chat


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # the local food, the day's visit or the evening as its occasion
        ("fr", "Quel plat typique de Shizuoka faut-il goûter avant de repartir ?"),
        ("en", "Where can we get some good gyoza near the station after the reception ends?"),
        ("ja", "神社の見学の前に、お昼どこで食べようか迷ってて、8人で入れるお店ありますか？"),
        # general knowledge of the host city, of a shrine on the way
        ("fr", "Combien d'habitants compte la ville de Shizuoka ?"),
        ("ja", "静岡市って人口どれくらいですか"),
        ("en", "Quick question before the visit: when was the castle built?"),
        ("ja", "見学先の神社って、徳川家康とゆかりがあるんですか？"),
        # the train or the taxi asked about, a session only its time or place
        ("fr", "après la réception, il y a encore un train pour Tokyo ?"),
        ("ja", "開会式の後、駅までタクシーでどれくらい？"),
    ],
)
async def test_off_topic_in_the_rencontres_words_is_declined(
    app: App, clock: FixedClock, language: str, text: str
) -> None:
    chat = Chat(app, clock, f"visitor-{language}", language)
    assert (await chat.say(text))[3] is Outcome.OFF_TOPIC
