"""Helpers for the channel tests: a `BotServer` wired to the fake platforms, driven over ASGI,
and `confbot serve` subprocesses for the tests that need real processes."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench.fakes import FakeLine, FakeTelegram, telegram_webhook_headers
from bot.server import BotServer
from tests.conftest import Database, FixedClock

SECRET = "test-webhook-secret_123"
CONFBOT = Path(sys.executable).parent / "confbot"


def telegram_settings(tg: FakeTelegram, **overrides: Any) -> dict[str, Any]:
    return {
        "telegram_bot_token": tg.token,
        "telegram_webhook_secret": SECRET,
        "telegram_api_base_url": tg.base_url,
        **overrides,
    }


def line_settings(line: FakeLine, **overrides: Any) -> dict[str, Any]:
    return {
        "line_channel_secret": line.channel_secret,
        "line_channel_access_token": line.channel_access_token,
        "line_api_base_url": line.api_base_url,
        "line_api_data_base_url": line.data_base_url,
        **overrides,
    }


@dataclass
class Running:
    server: BotServer
    client: httpx.AsyncClient

    def metrics(self) -> str:
        """What the server's metrics port serves."""
        return self.server.metrics_text().decode()

    async def idle(self) -> None:
        await self.server.updates.wait_idle()

    async def telegram(
        self, update: dict[str, Any] | bytes, *, secret: str | None = SECRET
    ) -> httpx.Response:
        body = update if isinstance(update, bytes) else json.dumps(update).encode()
        response = await self.client.post(
            "/telegram/webhook", content=body, headers=telegram_webhook_headers(secret)
        )
        await self.idle()
        return response

    async def line(self, line: FakeLine, events: Iterable[dict[str, Any]]) -> httpx.Response:
        body, headers = line.webhook_request(events)
        response = await self.client.post("/line/webhook", content=body, headers=headers)
        await self.idle()
        return response


@asynccontextmanager
async def running(database: Database, clock: FixedClock, **settings: Any) -> AsyncIterator[Running]:
    """A started BotServer on `database`, at the test's clock, and an ASGI client for it."""
    await database.migrate()
    server = BotServer(database.settings(**settings), clock=clock)
    async with server:
        transport = httpx.ASGITransport(app=server.asgi)
        async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
            yield Running(server, client)


async def eventually(check: Callable[[], bool], within: float = 30.0) -> None:
    """Waits until `check()` holds (work done by another task or process). The limit only ends
    a failing test: on a loaded two-core machine, a server process starting takes seconds."""
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def channel_env(
    database: Database,
    *,
    tg: FakeTelegram | None = None,
    line: FakeLine | None = None,
    **extra: str,
) -> dict[str, str]:
    """Environment of a `confbot serve` subprocess: only what the test sets, no real platform."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "LINE_"))}
    env.update(database.env())
    env.update({"HOST": "127.0.0.1", "LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1"})
    if tg is not None:
        env.update(
            TELEGRAM_BOT_TOKEN=tg.token,
            TELEGRAM_WEBHOOK_SECRET=SECRET,
            TELEGRAM_API_BASE_URL=tg.base_url,
        )
    if line is not None:
        env.update(
            LINE_CHANNEL_SECRET=line.channel_secret,
            LINE_CHANNEL_ACCESS_TOKEN=line.channel_access_token,
            LINE_API_BASE_URL=line.api_base_url,
            LINE_API_DATA_BASE_URL=line.data_base_url,
        )
    env.update(extra)
    return env


@dataclass
class ServeProcess:
    process: asyncio.subprocess.Process
    url: str
    log: Path
    metrics_url: str = ""  # its Prometheus port

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@asynccontextmanager
async def serve_process(env: dict[str, str], cwd: Path, name: str) -> AsyncIterator[ServeProcess]:
    """`confbot serve` on a free port; stopped with SIGTERM (and waited for) at the end."""
    port, metrics_port = free_port(), free_port()
    log = cwd / f"{name}.log"
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            str(CONFBOT),
            "serve",
            env={**env, "PORT": str(port), "METRICS_PORT": str(metrics_port)},
            cwd=cwd,
            stdout=out,
            stderr=asyncio.subprocess.STDOUT,
        )
    running = ServeProcess(
        process, f"http://127.0.0.1:{port}", log, f"http://127.0.0.1:{metrics_port}"
    )
    try:
        await _wait_healthy(running)
        yield running
    finally:
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()


async def _wait_healthy(running: ServeProcess, within: float = 30.0) -> None:
    deadline = time.monotonic() + within
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            if running.process.returncode is not None:
                raise AssertionError(f"confbot serve exited:\n{running.output()}")
            try:
                if (await client.get(f"{running.url}/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"confbot serve did not become healthy:\n{running.output()}")
