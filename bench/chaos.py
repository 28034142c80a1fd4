"""Chaos benchmark: the attacks and faults of the hardening issue, against `confbot serve`.

    .venv/bin/python bench/chaos.py [--only NAME,NAME]

Starts the fake Telegram and LINE APIs (bench/fakes) and a TCP proxy (bench/fakes/tcp_proxy.py)
in front of this machine's PostgreSQL (CONFBOT_TEST_PG_URL, a throw-away schema), then one
`confbot serve` subprocess reaching the database through the proxy, and runs each scenario
against it: oversized bodies, connections that never finish their headers, one delegate
flooding while Telegram answers 429, group chats, a single 500 on a reply, a 15 s hang of both
platforms, a 5 s cut and a 5 s black hole of the database. It prints one line per scenario:
what is expected, what was observed (with figures), PASS or FAIL. Everything listens on
127.0.0.1; every loop is bounded; the run takes about three minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import resource
import socket
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import aiohttp

SCRIPT = Path(__file__).resolve()
ROOT = SCRIPT.parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402
from sqlalchemy import text as text_query  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench.databases import fresh_database  # noqa: E402
from bench.fakes import (  # noqa: E402
    FakeLine,
    FakeTelegram,
    make_line_id,
    telegram_webhook_headers,
)
from bench.fakes.tcp_proxy import TcpProxy  # noqa: E402
from bot.i18n import Catalogues  # noqa: E402
from db.engine import make_engine  # noqa: E402
from db.models import Delegate  # noqa: E402

SECRET = "chaos-secret"
CONFBOT = Path(sys.executable).parent / "confbot"
T = Catalogues()
APOLOGIES = {T(lang, "error-apology") for lang in ("fr", "ja", "en")}
SLOW_DOWN = {T(lang, "slow-down") for lang in ("fr", "ja", "en")}
WAIT_FOR_REPLIES = 90.0  # seconds an answer may take after a fault ends before it counts as lost


@dataclass
class Outcome:
    name: str
    expected: str
    observed: str
    passed: bool

    def line(self) -> str:
        verdict = "PASS" if self.passed else "FAIL"
        return f"{verdict}  {self.name:<22} expected: {self.expected}\n      {'':<22} observed: {self.observed}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def open_fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def p99(values: list[float]) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.99 * len(ordered)) - 1)]


class Bench:
    """The running server, the fakes, the proxy, and what the fakes received, when."""

    def __init__(self, tg: FakeTelegram, line: FakeLine, proxy: TcpProxy, port: int) -> None:
        self.tg, self.line, self.proxy = tg, line, proxy
        self.url = f"http://127.0.0.1:{port}"
        self.metrics_url = ""
        self.pid = 0
        self.session: aiohttp.ClientSession | None = None
        self.arrivals: dict[str, list[float]] = {}  # recipient → monotonic times of messages
        self.database_url = ""
        self.schema = ""
        self._chat = 5_000_000
        self._arrival = asyncio.Event()
        tg.listeners.append(self._telegram_arrived)
        line.listeners.append(self._line_arrived)

    def _telegram_arrived(self, call: Any) -> None:
        if call.method in ("sendMessage", "sendDocument") and call.ok:
            self._arrived(f"tg:{call.params.get('chat_id')}")

    def _line_arrived(self, call: Any) -> None:
        if call.status != 200 or not isinstance(call.json, dict):
            return
        if call.path in ("/v2/bot/message/reply", "/v2/bot/message/push"):
            body = call.json
            who = body.get("to") or self._reply_user(body.get("replyToken"))
            if who:
                self._arrived(f"line:{who}")

    def _arrived(self, who: str) -> None:
        self.arrivals.setdefault(who, []).append(time.monotonic())
        self._arrival.set()
        self._arrival = asyncio.Event()

    async def arrival(self, who: str, count: int, within: float) -> float | None:
        """When `who` received its message number `count` (1 for the first), waiting up to
        `within` seconds; None if it did not come."""
        deadline = time.monotonic() + within
        while len(self.arrivals.get(who, [])) < count:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrival.wait(), left)
        return self.arrivals[who][count - 1]

    def _reply_user(self, token: str | None) -> str | None:
        entry = self.line._reply_tokens.get(token or "")
        return entry.user_id if entry is not None else None

    def chat(self) -> int:
        self._chat += 1
        return self._chat

    # ------------------------------------------------------------------------ sending

    async def telegram(self, update: dict[str, Any]) -> tuple[int, float]:
        """POSTs an update; its HTTP status and how long the acknowledgement took."""
        assert self.session is not None
        started = time.monotonic()
        async with self.session.post(
            f"{self.url}/telegram/webhook", json=update, headers=telegram_webhook_headers(SECRET)
        ) as response:
            await response.read()
            return response.status, time.monotonic() - started

    async def line_event(self, event: dict[str, Any]) -> tuple[int, float]:
        assert self.session is not None
        body, headers = self.line.webhook_request([event])
        started = time.monotonic()
        async with self.session.post(
            f"{self.url}/line/webhook", data=body, headers=headers
        ) as response:
            await response.read()
            return response.status, time.monotonic() - started

    async def metric(self, name: str) -> float:
        """The sum of a series of the server's /metrics (all its labels)."""
        assert self.session is not None
        async with self.session.get(f"{self.metrics_url}/metrics") as response:
            body = await response.text()
        return sum(
            float(line.rsplit(" ", 1)[1])
            for line in body.splitlines()
            if line.startswith(name) and not line.startswith("#")
        )

    def telegram_texts(self, chat: int) -> list[str]:
        return [m["text"] for m in self.tg.sent_messages(chat)]

    def line_texts(self, user: str) -> list[str]:
        return [
            str(d.message.get("text") or d.message.get("altText") or "")
            for d in self.line.deliveries_to(user)
        ]

    async def answered(
        self, expected: dict[str, int], within: float = WAIT_FOR_REPLIES
    ) -> dict[str, int]:
        """Waits until every recipient got at least its expected number of messages (or
        `within` seconds have passed); the number each got."""
        deadline = time.monotonic() + within
        while True:
            got = {who: len(self.arrivals.get(who, [])) for who in expected}
            if all(got[who] >= n for who, n in expected.items()) or time.monotonic() > deadline:
                await asyncio.sleep(1.0)  # time for a wrong extra message to arrive
                return {who: len(self.arrivals.get(who, [])) for who in expected}
            await asyncio.sleep(0.1)

    async def count_rows(self, query: Any) -> int:
        engine = make_engine(self.database_url, schema=self.schema)  # straight, not proxied
        try:
            async with engine.connect() as conn:
                return int((await conn.execute(query)).scalar() or 0)
        finally:
            await engine.dispose()


