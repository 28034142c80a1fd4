"""Webhook load benchmark: simulated delegates against a running `confbot serve`.

    .venv/bin/python bench/webhook_load.py [--seconds 4] [--rate 100] [--concurrency 64]
                                           [--databases sqlite,postgresql]
                                           [--profile | --spy .venv/bin/py-spy]

Starts the fake Telegram and LINE APIs (bench/fakes) in this process, then for each database a
`confbot serve` subprocess wired to them, and posts signed webhook updates to it from 1,000
simulated delegates per channel. Each first says /start (the "first contact" phases, which
create the delegates); then, as delegates coming back, they ask the mix of questions below at a
fixed offered load (Telegram and LINE half each), then as fast as the server answers (closed
loop: each delegate waits for its answer before asking again), per channel. Then the same for
a bare python-telegram-bot echo handler on the same Starlette + uvicorn stack (the baseline).

Latency is from sending the webhook POST to the fake API recording the reply (sendMessage,
or the reply API call). Everything listens on 127.0.0.1 only; the whole run takes about a
minute. PostgreSQL: CONFBOT_TEST_PG_URL (default postgresql+asyncpg://postgres@127.0.0.1/test),
in a throw-away schema. --profile runs the confbot servers under cProfile (/tmp/confbot-*.prof);
--spy samples them with py-spy during the max phases (/tmp/spy-*.txt, collapsed stacks).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import itertools
import json
import os
import platform
import socket
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import aiohttp

SCRIPT = Path(__file__).resolve()
ROOT = SCRIPT.parent.parent
sys.path.insert(0, str(ROOT))

from bench.databases import fresh_database  # noqa: E402
from bench.fakes import (  # noqa: E402
    FakeLine,
    FakeTelegram,
    build_callback_query_update,
    build_message_update,
    make_line_id,
    telegram_webhook_headers,
)
from bench.fakes.line_api import LineCall  # noqa: E402
from bench.fakes.telegram_api import Call  # noqa: E402
from bot.app import freeze_long_lived  # noqa: E402

SECRET = "bench-secret"
CONFBOT = Path(sys.executable).parent / "confbot"
TIMEOUT = 10.0  # seconds before an unanswered update counts as lost
# Delegates per channel. Each says /start once (the "first contact" phases, measured apart: a
# first contact creates the delegate), then the other phases are delegates coming back, as at a
# conference where everyone asks what is next when a session ends.
DELEGATES = 1000
WARM_UP_DELEGATES = 200  # other users, for the warm-up before anything is measured

# What delegates send: (language, text or None, button payload or None). Each gets one message.
TELEGRAM_MIX = [
    ("fr", "/programme", None),
    ("fr", "Quand a lieu l'atelier environnement ?", None),
    ("ja", "明日の予定", None),
    ("fr", None, "/session ws-economy"),
    ("fr", "/now", None),
    ("ja", "環境分科会は何時から？", None),
    ("fr", None, "/programme 2024-11-21"),
    ("fr", "Où est l'atelier société ?", None),
    ("ja", None, "/help"),
    ("fr", "/workshops", None),
]
LINE_MIX = [(lang, text, payload) for lang, text, payload in TELEGRAM_MIX]


# ----------------------------------------------------------------------------------- stats


@dataclass
class Result:
    label: str
    phase: str
    latencies: list[float] = field(default_factory=list)
    lost: int = 0
    seconds: float = 0.0
    server_cpu: float | None = None
    bench_cpu: float | None = None

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    def row(self) -> str:
        cpu = f"{self.server_cpu:9.0f}%" if self.server_cpu is not None else "         -"
        bench = f"{self.bench_cpu:9.0f}%" if self.bench_cpu is not None else "         -"
        return (
            f"{self.label:<22} {self.phase:<18} {self.rate:9.1f} {self.percentile(50):8.1f} "
            f"{self.percentile(99):8.1f} {self.lost:5d} {cpu} {bench}"
        )


HEADER = (
    f"{'stack / database':<22} {'phase':<18} {'updates/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
    f"{'lost':>5} {'server CPU':>10} {'bench CPU':>10}"
)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), for the server CPU column."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --------------------------------------------------------------------------------- harness


class Harness:
    """Sends updates to one server and waits for the fake platform to record the reply."""

    def __init__(
        self,
        tg: FakeTelegram,
        line: FakeLine,
        url: str,
        session: aiohttp.ClientSession,
        delegates: int = DELEGATES,
        first_id: int = 10_000,
    ):
        self.tg, self.line, self.url, self.session = tg, line, url, session
        self.tg_waiting: dict[int, asyncio.Future[float]] = {}
        self.line_waiting: dict[str, asyncio.Future[float]] = {}
        self.update_ids = itertools.count(first_id * 100)
        self.turns = itertools.count()
        # Taken from the end and put back at the front: every delegate speaks once before any
        # speaks twice.
        self.free_tg = list(range(first_id, first_id + delegates))
        self.free_line = [make_line_id(f"bench-{first_id + i}") for i in range(delegates)]
        tg.listeners.append(self._telegram_reply)
        line.listeners.append(self._line_reply)

    def close(self) -> None:
        self.tg.listeners.remove(self._telegram_reply)
        self.line.listeners.remove(self._line_reply)

    def _telegram_reply(self, call: Call) -> None:
        if call.method == "sendMessage" and call.ok:
            future = self.tg_waiting.pop(int(call.params["chat_id"]), None)
            if future is not None and not future.done():
                future.set_result(time.perf_counter())

    def _line_reply(self, call: LineCall) -> None:
        if call.path == "/v2/bot/message/reply" and call.ok and isinstance(call.json, dict):
            future = self.line_waiting.pop(str(call.json.get("replyToken")), None)
            if future is not None and not future.done():
                future.set_result(time.perf_counter())

    async def telegram(self, start: bool = False) -> float | None:
        """One delegate's update (/start if `start`); the latency in seconds, None if no reply."""
        user = self.free_tg.pop()
        try:
            lang, text, payload = TELEGRAM_MIX[next(self.turns) % len(TELEGRAM_MIX)]
            if start:
                text, payload = "/start", None
            update_id = next(self.update_ids)
            if payload is not None:
                update = build_callback_query_update(
                    update_id, user_id=user, data=payload, language_code=lang
                )
            else:
                update = build_message_update(
                    update_id, text=text, user_id=user, message_id=update_id, language_code=lang
                )
            future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
            self.tg_waiting[user] = future
            body = json.dumps(update).encode()
            sent = time.perf_counter()
            async with self.session.post(
                f"{self.url}/telegram/webhook", data=body, headers=telegram_webhook_headers(SECRET)
            ) as response:
                if response.status != 200:
                    return None
            return await _latency(future, sent)
        finally:
            self.tg_waiting.pop(user, None)
            self.free_tg.insert(0, user)

    async def line_event(self, start: bool = False) -> float | None:
        user = self.free_line.pop()
        try:
            _lang, text, payload = LINE_MIX[next(self.turns) % len(LINE_MIX)]
            if start:
                text, payload = "/start", None
            if payload is not None:
                event = self.line.postback_event(user, payload)
            else:
                event = self.line.text_message_event(user, text or "")
            future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
            self.line_waiting[event["replyToken"]] = future
            body, headers = self.line.webhook_request([event])
            sent = time.perf_counter()
            async with self.session.post(
                f"{self.url}/line/webhook", data=body, headers=headers
            ) as response:
                if response.status != 200:
                    return None
            return await _latency(future, sent)
        finally:
            self.free_line.insert(0, user)


