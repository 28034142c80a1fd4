"""The operations port (METRICS_PORT) of `confbot serve` and `confbot worker`: GET /metrics
(Prometheus), /livez (the process answers) and /readyz (it can do its work). Kept off the
public webhooks; a worker has no other HTTP port, so its container's health check asks here."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from bot.settings import Settings

log = logging.getLogger(__name__)

Readiness = Callable[[], Awaitable[tuple[bool, str]]]
"""Whether the process can do its work now, and a word saying why not ("draining"…)."""


class OpsServer:
    def __init__(self, registry: CollectorRegistry, ready: Readiness, host: str, port: int) -> None:
        self.registry, self.ready, self.host, self.port = registry, ready, host, port
        self._runner: web.AppRunner | None = None

    @classmethod
    def of(
        cls, settings: Settings, registry: CollectorRegistry, ready: Readiness
    ) -> OpsServer | None:
        """The port of the settings (METRICS_PORT on HOST), or None when it is 0."""
        if not settings.metrics_port:
            return None
        return cls(registry, ready, settings.host, settings.metrics_port)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/metrics", self._metrics)
        app.router.add_get("/livez", self._livez)
        app.router.add_get("/readyz", self._readyz)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        log.info("metrics and health on %s:%s", self.host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _metrics(self, _request: web.Request) -> web.Response:
        return web.Response(
            body=generate_latest(self.registry), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )

    async def _livez(self, _request: web.Request) -> web.Response:
        return web.json_response({"status": "alive"})

    async def _readyz(self, _request: web.Request) -> web.Response:
        ok, status = await self.ready()
        return web.json_response({"status": status}, status=200 if ok else 503)
