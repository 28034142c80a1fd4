"""The features put together: the commands they register and the order in which free text is
offered to them. Adding a feature is a line in each of the two lists below."""

from __future__ import annotations

from collections.abc import Callable

from handlers.agenda import commands as agenda
from handlers.agenda import understand as agenda_words
from handlers.broadcast import wizard as broadcast
from handlers.classifier import understand as classifier
from handlers.core.commands import CommandRegistry
from handlers.core.conversation import Conversation, Understander
from handlers.deps import Deps
from handlers.faq import commands as faq
from handlers.offtopic import decline as offtopic
from handlers.organisers import commands as organisers
from handlers.schedule import commands as schedule
from handlers.schedule import understand as schedule_words
from handlers.welcome import commands as welcome
from handlers.welcome import understand as welcome_words

REGISTRARS: tuple[Callable[[CommandRegistry], None], ...] = (
    welcome.register,
    schedule.register,
    faq.register,
    agenda.register,
    broadcast.register,
    organisers.register,
)

# Free text goes to each in turn until one answers; the last one always does.
UNDERSTANDERS: tuple[Understander, ...] = (
    broadcast.continue_flow,  # an organiser writing a broadcast: the text is its next step
    offtopic.decline,  # the weather, taxis, restaurants: before a day word is read as a date
    welcome_words.understand,  # another language, what can you do, which topics
    agenda_words.understand,  # my agenda, add or remove a session, follow, reminders, forget
    classifier.answer,  # what the trained model is sure of, where it needs no object
    offtopic.uncovered,  # interpretation, badges, slides: what no one told the bot, kept
    schedule_words.answer_question,  # when, where, now, next, a day
    faq.answer,  # an FAQ entry the matcher is sure of
    schedule_words.find_sessions,  # words of a session's title, room or speakers
    classifier.rescue,  # what the model is fairly sure of, where the rules found nothing
    faq.clarify_or_fallback,  # "did you mean", or the honest fallback; kept for organisers
)


def command_registry() -> CommandRegistry:
    commands = CommandRegistry()
    for register in REGISTRARS:
        register(commands)
    return commands


def conversation(deps: Deps, commands: CommandRegistry | None = None) -> Conversation:
    return Conversation(deps, commands or command_registry(), UNDERSTANDERS)
