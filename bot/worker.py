"""Running the dispatcher: inside `confbot serve`, or alone as `confbot worker`."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from datetime import timedelta

from bot.app import App, build_app, freeze_long_lived
from bot.channels import registry
from bot.dispatcher import ChannelSender, Dispatcher, DispatcherConfig
from bot.settings import Settings

log = logging.getLogger(__name__)


def build_senders(app: App) -> dict[str, ChannelSender]:
    """A sender per channel whose settings allow pushing (made inside the running loop: the
    clients need it)."""
    senders: dict[str, ChannelSender] = {}
    for spec in registry.channels():
        sender = spec.sender(app.settings, app.deps) if spec.sender is not None else None
        if sender is not None:
            senders[spec.name] = sender
    return senders


async def close_senders(senders: dict[str, ChannelSender]) -> None:
    for sender in senders.values():
        with contextlib.suppress(Exception):
            await sender.close()


async def run_worker(settings: Settings) -> int:
    app = await build_app(settings)
    senders = build_senders(app)
    if not senders:
        await app.close()
        print(
            "No platform is configured: set TELEGRAM_BOT_TOKEN and/or LINE_CHANNEL_ACCESS_TOKEN.",
        )
        return 2
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    config = DispatcherConfig(lease=timedelta(seconds=settings.dispatcher_lease_seconds))
    dispatcher = Dispatcher.of(app, senders, config=config)
    freeze_long_lived()
    try:
        await dispatcher.run(stop)
    finally:
        await close_senders(senders)
        await app.close()
    log.info("worker stopped: %s", dispatcher.stats)
    return 0
