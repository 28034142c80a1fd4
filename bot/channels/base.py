"""The channel contract: what every messaging platform (Telegram, LINE, the terminal) gives
the runtime, so that the server, the worker and the composition root never name one.

A channel is a package `bot/channels/<name>/` whose `__init__` defines `CHANNEL`, a
`ChannelSpec`: its name, what it can do, whether its settings are set, and factories for the
running channel (webhook or polling, with its renderer) and for the sender that pushes outbox
messages. `bot/channels/registry.py` finds the packages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from starlette.requests import Request
from starlette.responses import Response

from bot.channels.runner import UpdateRunner
from bot.metrics import Metrics
from bot.settings import Settings
from handlers.broadcast.quota import QuotaSource
from handlers.core.conversation import Conversation
from handlers.deps import Deps

if TYPE_CHECKING:
    from bot.dispatcher import ChannelSender


@dataclass(frozen=True)
class Capabilities:
    can_push: bool  # the bot may write first: notifications, reminders, broadcasts
    files: bool  # a reply may carry a file (an agenda as .ics)


class Channel(Protocol):
    """A channel running inside `confbot serve`."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def webhook(self, request: Request) -> Response:
        """The platform's POST to `ChannelSpec.webhook_path`: checked, acknowledged, handled."""
        ...


@dataclass(frozen=True)
class ServeContext:
    """What a running channel is given: its settings, the features' dependencies, the
    conversation to hand messages to, the server's metrics and its task runner."""

    settings: Settings
    deps: Deps
    conversation: Conversation
    metrics: Metrics
    updates: UpdateRunner


def _no_problems(_settings: Settings) -> list[str]:
    return []


def _nothing(_settings: Settings) -> None:
    return None


@dataclass(frozen=True)
class ChannelSpec:
    name: str
    capabilities: Capabilities
    # Its settings are set: `confbot serve` runs it.
    configured: Callable[[Settings], bool]
    # What stops it from starting, in words an operator can act on (checked when configured).
    problems: Callable[[Settings], list[str]] = _no_problems
    serve: Callable[[ServeContext], Channel] | None = None
    webhook_path: str | None = None
    # The sender of pushed messages, or None when the settings do not allow pushing.
    sender: Callable[[Settings, Deps], ChannelSender | None] | None = None
    # A channel whose pushed messages count against a quota (LINE's monthly one).
    quota: Callable[[Settings], QuotaSource | None] = field(default=_nothing)
