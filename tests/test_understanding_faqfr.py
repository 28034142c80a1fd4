"""FAQ questions in French and English as delegates put them: context first and the question
hinted after it, a question reported for someone else, a workshop named beside its subject,
a word pointing back to a thing named before, and French dictated to the phone."""

from __future__ import annotations

import pytest

from handlers.core.homophones import Edition
from handlers.core.messages import Incoming
from handlers.core.normalise import readable
from handlers.core.understanding import Outcome
from tests.chat import Chat

# The commands' words alone: what is read here does not hang on the FAQ or the programme.
BASE = Edition.of(())


@pytest.mark.parametrize(
    ("dictated", "read"),
    [
        # punctuation said aloud
        ("on se retrouve où virgule après la plénière", "on se retrouve où, après la plénière"),
        ("le dîner c'est à quelle heure point d'interrogation", "le dîner c'est à quelle heure ?"),
        # homophones of « c'est » and « ça » before a question word or a verb
        ("la plénière ses quand", "la plénière c'est quand"),
        ("ces quoi le programme", "c'est quoi le programme"),
        ("sa finit à quelle heure", "ça finit à quelle heure"),
        ("sa se passe dans quelle salle", "ça se passe dans quelle salle"),
        # a possessive « sa » before a noun stays
        ("sa délégation arrive demain", "sa délégation arrive demain"),
    ],
)
def test_french_dictation_is_read_as_typed(dictated: str, read: str) -> None:
    assert readable(dictated, BASE) == (read, None)


def test_cb_is_combien_but_not_the_bank_card() -> None:
    assert readable("ça coûte cb l'inscription", BASE)[0] == "ça coûte combien l'inscription"
    assert readable("on peut régler par cb ?", BASE)[0] == "on peut régler par cb ?"


def test_english_idiom_and_short_years() -> None:
    assert readable("when did the series kick off", BASE)[0] == "when did the series start"
    assert readable("who kicked the whole series off in '10", BASE)[0] == (
        "who started the whole series in 2010"
    )


async def test_a_named_workshop_asks_about_its_own_detail(fr: Chat, en: Chat) -> None:
    # the economy workshop named, and what it says of culture: its detail, not where culture goes
    assert await fr.understood(
        "l'atelier économie évoque la culture après la pandémie, pourquoi ce choix"
    ) == ("faq", "workshop-economy-culture")
    # asked which workshop, the subject's entry answers
    assert await fr.understood("un festival de musique, c'est dans quel atelier ?") == (
        "faq",
        "topic-creative-economy",
    )


async def test_a_question_reported_for_someone_else(fr: Chat) -> None:
    intent, detail = await fr.understood(
        "à la mairie une collègue qui découvre le dossier me demande ce que sont au juste ces "
        "rencontres franco-japonaises et si elles reviennent chaque année"
    )
    assert (intent, detail) == ("faq", "rencontres-what")


async def test_what_the_answer_is_for_is_not_the_question(fr: Chat) -> None:
    assert await fr.understood(
        "quel est le thème général cette fois je dois le citer dans le bulletin du comité"
    ) == ("faq", "theme-general")


async def test_a_word_pointing_back_is_read_with_what_it_names(en: Chat) -> None:
    # "this partnership" is the « partenariat d'exception » named before, not the cake's top
    assert await en.understood(
        "The briefing notes mention a « partenariat d'exception » signed by the two "
        "governments in 2013. Could you explain it, this partnership?"
    ) == ("faq", "partenariat-exception")


async def test_counting_the_local_authorities(fr: Chat) -> None:
    assert await fr.understood("cb de collectivités japonaises sont présentes") == (
        "faq",
        "participants",
    )


async def test_english_origin_question_with_a_short_year(en: Chat) -> None:
    _, _, _, outcome, intent = await en.say(
        "For a short history note: which cities kicked the series off in '08?"
    )
    assert intent == "faq" and outcome is not Outcome.FALLBACK
    assert await en.understood("which twin cities were at the origins of the Rencontres") == (
        "faq",
        "history-edition-1",
    )


async def test_a_long_story_names_its_subject_most(fr: Chat) -> None:
    # one "parc" would be urban greening; methanisation and a heat network are the subject
    assert await fr.understood(
        "Chez nous la communauté de communes a lancé une unité de méthanisation agricole et un "
        "petit réseau de chaleur pour l'école et le parc municipal, le maire aimerait bien en "
        "parler cette semaine, mais sous quel angle et à quel moment je ne sais pas"
    ) == ("faq", "topic-renewable-energy")
    assert await fr.understood(
        "Notre comité voudrait faire connaître son jardin partagé intergénérationnel tenu par "
        "des bénévoles, mais je ne retrouve rien de tel parmi les exemples de sujets, alors je "
        "me demande si c'est recevable"
    ) == ("faq", "topic-outside-examples")


async def test_two_related_entries_offer_what_they_belong_to(fr: Chat) -> None:
    # DX and GX named on the way to the theme's context: the context is answered (the trained
    # model is sure of it), or offered beside them
    response = await fr.app.conversation.respond(
        Incoming(
            "console",
            fr.user,
            fr.clock.now,
            text="Pourquoi avoir pris ce thème-là cette fois ? C'est lié à la transition "
            "numérique et à la transition écologique ?",
            language_hint="fr",
        )
    )
    understood = response.understood
    if understood.outcome is Outcome.ANSWERED:
        assert (understood.intent, understood.detail) == ("faq", "theme-context")
    else:
        assert understood.outcome is Outcome.CLARIFIED
        assert "theme-context" in understood.candidates
    # asked what the two words mean, the context is not offered
    _, _, buttons, _, _ = await fr.say("DX et GX, ça veut dire quoi ?")
    assert not any(b.endswith("theme-context") for b in buttons), buttons


async def test_two_workshops_named_ask_about_neither_alone(fr: Chat) -> None:
    intent, detail = await fr.understood(
        "entre l'atelier société et l'atelier environnement, lequel fait quoi au juste ?"
    )
    assert (intent, detail) == ("faq", "workshops-overview")


async def test_a_closed_school_tells_of_a_shrinking_town(fr: Chat) -> None:
    assert await fr.understood(
        "Dans notre village l'école a fermé il y a deux ans et les jeunes partent à la ville ; "
        "est-ce qu'un atelier s'intéresse à ce genre de situation pendant la semaine ?"
    ) == ("faq", "topic-population-decline")


async def test_how_the_question_is_put_is_not_its_subject(fr: Chat) -> None:
    # « en deux mots » and an indirect « ce que sont » around one word
    assert await fr.understood(
        "ma directrice voudrait savoir en deux mots ce que sont ces Rencontres"
    ) == ("faq", "rencontres-what")


async def test_a_subject_between_two_workshops_goes_to_its_entry(en: Chat) -> None:
    assert await en.understood(
        "People who can't manage online forms and smartphones: society or economy workshop?"
    ) == ("faq", "topic-digital-inclusion")
    # one workshop's detail asked, the other workshop named as an opinion: the detail
    assert await en.understood(
        "how come culture sits in the economy workshop? it seems closer to society to me"
    ) == ("faq", "workshop-economy-culture")