async def _latency(future: asyncio.Future[float], sent: float) -> float | None:
    try:
        return await asyncio.wait_for(future, TIMEOUT) - sent
    except TimeoutError:
        return None


Send = Callable[[], Awaitable[float | None]]


async def fixed_rate(
    label: str, phase: str, senders: list[Send], rate: float, seconds: float, pid: int
) -> Result:
    """Open loop: one update every 1/rate s, whatever the answers, senders taking turns."""
    result = Result(label, phase)
    quiet_collector()
    tasks = []
    cpu0, own0, start = cpu_seconds(pid), time.process_time(), time.perf_counter()
    for i in range(int(rate * seconds)):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(senders[i % len(senders)]()))
    outcomes = await asyncio.gather(*tasks)
    result.seconds = time.perf_counter() - start
    result.server_cpu = 100 * (cpu_seconds(pid) - cpu0) / result.seconds
    result.bench_cpu = 100 * (time.process_time() - own0) / result.seconds
    for latency in outcomes:
        if latency is None:
            result.lost += 1
        else:
            result.latencies.append(latency)
    return result


def quiet_collector() -> None:
    """Keeps this process's garbage collector out of the latencies it measures: the fakes record
    every call of the run, and full collections over them paused the whole harness (replies
    and clock alike) for up to 100 ms. What exists now is set aside, as the server does."""
    freeze_long_lived()


