"""The conversation core: one `Incoming` in, a list of `Reply` out, in one transaction.

A message is either a command (typed, or a pressed button), looked up in the command registry,
or free text, offered to the understanders in their order until one answers. The features
provide both (handlers/features.py puts them together); this module knows none of them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from db.models import Delegate, Role
from handlers.core import store
from handlers.core.commands import CommandRegistry
from handlers.core.language import choose, detect
from handlers.core.messages import AlreadyHandled, Button, Event, Incoming, Reply, ReplyKind
from handlers.core.normalise import readable
from handlers.core.text import clean_input
from handlers.core.turn import Turn
from handlers.core.understanding import Outcome, Understanding

if TYPE_CHECKING:
    from handlers.deps import Deps

Understander = Callable[[Turn, str], Awaitable[list[Reply] | None]]
"""Free text in, replies out (after `turn.understood_as(...)`), or None to let the next try."""


@dataclass(frozen=True)
class Response:
    replies: list[Reply]
    understood: Understanding


# The command a first contact (LINE's follow event) runs.
WELCOME = "start"


class Conversation:
    def __init__(
        self, deps: Deps, commands: CommandRegistry, understanders: Sequence[Understander]
    ) -> None:
        self.deps = deps
        self.commands = commands
        self.understanders = tuple(understanders)

    async def handle(self, message: Incoming) -> list[Reply]:
        """The replies to one message; raises AlreadyHandled for an update handled before."""
        return (await self.respond(message)).replies

    async def respond(self, message: Incoming) -> Response:
        """The replies to one message and what was understood of it.

        The update id is recorded in the same transaction as everything the turn writes: one
        commit per update, and a turn that fails leaves no record that it was handled.
        """
        deps = self.deps
        now = deps.clock()
        async with deps.sessionmaker.begin() as db:
            if message.update_id is not None and not await store.record_update(
                db, channel=message.channel, update_id=message.update_id, now=now
            ):
                raise AlreadyHandled(f"{message.channel}:{message.update_id}")
            said = clean_input(message.payload or message.text or "")
            if said.startswith("/"):
                text, shown = said, None
            else:
                text, shown = readable(said, await deps.edition(db))
            detected = shown or detect(None if said.startswith("/") else said)
            hint, default = message.language_hint, deps.default_language
            delegate, created = await store.touch_delegate(
                db,
                channel=message.channel,
                user_id=message.user_id,
                display_name=clean_input(message.display_name),
                language=choose(detected, None, hint, default),  # a first contact's
                now=now,
            )
            if created:
                deps.agendas.prime(delegate.id)
            lang = choose(detected, delegate.language, hint, default)
            if delegate.language is None:
                delegate.language = lang
            turn = Turn(
                deps, db, delegate, lang, now, message, self.commands, said, first_contact=created
            )
            replies = await self._replies(turn, text)
            understood = turn.understood or Understanding(Outcome.EVENT, message.event.value)
            await store.record_turn(
                db,
                delegate=delegate,
                channel=message.channel,
                language=turn.lang,
                understood=understood,
                now=now,
            )
            return Response(replies, understood)

    async def respond_public(self, message: Incoming) -> Response:
        """A command in a group chat, where everyone reads the answer: only public commands
        (the programme, the FAQ) are run, for nobody in particular. Nothing is read or kept
        about whoever asked (no delegate is made, their agenda is not shown), only the update's
        record; buttons that lead to anything personal are left out. Any other command gets a
        short note that it works in a private chat."""
        deps = self.deps
        now = deps.clock()
        said = clean_input(message.payload or message.text or "")
        name, _, argument = said.removeprefix("/").partition(" ")
        command = self.commands.find(name.split("@", 1)[0].lower()) if said[:1] == "/" else None
        lang = choose(None, None, message.language_hint, deps.default_language)
        async with deps.sessionmaker.begin() as db:
            if message.update_id is not None and not await store.record_update(
                db, channel=message.channel, update_id=message.update_id, now=now
            ):
                raise AlreadyHandled(f"{message.channel}:{message.update_id}")
            if command is None:
                return Response([], Understanding(Outcome.EVENT, message.event.value))
            understood = Understanding(Outcome.COMMAND, command.name, argument.strip())
            if not command.public:
                text = deps.t(lang, "group-private-only")
                return Response([Reply(ReplyKind.HELP, text, lang)], understood)
            # Never added to the session: nothing about this "delegate" is written.
            nobody = Delegate(
                id=0, channel=message.channel, channel_user_id="", language=lang, role=Role.DELEGATE
            )
            turn = Turn(deps, db, nobody, lang, now, message, self.commands, said=said)
            replies = await turn.invoke(command, argument.strip())
            return Response([self._public(reply) for reply in replies], understood)

    def _public(self, reply: Reply) -> Reply:
        """The reply without the buttons of commands that are not public ("+ My agenda")."""

        def kept(buttons: tuple[Button, ...]) -> tuple[Button, ...]:
            return tuple(b for b in buttons if self._is_public(b.payload))

        cards = tuple(dataclasses.replace(c, buttons=kept(c.buttons)) for c in reply.cards)
        return dataclasses.replace(reply, buttons=kept(reply.buttons), cards=cards)

    def _is_public(self, payload: str) -> bool:
        name = payload.removeprefix("/").partition(" ")[0]
        command = self.commands.find(name) if payload.startswith("/") else None
        return command is not None and command.public

    async def _replies(self, turn: Turn, text: str) -> list[Reply]:
        event = turn.message.event
        if event is Event.UNFOLLOW:
            turn.delegate.active = False
            return []
        if event is Event.FOLLOW:
            return await self._run(turn, WELCOME, "")
        if event is Event.UNSUPPORTED or not text:
            return [turn.reply(ReplyKind.HELP, "unsupported-message", turn.menu())]
        if text.startswith("/"):
            name, _, argument = text[1:].partition(" ")
            return await self._run(turn, name.split("@", 1)[0].lower(), argument.strip())
        return await self._free_text(turn, text)

    async def _run(self, turn: Turn, name: str, argument: str) -> list[Reply]:
        """A command by name (Telegram groups send /cmd@botname: the bot's name is dropped)."""
        command = self.commands.find(name)
        turn.understood = Understanding(Outcome.COMMAND, command.name if command else "", argument)
        if command is None:
            return [
                turn.reply(ReplyKind.ERROR, "unknown-command", turn.menu(), command=f"/{name[:32]}")
            ]
        return await turn.invoke(command, argument)

    async def _free_text(self, turn: Turn, text: str) -> list[Reply]:
        for understand in self.understanders:
            replies = await understand(turn, text)
            if replies is not None:
                if turn.understood is None:
                    turn.understood_as(understand.__name__)
                return replies
        raise LookupError("no understander answered: the chain must end with a fallback")
