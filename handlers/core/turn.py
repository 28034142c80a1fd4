"""One conversation turn as features see it: who wrote, in which language, when, and the
transaction everything the turn writes goes into."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Delegate, Role
from handlers.core import store
from handlers.core.commands import Command, CommandRegistry, Menu
from handlers.core.messages import Button, Incoming, Reply, ReplyKind
from handlers.core.understanding import Outcome, Understanding

if TYPE_CHECKING:
    from handlers.deps import Deps


@dataclass
class Turn:
    deps: Deps
    db: AsyncSession
    delegate: Delegate
    lang: str
    now: datetime
    message: Incoming
    commands: CommandRegistry
    said: str = ""  # what the delegate wrote (cleaned), before it was made readable
    first_contact: bool = (
        False  # the delegate was created by this turn: nothing of theirs is stored
    )
    # What one understander worked out for the next ones (the FAQ match of the text): computed
    # once per turn.
    memo: dict[str, Any] = field(default_factory=dict)
    understood: Understanding | None = None

    def understood_as(
        self,
        intent: str,
        detail: str = "",
        outcome: Outcome = Outcome.ANSWERED,
        candidates: tuple[str, ...] = (),
    ) -> None:
        """What an understander recognised in the free text (the core records the rest)."""
        self.understood = Understanding(outcome, intent, detail, candidates)

    @property
    def actor(self) -> str:
        return f"{self.message.channel}:{self.message.user_id}"

    @property
    def is_organiser(self) -> bool:
        return self.delegate.role == Role.ORGANISER

    def t(self, message_id: str, /, **args: Any) -> str:
        return self.deps.t(self.lang, message_id, **args)

    def reply(
        self, kind: ReplyKind, message_id: str, buttons: tuple[Button, ...] = (), **args: object
    ) -> Reply:
        return Reply(kind, self.deps.t(self.lang, message_id, **args), self.lang, buttons=buttons)

    def menu(self) -> tuple[Button, ...]:
        """The main buttons, from the command registry."""
        return tuple(
            Button(self.t(c.button_id), c.payload) for c in self.commands.offered(Menu.BUTTONS)
        )

    async def run(self, name: str, argument: str = "") -> list[Reply]:
        """A command asked for in words: run as if typed, and understood as such."""
        command = self.commands.find(name)
        if command is None:
            raise LookupError(f"/{name} is not registered")
        self.understood_as(name, argument)
        return await self.invoke(command, argument)

    async def invoke(self, command: Command, argument: str) -> list[Reply]:
        """The one place a command runs, typed or asked in words: organisers' commands are
        refused to anyone else."""
        if command.organisers_only and not self.is_organiser:
            return [self.refuse(command.name)]
        return await command.handler(self, argument)

    def refuse(self, action: str) -> Reply:
        """Organisers' commands from anyone else: a polite no, and a line in the audit log."""
        store.audit(self.db, actor=self.actor, action=f"refused.{action}", now=self.now)
        return self.reply(ReplyKind.ERROR, "organisers-only")
