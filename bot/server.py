"""`confbot serve`: one ASGI app (Starlette on uvicorn) for the channels' webhooks and the
health checks, and the Prometheus metrics on a port of their own.

Routes: POST to each channel's webhook path (bot/channels/registry.py), GET /livez, GET /readyz
(and /healthz, its earlier name), the calendar feeds (bot/feeds.py), the organisers' web console
under /organisers/ (bot/web/); /metrics, /livez and /readyz on METRICS_PORT too (bot/ops_http.py).
A webhook is checked (secret token or signature) and parsed in the request, answered at once, and
handled in a bounded task (`bot.channels.runner.UpdateRunner`); on shutdown the tasks in flight
are finished.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

import uvicorn
from prometheus_client import generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot import feeds
from bot.app import App, build_app, freeze_long_lived
from bot.channels import registry
from bot.channels.base import Channel, ServeContext
from bot.channels.runner import UpdateRunner
from bot.channels.turns import prune_processed
from bot.dispatcher import ChannelSender, DispatcherConfig
from bot.dispatcher import Dispatcher as OutboxDispatcher
from bot.http_protocol import HeaderDeadlineProtocol
from bot.metrics import Metrics
from bot.ops_http import OpsServer
from bot.outbox_watch import OutboxWatch
from bot.settings import Settings
from bot.web.console import OrganisersConsole
from bot.worker import build_senders, close_senders, database_answers
from handlers.stats.overview import forget_old_turns

log = logging.getLogger(__name__)

# Seconds given to updates in flight at shutdown.
SHUTDOWN_GRACE = 25.0


def configuration_problems(settings: Settings) -> list[str]:
    """What stops `serve` from starting, in words an operator can act on."""
    problems = [problem for spec in registry.channels() for problem in spec.problems(settings)]
    if not registry.configured(settings):
        problems.insert(
            0,
            "No channel is configured. Set TELEGRAM_BOT_TOKEN (Telegram; with "
            "TELEGRAM_WEBHOOK_SECRET, or TELEGRAM_MODE=polling), or LINE_CHANNEL_SECRET and "
            "LINE_CHANNEL_ACCESS_TOKEN (LINE). To chat in the terminal: `confbot console`.",
        )
    return problems


class BotServer:
    """The running bot: database, channels, task runner and the Starlette app serving them.

    `asgi` runs `start`/`stop` in its lifespan; tests may call them directly (or use
    `async with`) and talk to `asgi` through httpx's ASGITransport.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Callable[[], datetime] | None = None,
        freeze_gc: bool = False,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.freeze_gc = freeze_gc
        self.metrics = Metrics()
        self.updates = UpdateRunner(settings.max_concurrent_updates)
        self.app: App | None = None
        self.specs = registry.configured(settings)
        self.channels: dict[str, Channel] = {}
        self.started = False
        self._outbox_task: asyncio.Task[None] | None = None
        self._watch_task: asyncio.Task[None] | None = None
        self._outbox_stop = asyncio.Event()
        self._senders: dict[str, ChannelSender] = {}
        webhooks = [
            Route(spec.webhook_path, self._webhook(spec.name), methods=["POST"])
            for spec in registry.channels()
            if spec.webhook_path is not None
        ]
        console = OrganisersConsole(
            lambda: self.app,
            idle=timedelta(minutes=settings.console_idle_minutes),
            secure=settings.public_url.startswith("https://"),
        )
        self.asgi = Starlette(
            routes=[
                *webhooks,
                console.mount(),
                Route("/livez", self._livez, methods=["GET"]),
                Route("/readyz", self._readyz, methods=["GET"]),
                Route("/healthz", self._readyz, methods=["GET"]),  # the name of earlier versions
                *feeds.routes(lambda: self.app if self.started else None),
            ],
            lifespan=self._lifespan,
        )

    async def start(self) -> None:
        self.updates.closing = False
        self.app = app = await build_app(self.settings, clock=self.clock)
        try:
            try:
                pruned = await prune_processed(app.deps)
                if pruned:
                    log.info("forgot %d old update ids", pruned)
            except Exception:
                log.exception("could not prune the processed update ids")
            try:
                async with app.sessionmaker.begin() as db:
                    before = app.deps.clock() - timedelta(days=self.settings.turn_retention_days)
                    forgotten = await forget_old_turns(db, before=before)
                if forgotten:
                    log.info("forgot %d turn records older than the retention", forgotten)
            except Exception:
                log.exception("could not forget the old turn records")
            context = ServeContext(
                app.settings, app.deps, app.conversation, self.metrics, self.updates
            )
            for spec in self.specs:
                assert spec.serve is not None
                channel = spec.serve(context)
                self.channels[spec.name] = channel
                await channel.start()
        except BaseException:
            await self._close_channels()
            await app.close()
            raise
        if self.settings.dispatcher_in_serve:
            self._outbox_stop = asyncio.Event()
            self._senders = build_senders(app)
            outbox = OutboxDispatcher.of(
                app,
                self._senders,
                clock=self.clock,
                config=DispatcherConfig(
                    lease=timedelta(seconds=self.settings.dispatcher_lease_seconds)
                ),
                metrics=self.metrics.outbox,
            )
            self._outbox_task = asyncio.create_task(outbox.run(self._outbox_stop))
            self.watch = OutboxWatch(app.deps, self.metrics.outbox, outbox.clock)
            self._watch_task = asyncio.create_task(self.watch.run(self._outbox_stop))
        self.started = True
        if self.freeze_gc:
            freeze_long_lived()
        log.info(
            "serving %s on %s:%s",
            ", ".join(spec.name for spec in self.specs),
            self.settings.host,
            self.settings.port,
        )

    async def stop(self) -> None:
        """Finishes the updates in flight, then closes the channels and the database."""
        await self.updates.drain(SHUTDOWN_GRACE)
        if self._outbox_task is not None:
            self._outbox_stop.set()
            await self._outbox_task  # the tick in progress finishes; claimed rows are recorded
            self._outbox_task = None
            await close_senders(self._senders)
        if self._watch_task is not None:
            await self._watch_task
            self._watch_task = None
        await self._close_channels()
        if self.app is not None:
            await self.app.close()
            self.app = None
        self.started = False

    async def _close_channels(self) -> None:
        for name, channel in self.channels.items():
            try:
                await channel.stop()
            except Exception:
                log.exception("could not stop %s cleanly", name)
        self.channels = {}

    async def __aenter__(self) -> BotServer:
        await self.start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.stop()

    @asynccontextmanager
    async def _lifespan(self, _asgi: Starlette) -> AsyncIterator[None]:
        await self.start()
        try:
            yield
        finally:
            await self.stop()

    # ---------------------------------------------------------------------------- routes

    def _webhook(self, name: str) -> Callable[[Request], Awaitable[Response]]:
        async def webhook(request: Request) -> Response:
            channel = self.channels.get(name)
            if channel is None:
                return JSONResponse({"error": f"{name} is not configured"}, status_code=404)
            return await channel.webhook(request)

        return webhook

    async def _livez(self, _request: Request) -> Response:
        """The process answers (a container that stops answering is restarted)."""
        return JSONResponse({"status": "alive"})

    async def _readyz(self, _request: Request) -> Response:
        ok, status = await self.readiness()
        return JSONResponse({"status": status}, status_code=200 if ok else 503)

    async def readiness(self) -> tuple[bool, str]:
        """Ready for webhooks: started, not shutting down, the database answers, and the
        notification dispatcher (when it runs here) is alive."""
        if self.app is None or not self.started:
            return False, "starting"
        if self.updates.closing:
            return False, "draining"
        if self._outbox_task is not None and self._outbox_task.done():
            log.error("readiness: the notification dispatcher has stopped")
            return False, "dispatcher stopped"
        if not await database_answers(self.app.engine):
            return False, "unavailable"
        return True, "ok"

    def metrics_text(self) -> bytes:
        """What the metrics port serves (Prometheus text format)."""
        return bytes(generate_latest(self.metrics.registry))