# --------------------------------------------------------------------------- scenarios


async def body_attack(b: Bench) -> Outcome:
    """Three 512 MB POSTs at once: unsigned (LINE, with its Content-Length), forged signature
    (LINE, streamed), right secret (Telegram, streamed)."""
    size = 512 * 1024 * 1024
    before = rss_mb(b.pid)
    peak = before
    stop = asyncio.Event()

    async def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, rss_mb(b.pid))
            await asyncio.sleep(0.02)

    async def attack(path: str, headers: dict[str, str], chunked: bool) -> tuple[int, int]:
        reader, writer = await asyncio.open_connection("127.0.0.1", int(b.url.rsplit(":", 1)[1]))
        head = [f"POST {path} HTTP/1.1", "Host: chaos", "Content-Type: application/json"]
        head += [f"{k}: {v}" for k, v in headers.items()]
        head.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {size}")
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode())
        status_line = asyncio.create_task(reader.readline())
        sent = 0
        chunk = b"x" * (1 << 20)
        framed = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" if chunked else chunk
        try:
            while sent < size and not status_line.done():
                writer.write(framed)
                await asyncio.wait_for(writer.drain(), 10)
                sent += len(chunk)
        except (ConnectionError, TimeoutError, OSError):
            pass
        try:
            line = await asyncio.wait_for(status_line, 10)
            status = int(line.split()[1]) if line else 0
        except (TimeoutError, ValueError, IndexError, ConnectionError):
            status = 0
        writer.transport.abort()
        return status, sent

    sampler = asyncio.create_task(sample())
    results = await asyncio.gather(
        attack("/line/webhook", {}, chunked=False),
        attack("/line/webhook", {"X-Line-Signature": "forged"}, chunked=True),
        attack("/telegram/webhook", {"X-Telegram-Bot-Api-Secret-Token": SECRET}, chunked=True),
    )
    stop.set()
    await sampler
    grown = peak - before
    statuses = [status for status, _ in results]
    sent_mb = [round(sent / 2**20) for _, sent in results]
    passed = grown <= 50 and statuses == [400, 413, 413]
    return Outcome(
        "body attack",
        "400 (no signature), 413, 413; peak RSS ≤ +50 MB",
        f"{statuses}; MB the clients got to send {sent_mb} of 512; RSS {before:.0f} MB → peak "
        f"{peak:.0f} MB (+{grown:.1f})",
        passed,
    )


