"""Running the dispatcher: inside `confbot serve`, or alone as `confbot worker` (with its
metrics and health checks on METRICS_PORT)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import App, build_app, freeze_long_lived
from bot.channels import registry
from bot.dispatcher import ChannelSender, Dispatcher, DispatcherConfig
from bot.metrics import Metrics
from bot.ops_http import OpsServer
from bot.outbox_watch import OutboxWatch
from bot.settings import Settings

log = logging.getLogger(__name__)

HEALTH_TIMEOUT = 2.0  # seconds the database has to answer a readiness check


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


async def database_answers(engine: AsyncEngine) -> bool:
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT), engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception as exc:
        log.warning("health check: database unreachable: %s", exc)
        return False
    return True


class Worker:
    """`confbot worker`: the dispatcher, the outbox gauges, and the operations port."""

    def __init__(self, app: App, senders: dict[str, ChannelSender]) -> None:
        self.app, self.senders = app, senders
        self.metrics = Metrics()
        config = DispatcherConfig(lease=timedelta(seconds=app.settings.dispatcher_lease_seconds))
        self.dispatcher = Dispatcher.of(app, senders, config=config, metrics=self.metrics.outbox)
        self.watch = OutboxWatch(app.deps, self.metrics.outbox, self.dispatcher.clock)
        self._dispatching: asyncio.Task[None] | None = None

    async def readiness(self) -> tuple[bool, str]:
        """Ready: the dispatcher runs and the database answers."""
        if self._dispatching is None:
            return False, "starting"
        if self._dispatching.done():
            return False, "dispatcher stopped"
        if not await database_answers(self.app.engine):
            return False, "unavailable"
        return True, "ok"

    async def run(self, stop: asyncio.Event) -> None:
        ops = OpsServer.of(self.app.settings, self.metrics.registry, self.readiness)
        if ops is not None:
            await ops.start()
        self._dispatching = asyncio.create_task(self.dispatcher.run(stop))
        watching = asyncio.create_task(self.watch.run(stop))
        try:
            await self._dispatching
        finally:
            stop.set()
            await watching
            if ops is not None:
                await ops.stop()


async def run_worker(settings: Settings) -> int:
    app = await build_app(settings, answers=False)
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
    worker = Worker(app, senders)
    freeze_long_lived()
    try:
        await worker.run(stop)
    finally:
        await close_senders(senders)
        await app.close()
    log.info("worker stopped: %s", worker.dispatcher.stats)
    return 0