SPY: list[str] = []  # --spy: py-spy record the server during the max phases


async def max_rate(
    label: str,
    phase: str,
    send: Send,
    concurrency: int,
    seconds: float,
    pid: int,
    count: int | None = None,
) -> Result:
    """Closed loop: `concurrency` delegates, each asking again as soon as it is answered, for
    `seconds` or until `count` updates were sent."""
    result = Result(label, phase)
    quiet_collector()
    spy = None
    if SPY and phase.startswith("max"):
        name = f"{label} {phase}".replace(" / ", "-").replace(", ", "-").replace(" ", "-")
        out = Path(tempfile.gettempdir()) / f"spy-{name}.txt"
        spy = await asyncio.create_subprocess_exec(
            SPY[0],
            "record",
            "--pid",
            str(pid),
            "--duration",
            str(int(seconds)),
            "--format",
            "raw",
            "--threads",
            "--gil",
            "--rate",
            "200",
            "-o",
            str(out),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
    cpu0, own0, start = cpu_seconds(pid), time.process_time(), time.perf_counter()
    deadline = start + seconds

    budget = itertools.count(1)

    async def delegate() -> None:
        while time.perf_counter() < deadline and (count is None or next(budget) <= count):
            latency = await send()
            if latency is None:
                result.lost += 1
            else:
                result.latencies.append(latency)

    await asyncio.gather(*(delegate() for _ in range(concurrency)))
    result.seconds = time.perf_counter() - start
    result.server_cpu = 100 * (cpu_seconds(pid) - cpu0) / result.seconds
    result.bench_cpu = 100 * (time.process_time() - own0) / result.seconds
    if spy is not None:
        await spy.wait()
    return result


# ------------------------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def process(argv: list[str], env: dict[str, str], port: int) -> AsyncIterator[int]:
    """A server subprocess, healthy before the block starts, SIGTERM-ed after it."""
    with tempfile.TemporaryFile() as log:
        proc = await asyncio.create_subprocess_exec(
            *argv, env=env, cwd=tempfile.gettempdir(), stdout=log, stderr=log
        )
        async with _terminated(proc, log, port):
            yield proc.pid


@contextlib.asynccontextmanager
async def _terminated(
    proc: asyncio.subprocess.Process, log: IO[bytes], port: int
) -> AsyncIterator[None]:
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(300):
                if proc.returncode is not None:
                    break
                with contextlib.suppress(aiohttp.ClientError):
                    async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                        if response.status == 200:
                            break
                await asyncio.sleep(0.1)
            else:
                raise RuntimeError("server did not start")
        if proc.returncode is not None:
            log.seek(0)
            raise RuntimeError(f"server exited:\n{log.read().decode(errors='replace')}")
        yield
    finally:
        if proc.returncode is None:
            proc.terminate()
            await proc.wait()


def server_env(
    tg: FakeTelegram, line: FakeLine, port: int, database_url: str, schema: str
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "LINE_"))}
    env.update(
        DATABASE_URL=database_url,
        DATABASE_SCHEMA=schema,
        HOST="127.0.0.1",
        PORT=str(port),
        LOG_LEVEL="WARNING",
        TELEGRAM_BOT_TOKEN=tg.token,
        TELEGRAM_WEBHOOK_SECRET=SECRET,
        TELEGRAM_API_BASE_URL=tg.base_url,
        LINE_CHANNEL_SECRET=line.channel_secret,
        LINE_CHANNEL_ACCESS_TOKEN=line.channel_access_token,
        LINE_API_BASE_URL=line.api_base_url,
        LINE_API_DATA_BASE_URL=line.data_base_url,
    )
    return env


# ------------------------------------------------------------------------------ the runs


