"""What the conversation handlers are given by the runtime."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.content import ConferenceInfo


class Translate(Protocol):
    def __call__(self, language: str, message_id: str, /, **args: Any) -> str: ...


@dataclass(frozen=True)
class Deps:
    sessionmaker: async_sessionmaker[AsyncSession]
    t: Translate
    clock: Callable[[], datetime]
    tz: ZoneInfo
    conference: ConferenceInfo
    default_language: str = "fr"
