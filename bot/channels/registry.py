"""The channels there are: every package of `bot/channels/` that defines `CHANNEL`.

Found once, in the order of their names; tests may `register` a channel of their own.
"""

from __future__ import annotations

import importlib
import pkgutil

import bot.channels
from bot.channels.base import ChannelSpec
from bot.settings import Settings

_specs: dict[str, ChannelSpec] | None = None


def _discover() -> dict[str, ChannelSpec]:
    found: dict[str, ChannelSpec] = {}
    for module in sorted(pkgutil.iter_modules(bot.channels.__path__), key=lambda m: m.name):
        if not module.ispkg:
            continue
        package = importlib.import_module(f"{bot.channels.__name__}.{module.name}")
        spec = getattr(package, "CHANNEL", None)
        if isinstance(spec, ChannelSpec):
            found[spec.name] = spec
    return found


def channels() -> list[ChannelSpec]:
    global _specs
    if _specs is None:
        _specs = _discover()
    return list(_specs.values())


def register(spec: ChannelSpec) -> None:
    """Adds a channel that does not live in `bot/channels/` (a test's)."""
    channels()
    assert _specs is not None
    _specs[spec.name] = spec


def unregister(name: str) -> None:
    channels()
    assert _specs is not None
    _specs.pop(name, None)


def channel_names() -> frozenset[str]:
    return frozenset(spec.name for spec in channels())


def pushable() -> frozenset[str]:
    """The channels a message can be pushed to: only they get outbox messages."""
    return frozenset(spec.name for spec in channels() if spec.capabilities.can_push)


def configured(settings: Settings) -> list[ChannelSpec]:
    """The channels `confbot serve` runs with these settings."""
    return [spec for spec in channels() if spec.serve is not None and spec.configured(settings)]