async def run_confbot(
    kind: str, tg: FakeTelegram, line: FakeLine, args: argparse.Namespace
) -> list[Result]:
    port = free_port()
    label = f"confbot / {kind}"
    async with fresh_database(kind, "bench") as (url, schema):
        env = server_env(tg, line, port, url, schema)
        argv = [str(CONFBOT), "serve"]
        if args.profile:
            profile = Path(tempfile.gettempdir()) / f"confbot-{kind}.prof"
            argv = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "bot.cli", "serve"]
            env["PYTHONPATH"] = str(ROOT)
            print(f"profile of the {kind} server: {profile}")
        async with (
            process(argv, env, port) as pid,
            aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=512)) as session,
        ):
            url = f"http://127.0.0.1:{port}"
            warm = Harness(tg, line, url, session, WARM_UP_DELEGATES, first_id=900_000)
            try:
                await max_rate(label, "warm-up", warm.telegram, 16, 1.0, pid)
                await max_rate(label, "warm-up", warm.line_event, 16, 1.0, pid)
            finally:
                warm.close()
            harness = Harness(tg, line, url, session)
            try:
                results = [
                    await max_rate(
                        label,
                        f"first contact {name}",
                        functools.partial(send, start=True),
                        args.concurrency,
                        60.0,
                        pid,
                        count=DELEGATES,
                    )
                    for name, send in (("tg", harness.telegram), ("line", harness.line_event))
                ]
                results.append(
                    await fixed_rate(
                        label,
                        f"{args.rate:.0f}/s tg+line",
                        [harness.telegram, harness.line_event],
                        args.rate,
                        args.seconds,
                        pid,
                    )
                )
                for name, send in (("telegram", harness.telegram), ("line", harness.line_event)):
                    results.append(
                        await max_rate(
                            label, f"max {name}", send, args.concurrency, args.seconds, pid
                        )
                    )
                return results
            finally:
                harness.close()


async def run_echo(
    tg: FakeTelegram, line: FakeLine, args: argparse.Namespace, transport: str
) -> list[Result]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, str(SCRIPT), "--echo-server", str(port), tg.token]
    argv += [tg.base_url, transport]
    label = f"ptb echo, {transport}"
    async with (
        process(argv, env, port) as pid,
        aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=512)) as session,
    ):
        harness = Harness(tg, line, f"http://127.0.0.1:{port}", session)
        try:
            await max_rate(label, "warm-up", harness.telegram, 16, 1.0, pid)
            results = []
            if transport == "httpx":
                results.append(
                    await fixed_rate(
                        label,
                        f"{args.rate:.0f}/s telegram",
                        [harness.telegram],
                        args.rate,
                        args.seconds,
                        pid,
                    )
                )
            results.append(
                await max_rate(
                    label, "max telegram", harness.telegram, args.concurrency, args.seconds, pid
                )
            )
            return results
        finally:
            harness.close()


def echo_server(port: int, token: str, base_url: str, transport: str) -> None:
    """The baseline: PTB echoing each message (and button) from a Starlette route, nothing else.

    Same stack and shape as `confbot serve`: uvicorn, Starlette, secret token check, 200 at
    once, `Application.process_update` in a task bounded by a semaphore of 64. `transport` is
    PTB's default HTTP client (httpx) or the aiohttp one confbot uses (bot/channels/telegram/http.py).
    """
    import hmac

    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route
    from telegram import Update
    from telegram.ext import (
        Application,
        CallbackQueryHandler,
        ContextTypes,
        MessageHandler,
        filters,
    )

    builder = Application.builder().token(token).base_url(base_url).updater(None).job_queue(None)
    if transport == "aiohttp":
        from bot.channels.telegram.http import AiohttpRequest

        builder = builder.request(AiohttpRequest(connections=72))
    else:
        builder = builder.connection_pool_size(72)
    application = builder.build()

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None and update.effective_chat is not None
        await context.bot.send_message(
            update.effective_chat.id, update.effective_message.text or ""
        )

    async def press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        await context.bot.send_message(query.from_user.id, query.data or "")

    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.add_handler(CallbackQueryHandler(press))
    slots = asyncio.Semaphore(64)
    tasks: set[asyncio.Task[None]] = set()

    async def run(update: Update) -> None:
        try:
            await application.process_update(update)
        finally:
            slots.release()

    async def webhook(request: Request) -> Response:
        given = request.headers.get("x-telegram-bot-api-secret-token", "")
        if not hmac.compare_digest(given.encode(), SECRET.encode()):
            return Response(status_code=403)
        try:
            update = Update.de_json(json.loads(await request.body()), application.bot)
        except ValueError:
            return Response(status_code=400)
        await slots.acquire()
        task = asyncio.create_task(run(update))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        return Response(status_code=200)

    async def healthz(_request: Request) -> Response:
        return Response(b'{"status":"ok"}', media_type="application/json")

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        await application.initialize()
        yield
        await application.shutdown()

    app = Starlette(
        routes=[
            Route("/telegram/webhook", webhook, methods=["POST"]),
            Route("/healthz", healthz),
        ],
        lifespan=lifespan,
    )
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


