"""Off-topic messages in the Rencontres' words, and questions on the Rencontres that give a
train or a taxi as their reason: the subject decides, not the words around it."""

from __future__ import annotations

import pytest

from bot.app import App
from handlers.core.understanding import Outcome
from tests.chat import Chat
from tests.conftest import FixedClock


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


@pytest.mark.parametrize(
    ("language", "text", "understood"),
    [
        # the journey told in a sentence or a clause of its own, the question in another
        (
            "fr",
            "Je reprends le train jeudi soir. La clôture se termine à quelle heure ?",
            ("schedule.search", "closing"),  # the closing itself, not both ceremonies
        ),
        (
            "en",
            "Which day do the Rencontres end? I have to book the shinkansen back.",
            ("faq", "dates"),
        ),
        (
            "ja",
            "帰りの電車を決めたいので、交流会が何時に終わるか知りたいです",
            ("schedule.track", "reception"),
        ),
        (
            "ja",
            "今日は新幹線で着くんですが、夕方の交流会は何時からですか",
            ("schedule.track", "reception"),
        ),
        (
            "fr",
            "J'arrive en taxi depuis l'hôtel, la plénière commence à quelle heure ?",
            ("schedule.track", "plenary"),
        ),
        # a session to be at, or to drop from the agenda, because of the train
        (
            "fr",
            "Notre maire arrive par le premier train demain et veut absolument assister à "
            "l'ouverture.",
            ("schedule.track", "ceremony"),
        ),
        (
            "ja",
            "新幹線の時間の関係で社会分科会には出られないので、予定から消しておいてください",
            ("remove", "ws-society"),
        ),
    ],
)
async def test_a_train_given_as_the_reason_leaves_the_question_asked(
    app: App, clock: FixedClock, language: str, text: str, understood: tuple[str, str]
) -> None:
    chat = Chat(app, clock, f"delegate-{language}", language)
    assert await chat.understood(text) == understood


async def test_a_treatment_plant_is_not_the_railway_station(app: App, clock: FixedClock) -> None:
    chat = Chat(app, clock, "delegate-fr", "fr")
    text = "Notre nouvelle station d'épuration par lagunage, elle aurait sa place ici ?"
    assert (await chat.say(text))[3] is not Outcome.OFF_TOPIC
