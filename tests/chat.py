"""One delegate talking to the bot through the whole conversation, as the understanding tests
need it: what was answered, and what was understood."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.core.messages import Incoming

if TYPE_CHECKING:
    from bot.app import App
    from handlers.core.understanding import Outcome
    from tests.conftest import FixedClock


class Chat:
    """One delegate talking to the bot; each message's replies and what was understood."""

    def __init__(self, app: App, clock: FixedClock, user: str, language: str) -> None:
        self.app, self.clock, self.user, self.language = app, clock, user, language

    async def say(self, text: str) -> tuple[str, str, list[str], Outcome, str]:
        response = await self.app.conversation.respond(
            Incoming("console", self.user, self.clock.now, text=text, language_hint=self.language)
        )
        first = response.replies[0]
        buttons = [b.payload for r in response.replies for b in r.buttons]
        understood = response.understood
        return first.language, first.text, buttons, understood.outcome, understood.intent

    async def understood(self, text: str) -> tuple[str, str]:
        response = await self.app.conversation.respond(
            Incoming("console", self.user, self.clock.now, text=text, language_hint=self.language)
        )
        return response.understood.intent, response.understood.detail