async def idle_connections(b: Bench) -> Outcome:
    """1,100 connections that never finish their headers, then a real update: Telegram
    retries a webhook that failed, so it is posted again (every second, for 60 s) until 200."""
    port = int(b.url.rsplit(":", 1)[1])
    writers: list[asyncio.StreamWriter] = []
    readers: list[asyncio.StreamReader] = []
    for _ in range(1100):
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            break
        writer.write(b"POST /telegram/webhook HTTP/1.1\r\nHost: chaos\r\n")
        writers.append(writer)
        readers.append(reader)
    opened = len(writers)
    fds_during = open_fds(b.pid)
    chat = b.chat()
    update = b.tg.message_update(chat, "/help", language_code="fr")
    started = time.monotonic()
    attempts, status = 0, 0
    while time.monotonic() - started < 60:
        attempts += 1
        with contextlib.suppress(aiohttp.ClientError, TimeoutError):
            status, _ = await b.telegram(update)
        if status == 200:
            break
        await asyncio.sleep(1.0)
    got = await b.answered({f"tg:{chat}": 1}, within=30)
    took = time.monotonic() - started
    closed = sum(1 for reader in readers if reader.at_eof())
    for writer in writers:
        writer.transport.abort()
    passed = got[f"tg:{chat}"] == 1
    return Outcome(
        "idle connections",
        "a real update is answered while 1,100 connections hold their headers",
        f"{opened} opened (server fds {fds_during}); the update took {attempts} attempt(s), "
        f"answered after {took:.1f} s; {closed} idle connections closed by the server",
        passed,
    )


async def flood(b: Bench) -> Outcome:
    """150 messages from one delegate while Telegram answers 429 to that chat (1 message a
    second per chat); another delegate asks every two seconds meanwhile."""
    flooder, other = b.chat(), b.chat()
    b.tg.rate_limit(global_per_s=30, per_chat_per_s=1)
    dropped_before = await b.metric("confbot_updates_dropped_total")
    latencies: list[float] = []
    acks: list[float] = []

    async def flood_them() -> None:
        updates = [
            b.tg.message_update(flooder, f"/session s{i}", language_code="fr") for i in range(150)
        ]
        results = await asyncio.gather(*(b.telegram(u) for u in updates))
        acks.extend(seconds for _, seconds in results)

    async def other_asks() -> None:
        for i in range(12):
            before = len(b.arrivals.get(f"tg:{other}", []))
            sent = time.monotonic()
            _status, ack = await b.telegram(
                b.tg.message_update(other, "/now" if i % 2 else "/help", language_code="fr")
            )
            acks.append(ack)
            arrived = await b.arrival(f"tg:{other}", before + 1, within=10)
            latencies.append(arrived - sent if arrived is not None else 10.0)
            # Telegram allows one message a second per chat: a delegate asking every two seconds
            await asyncio.sleep(max(0.0, 2.0 - (time.monotonic() - sent)))

    await asyncio.gather(flood_them(), other_asks())
    dropped = await b.metric("confbot_updates_dropped_total") - dropped_before
    accepted = 150 - int(dropped)
    got = await b.answered({f"tg:{flooder}": accepted + 1}, within=120)
    b.tg.clear_rate_limit()
    texts = b.telegram_texts(flooder)
    notes = sum(1 for t in texts if t in SLOW_DOWN)
    answers = len(texts) - notes
    lost = accepted - answers
    worst = p99(latencies)
    passed = worst <= 1.0 and notes == 1 and lost == 0 and p99(acks) <= 1.0
    return Outcome(
        "one-delegate flood",
        "the other delegate's p99 ≤ 1 s; one 'slow down'; accepted updates all answered",
        f"other's p99 {worst * 1000:.0f} ms (max {max(latencies) * 1000:.0f} ms), webhook ack p99 "
        f"{p99(acks) * 1000:.0f} ms; flood: {accepted} accepted, {int(dropped)} dropped, "
        f"{answers} answered (lost {lost}), {notes} slow-down note(s); messages seen {got}",
        passed,
    )


