"""What a turn made of the message: a command, an answer to free text (which intent, which FAQ
entry or session), a question asked back, or nothing. Measured by bench/understanding_eval.py
and, later, counted per turn for the organisers."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Outcome(enum.StrEnum):
    COMMAND = "command"  # a typed command or a pressed button
    ANSWERED = "answered"  # free text, understood and answered
    CLARIFIED = "clarified"  # free text, asked back ("did you mean")
    FALLBACK = "fallback"  # free text, not understood (kept for the organisers)
    OFF_TOPIC = "off_topic"  # free text about something else (weather, taxis…): declined
    EVENT = "event"  # a follow, an unfollow, a sticker: no text to understand


@dataclass(frozen=True)
class Understanding:
    outcome: Outcome
    intent: str = ""  # the command's name, or what the free text asked ("faq", "programme"…)
    detail: str = ""  # its object: an FAQ entry id, a session id, a day, a language…
    candidates: tuple[str, ...] = ()  # what a "did you mean" offered
