"""Running the dispatcher: inside `confbot serve`, or alone as `confbot worker`."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from datetime import timedelta

from bot.app import App
from bot.channels.senders import LineSender, TelegramSender
from bot.dispatcher import ChannelSender, Dispatcher, DispatcherConfig
from bot.settings import Settings

log = logging.getLogger(__name__)


def build_senders(app: App) -> dict[str, ChannelSender]:
    """A sender per configured platform (made inside the running loop: the clients need it)."""
    settings = app.settings
    senders: dict[str, ChannelSender] = {}
    if settings.telegram_bot_token.get_secret_value():
        senders["telegram"] = TelegramSender.from_settings(settings, app.deps.t)
    if settings.line_channel_access_token.get_secret_value():
        senders["line"] = LineSender.from_settings(settings)
    return senders


async def close_senders(senders: dict[str, ChannelSender]) -> None:
    for sender in senders.values():
        with contextlib.suppress(Exception):
            await sender.close()


async def run_worker(settings: Settings) -> int:
    from bot.app import build_app, freeze_long_lived

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
    dispatcher = Dispatcher(app, senders, config=config)
    freeze_long_lived()
    try:
        await dispatcher.run(stop)
    finally:
        await close_senders(senders)
        await app.close()
    log.info("worker stopped: %s", dispatcher.stats)
    return 0
