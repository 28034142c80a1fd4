"""The terminal chat (`confbot console`, `make run` with no platform set): for rehearsing the
conversation and for scripts; nothing can be pushed to it."""

from __future__ import annotations

from bot.channels.base import Capabilities, ChannelSpec

CHANNEL = ChannelSpec(
    name="console",
    capabilities=Capabilities(can_push=False, files=True),
    configured=lambda _settings: False,  # not served: `confbot console` runs it
)
