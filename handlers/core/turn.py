"""One conversation turn as command handlers see it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Delegate, Role
from handlers.core import store as queries
from handlers.core.deps import Deps
from handlers.core.messages import Button, Incoming, Reply, ReplyKind
from handlers.schedule.replies import Programme


@dataclass
class Turn:
    deps: Deps
    db: AsyncSession
    delegate: Delegate
    lang: str
    now: datetime
    message: Incoming

    @property
    def actor(self) -> str:
        return f"{self.message.channel}:{self.message.user_id}"

    @property
    def is_organiser(self) -> bool:
        return self.delegate.role == Role.ORGANISER

    async def programme(self) -> Programme:
        sessions, sample = await self.deps.programme.get(self.db)
        agenda = await self.deps.agendas.get(self.db, self.delegate.id)
        return Programme(sessions, sample, agenda)

    def reply(
        self, kind: ReplyKind, message_id: str, buttons: tuple[Button, ...] = (), **args: object
    ) -> Reply:
        return Reply(kind, self.deps.t(self.lang, message_id, **args), self.lang, buttons=buttons)

    def refuse(self, action: str) -> Reply:
        """Organisers' commands from anyone else: a polite no, and a line in the audit log."""
        queries.audit(self.db, actor=self.actor, action=f"refused.{action}", now=self.now)
        return self.reply(ReplyKind.ERROR, "organisers-only")


Command = Callable[[Turn, str], Awaitable[list[Reply]]]