async def groups(b: Bench) -> Outcome:
    """A supergroup's chatter and an /agenda there; a LINE group's message: not served (groups
    are off by default), nothing stored."""
    group = -1009876543210
    member = b.chat()
    before = await b.count_rows(select(func.count()).select_from(Delegate))
    await b.telegram(b.tg.message_update(member, "/agenda", chat_id=group, language_code="fr"))
    await b.telegram(b.tg.message_update(member, "mon numéro : 06 12 34 56 78", chat_id=group))
    user, line_group = make_line_id("chaos-group-member"), "C" + "7" * 32
    await b.line_event(b.line.text_message_event(user, "/agenda", group_id=line_group))
    await asyncio.sleep(1.0)
    posted = len(b.tg.sent_messages(group)) + len(b.line.deliveries_to(line_group))
    after = await b.count_rows(select(func.count()).select_from(Delegate))
    passed = posted == 0 and after == before
    return Outcome(
        "groups (default)",
        "no answer in a group, no delegate made from it",
        f"{posted} message(s) posted to the groups; delegates {before} → {after}",
        passed,
    )


async def single_500(b: Bench) -> Outcome:
    """Ten Telegram and ten LINE delegates, each reply answered once with a 500."""
    expected: dict[str, int] = {}
    for _ in range(10):
        chat = b.chat()
        b.tg.fail_next("sendMessage", 500)
        await b.telegram(b.tg.message_update(chat, "/help", language_code="fr"))
        expected[f"tg:{chat}"] = 1
        user = make_line_id(f"chaos-500-{chat}")
        b.line.fail_next("/v2/bot/message/reply", 500)
        await b.line_event(b.line.text_message_event(user, "/help"))
        expected[f"line:{user}"] = 1
        await asyncio.sleep(0.3)  # the failure is this delegate's, not the next one's
    got = await b.answered(expected)
    lost = sum(1 for who in expected if got[who] == 0)
    twice = sum(1 for who in expected if got[who] > 1)
    return Outcome(
        "single 500",
        "replies lost: 0",
        f"lost {lost} of {len(expected)}, sent twice {twice}",
        lost == 0,
    )


async def hang(b: Bench) -> Outcome:
    """Both platforms answer nothing for 15 s (then 502); 100 delegates ask meanwhile."""
    b.tg.hang(15.0)
    b.line.hang(15.0)
    hang_ends = time.monotonic() + 15.0
    expected: dict[str, int] = {}
    posts: list[Awaitable[tuple[int, float]]] = []
    for i in range(50):
        chat = b.chat()
        expected[f"tg:{chat}"] = 1
        posts.append(b.telegram(b.tg.message_update(chat, "/help", language_code="fr")))
        user = make_line_id(f"chaos-hang-{i}-{chat}")
        expected[f"line:{user}"] = 1
        posts.append(b.line_event(b.line.text_message_event(user, "/help")))
    acks = [seconds for _, seconds in await asyncio.gather(*posts)]
    got = await b.answered(expected)
    lost = sum(1 for who in expected if got[who] == 0)
    twice = sum(1 for who in expected if got[who] > 1)
    last = max((b.arrivals[who][0] for who in expected if b.arrivals.get(who)), default=hang_ends)
    return Outcome(
        "15 s platform hang",
        "webhooks acknowledged at once; replies lost: 0",
        f"ack p99 {p99(acks) * 1000:.0f} ms; lost {lost} of {len(expected)}, sent twice "
        f"{twice}; the last answered {last - hang_ends:.1f} s after the hang",
        lost == 0 and p99(acks) <= 1.0,
    )


async def database_fault(b: Bench, fault: str) -> Outcome:
    """The database is cut (connections reset, new ones refused) or black-holed (nothing
    answers) for 5 s; 50 delegates ask meanwhile."""
    getattr(b.proxy, fault)()
    started = time.monotonic()
    expected: dict[str, int] = {}
    for i in range(25):
        chat = b.chat()
        expected[f"tg:{chat}"] = 1
        user = make_line_id(f"chaos-{fault}-{i}-{chat}")
        expected[f"line:{user}"] = 1
        await asyncio.gather(
            b.telegram(b.tg.message_update(chat, "/help", language_code="fr")),
            b.line_event(b.line.text_message_event(user, "/help")),
        )
        await asyncio.sleep(max(0.0, (i + 1) * 0.18 - (time.monotonic() - started)))
    await asyncio.sleep(max(0.0, 5.0 - (time.monotonic() - started)))
    b.proxy.restore()
    restored = time.monotonic()
    got = await b.answered(expected)
    texts = [
        text
        for who in expected
        for text in (
            b.telegram_texts(int(who[3:])) if who.startswith("tg:") else b.line_texts(who[5:])
        )
    ]
    apologies = sum(1 for text in texts if text in APOLOGIES)
    lost = sum(1 for who in expected if got[who] == 0)
    twice = sum(1 for who in expected if got[who] > 1)
    last = max((b.arrivals[who][0] for who in expected if b.arrivals.get(who)), default=restored)
    label = "5 s database cut" if fault == "cut" else "5 s database black hole"
    return Outcome(
        label,
        "replies lost: 0, no apology instead of an answer",
        f"lost {lost} of {len(expected)}, apologies {apologies}, sent twice {twice}; the last "
        f"answered {last - restored:.1f} s after the database was back",
        lost == 0 and apologies == 0,
    )