async def main(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    results: list[Result] = []
    async with FakeTelegram() as tg, FakeLine() as line:
        for kind in args.databases.split(","):
            results += await run_confbot(kind, tg, line, args)
        results += await run_echo(tg, line, args, "httpx")
        results += await run_echo(tg, line, args, "aiohttp")
        turn = await handler_turn_cost()
    print(
        f"webhook load, {os.cpu_count()} CPUs, Python {platform.python_version()}, uvicorn on "
        f"{stack()}, {args.seconds:.0f} s per phase, {args.concurrency} delegates in max phases"
    )
    print(HEADER)
    for result in results:
        print(result.row())
    print(
        f"Conversation.handle alone (SQLite, no HTTP): {turn:.2f} ms CPU per turn, "
        f"so at most {1000 / turn:.0f} turns/s on one core before any channel work"
    )
    print(targets(results, args.rate))
    print(f"total {time.perf_counter() - started:.0f} s")
    return 0


def stack() -> str:
    """What uvicorn runs on here (its "auto" picks uvloop and httptools when installed)."""
    import importlib.util

    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    return f"{loop} + {http}"


async def handler_turn_cost(turns: int = 300) -> float:
    """CPU milliseconds of one conversation turn, the handler alone on the bundled content."""
    from datetime import UTC, datetime

    from bot.app import build_app
    from bot.settings import Settings
    from handlers.core.messages import Incoming

    with tempfile.TemporaryDirectory() as folder:
        app = await build_app(Settings(database_url=f"sqlite+aiosqlite:///{folder}/turns.db"))
        try:
            mix = [text or payload or "" for _lang, text, payload in TELEGRAM_MIX]
            for i in range(20):
                await app.conversation.handle(
                    Incoming("bench", str(i), datetime.now(UTC), mix[i % 10])
                )
            start = time.process_time()
            for i in range(turns):
                message = Incoming("bench", str(i % 50), datetime.now(UTC), mix[i % len(mix)])
                await app.conversation.handle(message)
            return 1000 * (time.process_time() - start) / turns
        finally:
            await app.close()


def targets(results: list[Result], rate: float) -> str:
    confbot = [r for r in results if r.label.startswith("confbot")]
    echo = next(r for r in results if r.label == "ptb echo, httpx" and r.phase.startswith("max"))
    echo_aiohttp = next(
        r for r in results if r.label == "ptb echo, aiohttp" and r.phase.startswith("max")
    )
    best = {r.label + " " + r.phase: r.rate for r in confbot if r.phase.startswith("max")}
    worst_max = min(best.values())
    fixed = [r for r in confbot if r.phase.startswith(f"{rate:.0f}/s")]
    worst_p99 = max(r.percentile(99) for r in fixed)
    telegram = [r.rate for r in confbot if r.phase == "max telegram"]
    ratio = min(telegram) / echo.rate if echo.rate else 0.0
    ratio_aiohttp = min(telegram) / echo_aiohttp.rate if echo_aiohttp.rate else 0.0

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    first = min(r.rate for r in confbot if r.phase.startswith("first contact"))
    return "\n".join(
        [
            f"target ≥ 300 updates/s on one process: slowest max phase {worst_max:.0f}/s "
            f"→ {verdict(worst_max >= 300)}; first contacts (a delegate's first /start, "
            f"which creates it): slowest {first:.0f}/s → {verdict(first >= 300)}",
            f"target p99 < 100 ms at {rate:.0f} updates/s: worst p99 {worst_p99:.1f} ms "
            f"→ {verdict(worst_p99 < 100)}",
            f"target ≥ 60% of the echo baseline (Telegram, slowest database): {100 * ratio:.0f}% "
            f"of PTB's default stack ({min(telegram):.0f}/s vs {echo.rate:.0f}/s) → "
            f"{verdict(ratio >= 0.6)}; {100 * ratio_aiohttp:.0f}% of an echo on confbot's "
            f"aiohttp transport ({echo_aiohttp.rate:.0f}/s) → {verdict(ratio_aiohttp >= 0.6)}",
        ]
    )


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--echo-server":
        echo_server(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5])
        raise SystemExit(0)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="length of each phase")
    parser.add_argument("--rate", type=float, default=100.0, help="offered load, updates/s")
    parser.add_argument("--concurrency", type=int, default=64, help="delegates in max phases")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--profile", action="store_true", help="run confbot under cProfile")
    parser.add_argument("--spy", help="path of py-spy: sample the servers in the max phases")
    arguments = parser.parse_args()
    if arguments.spy:
        SPY.append(arguments.spy)
    raise SystemExit(asyncio.run(main(arguments)))