async def serve(settings: Settings) -> int:
    """Runs the server until SIGINT/SIGTERM; 2 when it is not configured, 1 if it cannot start."""
    problems = configuration_problems(settings)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 2
    server = BotServer(settings, freeze_gc=True)
    ops = OpsServer.of(settings, server.metrics.registry, server.readiness)
    if ops is not None:
        await ops.start()
    config = uvicorn.Config(
        server.asgi,
        host=settings.host,
        port=settings.port,
        lifespan="on",
        log_config=None,  # the logging set up by bot.cli
        access_log=False,
        timeout_graceful_shutdown=int(SHUTDOWN_GRACE),
        server_header=False,
        # Connections and requests in progress at once; more get 503 at once rather than
        # queueing until file descriptors run out (the default limit is 1,024 per process).
        limit_concurrency=max(256, 8 * settings.max_concurrent_updates),
        timeout_keep_alive=5,
        http=HeaderDeadlineProtocol,  # a request's headers within 10 s, or the connection goes
    )
    runner = uvicorn.Server(config)
    # uvicorn shuts down gracefully on SIGTERM, then raises the signal again with the handler
    # that was there before it; a no-op handler makes that a clean exit (0) instead of a kill.
    previous = signal.signal(signal.SIGTERM, lambda _sig, _frame: None)
    try:
        await runner.serve()
    finally:
        signal.signal(signal.SIGTERM, previous)
        if ops is not None:
            await ops.stop()
    return 0 if runner.started else 1