async def confbot_cli(b: Bench, *args: str) -> str:
    """The command line on the server's database (straight, not through the proxy)."""
    env = {**os.environ, "DATABASE_URL": b.database_url, "DATABASE_SCHEMA": b.schema}
    env["LOG_LEVEL"] = "WARNING"
    process = await asyncio.create_subprocess_exec(
        str(CONFBOT),
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), 120)
    return output.decode(errors="replace")


async def organiser_removed(b: Bench) -> Outcome:
    """An organiser writes a broadcast in the chat; between two steps the role is removed."""
    organiser = b.chat()
    await confbot_cli(b, "organisers", "add", f"telegram:{organiser}")
    for text in ("/broadcast", "Annonce : la salle change."):
        await b.telegram(b.tg.message_update(organiser, text, language_code="fr"))
        await b.arrival(f"tg:{organiser}", len(b.arrivals.get(f"tg:{organiser}", [])) + 1, 10)
    await confbot_cli(b, "organisers", "remove", f"telegram:{organiser}")
    for text in ("会場が変わります。", "/broadcast to all", "/broadcast send"):
        await b.telegram(b.tg.message_update(organiser, text, language_code="fr"))
    await asyncio.sleep(1.0)
    broadcasts = await b.count_rows(text_query("SELECT count(*) FROM broadcasts"))
    refused = sum(1 for t in b.telegram_texts(organiser) if t == T("fr", "organisers-only"))
    return Outcome(
        "organiser removed",
        "the next step of the broadcast is refused; no broadcast made",
        f"{refused} refusal(s); broadcasts in the database: {broadcasts}",
        refused >= 1 and broadcasts == 0,
    )


async def imports_at_once(b: Bench) -> Outcome:
    """Two programme imports at the same moment, of two different files."""
    bundled = (ROOT / "content" / "programme.csv").read_text(encoding="utf-8").splitlines()
    first = bundled[:1] + bundled[1:8]
    second = bundled[:1] + bundled[5:]
    folder = Path(tempfile.mkdtemp(prefix="chaos-import-"))
    files = []
    for name, lines in (("first.csv", first), ("second.csv", second)):
        path = folder / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(path)
    await asyncio.gather(*(confbot_cli(b, "programme", "import", str(path)) for path in files))
    ids = (
        {line.split(",", 1)[0] for line in first[1:]},
        {line.split(",", 1)[0] for line in second[1:]},
    )
    engine = make_engine(b.database_url, schema=b.schema)
    try:
        async with engine.connect() as conn:
            found = {
                row[0]
                for row in await conn.execute(text_query("SELECT id FROM programme_sessions"))
            }
    finally:
        await engine.dispose()
    which = "the first" if found == ids[0] else "the second" if found == ids[1] else "neither"
    return Outcome(
        "imports at once",
        "the programme is one of the two files, not their union",
        f"{len(found)} sessions: {which} file's ({len(ids[0])} and {len(ids[1])} in the files)",
        which != "neither",
    )


async def operations(b: Bench) -> Outcome:
    """/metrics off the public port; readiness on both; the bot token in no log line."""
    assert b.session is not None
    async with b.session.get(f"{b.url}/metrics") as response:
        public = response.status
    async with b.session.get(f"{b.metrics_url}/metrics") as response:
        body = await response.text()
    async with b.session.get(f"{b.metrics_url}/readyz") as response:
        ready = response.status
    series = all(
        name in body
        for name in (
            "confbot_outbox_depth",
            "confbot_outbox_oldest_age_seconds",
            "process_resident_memory_bytes",
        )
    )
    return Outcome(
        "operations",
        "/metrics 404 on the webhook port, 200 with outbox and process series on METRICS_PORT",
        f"public /metrics {public}; METRICS_PORT /readyz {ready}, series present: {series}",
        public == 404 and ready == 200 and series,
    )


SCENARIOS: dict[str, Callable[[Bench], Awaitable[Outcome]]] = {
    "body": body_attack,
    "idle": idle_connections,
    "flood": flood,
    "groups": groups,
    "500": single_500,
    "hang": hang,
    "cut": lambda b: database_fault(b, "cut"),
    "blackhole": lambda b: database_fault(b, "black_hole"),
    "organiser": organiser_removed,
    "imports": imports_at_once,
    "operations": operations,
}


# ------------------------------------------------------------------------------ the run


@contextlib.asynccontextmanager
async def serve(env: dict[str, str], port: int, log: IO[bytes]) -> AsyncIterator[int]:
    process = await asyncio.create_subprocess_exec(
        str(CONFBOT), "serve", env=env, cwd=tempfile.gettempdir(), stdout=log, stderr=log
    )
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(300):
                if process.returncode is not None:
                    break
                with contextlib.suppress(aiohttp.ClientError):
                    async with session.get(f"http://127.0.0.1:{port}/readyz") as response:
                        if response.status == 200:
                            break
                await asyncio.sleep(0.1)
        if process.returncode is not None:
            log.seek(0)
            raise RuntimeError(f"confbot serve exited:\n{log.read().decode(errors='replace')}")
        yield process.pid
    finally:
        if process.returncode is None:
            process.terminate()
            await process.wait()


async def main(args: argparse.Namespace) -> int:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192), hard))
    chosen = args.only.split(",") if args.only else list(SCENARIOS)
    started = time.monotonic()
    async with (
        FakeTelegram() as tg,
        FakeLine() as line,
        fresh_database("postgresql", "chaos") as (database_url, schema),
    ):
        target = make_url(database_url)
        async with TcpProxy(target.host or "127.0.0.1", target.port or 5432) as proxy:
            proxied = target.set(port=proxy.port).render_as_string(hide_password=False)
            port, metrics_port = free_port(), free_port()
            env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "LINE_"))}
            env.update(
                DATABASE_URL=proxied,
                DATABASE_SCHEMA=schema,
                HOST="127.0.0.1",
                PORT=str(port),
                METRICS_PORT=str(metrics_port),
                LOG_LEVEL="INFO",
                TELEGRAM_BOT_TOKEN=tg.token,
                TELEGRAM_WEBHOOK_SECRET=SECRET,
                TELEGRAM_API_BASE_URL=tg.base_url,
                LINE_CHANNEL_SECRET=line.channel_secret,
                LINE_CHANNEL_ACCESS_TOKEN=line.channel_access_token,
                LINE_API_BASE_URL=line.api_base_url,
                LINE_API_DATA_BASE_URL=line.data_base_url,
            )
            bench = Bench(tg, line, proxy, port)
            bench.metrics_url = f"http://127.0.0.1:{metrics_port}"
            bench.database_url, bench.schema = database_url, schema
            with tempfile.NamedTemporaryFile(
                prefix="chaos-serve-", suffix=".log", delete=False
            ) as log:
                async with (
                    serve(env, port, log) as pid,
                    aiohttp.ClientSession(
                        connector=aiohttp.TCPConnector(limit=512),
                        timeout=aiohttp.ClientTimeout(total=30),
                    ) as session,
                ):
                    bench.pid, bench.session = pid, session
                    outcomes: list[Outcome] = []
                    for name in chosen:
                        print(f"… {name}", file=sys.stderr, flush=True)
                        outcome = await SCENARIOS[name](bench)
                        outcomes.append(outcome)
                        print(outcome.line(), flush=True)
                log_text = await asyncio.to_thread(Path(log.name).read_text, errors="replace")
            leaked = tg.token in log_text or line.channel_access_token in log_text
            outcomes.append(
                Outcome(
                    "log hygiene",
                    "no bot or channel token in the server's log",
                    f"{len(log_text.splitlines())} log lines, tokens found: {leaked}",
                    not leaked,
                )
            )
            print(outcomes[-1].line())
            print(f"server log: {log.name}")
    failed = [o for o in outcomes if not o.passed]
    print(
        f"\n{len(outcomes) - len(failed)} passed, {len(failed)} failed ({time.monotonic() - started:.0f} s)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", help=f"comma-separated scenarios among {', '.join(SCENARIOS)}")
    raise SystemExit(asyncio.run(main(parser.parse_args())))
