"""Several dispatchers, and a dispatcher killed mid-send: every delegate gets a broadcast once.

The fake Telegram and LINE APIs run in the test process on 127.0.0.1. The first test runs two
`Dispatcher`s in this process on PostgreSQL (FOR UPDATE SKIP LOCKED shares the rows); the second
runs `confbot worker` as a subprocess, kills it with SIGKILL in the middle of a fan-out, and lets a
second worker finish once the dead one's leases have run out (DISPATCHER_LEASE_SECONDS).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.fakes import (
    DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
    DEFAULT_LINE_CHANNEL_SECRET,
    DEFAULT_TELEGRAM_TOKEN,
    FakeLine,
    FakeTelegram,
    make_line_id,
)
from bot.app import App, build_app
from bot.channels.telegram.sender import TELEGRAM_CONCURRENCY
from bot.dispatcher import Dispatcher, DispatcherConfig
from bot.worker import build_senders, close_senders
from db.engine import make_engine, make_sessionmaker
from db.models import Broadcast, Delegate, OutboxMessage
from handlers.broadcast.audience import Audience, AudienceKind
from handlers.broadcast.usecases import create_broadcast
from tests.conftest import Database
from tests.serving import free_port

pytestmark = pytest.mark.parity  # storage, outbox, workers: SQLite and PostgreSQL

ROOT = Path(__file__).resolve().parent.parent
TEXTS = {
    "fr": "La plénière commence à 14 h 30 en salle Rhône.",
    "ja": "全体会議は14時30分からローヌ会場で始まります。",
}
OPEN = ("pending", "sending")


def hold_multicast_answers(line: FakeLine, release: asyncio.Event) -> None:
    """The fake LINE delivers each multicast, then keeps its answer until `release` is set (or a
    minute has passed): a worker killed meanwhile never learns that its batch went out."""
    deliver = line._multicast

    async def held(request: Any, call: Any) -> tuple[int, Any]:
        answer = await deliver(request, call)
        with suppress(TimeoutError):
            await asyncio.wait_for(release.wait(), 60)
        return answer

    line._multicast = held  # type: ignore[method-assign]


@asynccontextmanager
async def fakes(
    hold_multicasts: asyncio.Event | None = None,
) -> AsyncIterator[tuple[FakeTelegram, FakeLine]]:
    telegram, line = FakeTelegram(), FakeLine()
    if hold_multicasts is not None:
        hold_multicast_answers(line, hold_multicasts)
    await telegram.start()
    try:
        await line.start()
        try:
            yield telegram, line
        finally:
            await line.stop()
    finally:
        await telegram.stop()


def platform_env(telegram: FakeTelegram, line: FakeLine) -> dict[str, str]:
    return {
        "TELEGRAM_BOT_TOKEN": DEFAULT_TELEGRAM_TOKEN,
        "TELEGRAM_API_BASE_URL": telegram.base_url,
        "TELEGRAM_MODE": "polling",
        "LINE_CHANNEL_ACCESS_TOKEN": DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
        "LINE_CHANNEL_SECRET": DEFAULT_LINE_CHANNEL_SECRET,
        "LINE_API_BASE_URL": line.api_base_url,
        "LINE_API_DATA_BASE_URL": line.data_base_url,
    }


async def add_delegates(
    sessionmaker: async_sessionmaker[AsyncSession], count: int, seed: str
) -> tuple[dict[int, str], dict[str, str]]:
    """Half on Telegram (numeric chat ids), half on LINE, each half in French and Japanese;
    the Telegram chat ids and LINE user ids, each with its language."""
    telegram: dict[int, str] = {}
    line: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    for i in range(count):
        language = ("fr", "ja")[(i // 2) % 2]
        if i % 2 == 0:
            chat_id = 700_000_000 + i
            telegram[chat_id] = language
            channel, user = "telegram", str(chat_id)
        else:
            user = make_line_id(f"{seed}-{i}")
            line[user] = language
            channel = "line"
        rows.append(
            {"channel": channel, "channel_user_id": user, "language": language, "active": True}
        )
    async with sessionmaker.begin() as db:
        await db.execute(insert(Delegate), rows)
    return telegram, line


async def broadcast_to_all(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    now = datetime.now(UTC)
    async with sessionmaker.begin() as db:
        broadcast, summary = await create_broadcast(
            db,
            texts=TEXTS,
            audience=Audience(AudienceKind.ALL),
            actor="test",
            reporter_id=None,
            send_at=now,
            now=now,
            default_language="fr",
            pushable=frozenset({"telegram", "line"}),
        )
    assert summary.total > 0
    return broadcast.id


async def statuses(sessionmaker: async_sessionmaker[AsyncSession]) -> Counter[str]:
    async with sessionmaker() as db:
        rows = await db.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        )
        return Counter({status: count for status, count in rows.all()})


async def all_final(sessionmaker: async_sessionmaker[AsyncSession]) -> bool:
    counts = await statuses(sessionmaker)
    return sum(counts.values()) > 0 and not any(counts[s] for s in OPEN)


async def wait_for(
    condition: Callable[[], Awaitable[bool]],
    *,
    within: float,
    what: str,
    interval: float = 0.05,
) -> None:
    """Polls `condition` until it holds; fails after `within` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not await condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {within:.0f} s waiting for {what}")
        await asyncio.sleep(interval)


def telegram_broadcasts(telegram: FakeTelegram) -> Counter[int]:
    """Broadcast messages the fake Telegram accepted, per chat."""
    return Counter(
        int(m["chat_id"])
        for m in telegram.sent_messages()
        if any(text in str(m.get("text", "")) for text in TEXTS.values())
    )


def line_broadcasts(line: FakeLine) -> Counter[str]:
    """Broadcast messages the fake LINE delivered, per user."""
    return Counter(
        d.recipient
        for d in line.deliveries
        if any(text in str(d.message.get("text", "")) for text in TEXTS.values())
    )


def assert_languages(
    telegram: FakeTelegram, line: FakeLine, tg: dict[int, str], ln: dict[str, str]
) -> None:
    for message in telegram.sent_messages():
        assert TEXTS[tg[int(message["chat_id"])]] in str(message["text"])
    for delivery in line.deliveries:
        assert TEXTS[ln[delivery.recipient]] in str(delivery.message.get("text", ""))


# ------------------------------------------------------------------------- two workers


@pytest.mark.parametrize("database", ["postgresql"], indirect=True)
async def test_two_workers_on_postgresql_send_nothing_twice(database: Database) -> None:
    """PostgreSQL only: workers share rows through FOR UPDATE SKIP LOCKED, which SQLite lacks."""
    await database.migrate()
    apps: list[App] = []
    senders: list[dict[str, Any]] = []
    tasks: list[asyncio.Task[None]] = []
    stop = asyncio.Event()
    async with fakes() as (telegram, line):
        try:
            settings = database.settings(
                **{key.lower(): value for key, value in platform_env(telegram, line).items()}
            )
            for _ in range(2):
                apps.append(await build_app(settings))
                senders.append(build_senders(apps[-1]))
            tg, ln = await add_delegates(apps[0].sessionmaker, 300, "two-workers")
            broadcast_id = await broadcast_to_all(apps[0].sessionmaker)
            # Small claims, so that both workers get some of the 300 rows.
            config = DispatcherConfig(batch_size=20, multicast_batch_size=40, poll_interval=0.1)
            dispatchers = [
                Dispatcher.of(app, channel_senders, config=config, worker=f"w{i}")
                for i, (app, channel_senders) in enumerate(zip(apps, senders, strict=True))
            ]
            tasks = [asyncio.create_task(d.run(stop)) for d in dispatchers]
            sessionmaker = apps[0].sessionmaker
            await wait_for(lambda: all_final(sessionmaker), within=60, what="every row sent")

            async def reported() -> bool:
                async with sessionmaker() as db:
                    broadcast = await db.get(Broadcast, broadcast_id)
                    return broadcast is not None and broadcast.status == "done"

            await wait_for(reported, within=10, what="the broadcast's report")
            final = await statuses(sessionmaker)
            async with sessionmaker() as db:
                broadcast = await db.get(Broadcast, broadcast_id)
        finally:
            stop.set()
            if tasks:
                await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 30)
            for channel_senders in senders:
                await close_senders(channel_senders)
            for app in apps:
                await app.close()

    assert final == Counter({"sent": 300})
    per_chat = telegram_broadcasts(telegram)
    assert set(per_chat) == set(tg), "a Telegram delegate got nothing"
    assert [c for c, n in per_chat.items() if n > 1] == [], "a Telegram chat got it twice"
    assert len(telegram.sent_messages()) == len(tg)
    per_user = line_broadcasts(line)
    assert set(per_user) == set(ln), "a LINE delegate got nothing"
    assert [u for u, n in per_user.items() if n > 1] == [], "a LINE user got it twice"
    assert len(line.deliveries) == len(ln)
    assert_languages(telegram, line, tg, ln)
    sent = [d.stats.sent for d in dispatchers]
    assert all(n > 0 for n in sent), f"one worker did everything: {sent}"
    assert sum(sent) == 300
    assert broadcast is not None and broadcast.report["sent"] == 300


# ------------------------------------------------------------------ kill -9 and restart


async def start_worker(env: dict[str, str], log: Path) -> asyncio.subprocess.Process:
    with log.open("ab") as out:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "worker",
            cwd=ROOT,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=out,
            stderr=asyncio.subprocess.STDOUT,
        )


async def test_kill_9_mid_fanout_then_restart_loses_nothing(
    database: Database, tmp_path: Path
) -> None:
    await database.migrate()
    engine = make_engine(database.url, schema=database.schema)
    sessionmaker = make_sessionmaker(engine)
    workers: list[asyncio.subprocess.Process] = []
    logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]

    def output() -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in logs if p.exists())

    killed = asyncio.Event()
    try:
        async with fakes(hold_multicasts=killed) as (telegram, line):
            tg, ln = await add_delegates(sessionmaker, 200, f"kill-{database.kind}")
            await broadcast_to_all(sessionmaker)
            env = {
                **{
                    k: v
                    for k, v in os.environ.items()
                    if not k.startswith(("TELEGRAM_", "LINE_", "DATABASE_"))
                },
                **database.env(),
                **platform_env(telegram, line),
                "TELEGRAM_RATE": "20",  # 100 Telegram messages: five seconds of fan-out
                "DISPATCHER_LEASE_SECONDS": "2",
                "METRICS_PORT": "0",
                "LOG_LEVEL": "INFO",
                "PYTHONUNBUFFERED": "1",
            }
            first = await start_worker(env, logs[0])
            workers.append(first)

            async def some_sent() -> bool:
                if first.returncode is not None:
                    raise AssertionError(f"the worker exited ({first.returncode}):\n{output()}")
                # LINE: both multicasts (one per language) delivered, their answers held.
                return sum(telegram_broadcasts(telegram).values()) >= 25 and len(
                    line_broadcasts(line)
                ) == len(ln)

            await wait_for(some_sent, within=60, what="the first messages", interval=0.01)
            os.kill(first.pid, signal.SIGKILL)
            await asyncio.wait_for(first.wait(), 10)
            killed.set()
            at_kill = sum(telegram_broadcasts(telegram).values())
            multicasts_at_kill = len(line.calls_to("/v2/bot/message/multicast"))
            assert at_kill < len(tg), "the fan-out was over before the kill: nothing was tested"
            left = await statuses(sessionmaker)
            assert any(left[s] for s in OPEN), f"nothing left to send after the kill: {left}"

            second = await start_worker(env, logs[1])
            workers.append(second)

            async def finished() -> bool:
                if second.returncode is not None:
                    raise AssertionError(f"the worker exited ({second.returncode}):\n{output()}")
                return await all_final(sessionmaker)

            await wait_for(lambda: finished(), within=90, what="every row final")
            second.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(second.wait(), 20) == 0, output()

            assert await statuses(sessionmaker) == Counter({"sent": 200}), output()
            per_chat = telegram_broadcasts(telegram)
            per_user = line_broadcasts(line)
            assert set(per_chat) == set(tg), "a Telegram delegate lost the broadcast"
            assert set(per_user) == set(ln), "a LINE delegate lost the broadcast"
            assert_languages(telegram, line, tg, ln)
            line_twice = [u for u, n in per_user.items() if n > 1]
            assert line_twice == [], f"LINE users who got it twice: {line_twice}"
            duplicates = sum(n - 1 for n in per_chat.values())
            retried = line.calls_to("/v2/bot/message/multicast")[multicasts_at_kill:]
            print(
                f"\n[{database.kind}] killed after {at_kill}/{len(tg)} Telegram messages and "
                f"{multicasts_at_kill} LINE multicasts (rows then: {dict(left)}); after the "
                f"restart: Telegram duplicates {duplicates} (bound {TELEGRAM_CONCURRENCY}), "
                f"LINE multicasts retried {len(retried)}, answered "
                f"{[c.status for c in retried]}"
            )
            assert duplicates <= TELEGRAM_CONCURRENCY, (
                f"{duplicates} Telegram messages went out twice: more than could be in flight"
            )
            # The killed worker's multicasts were delivered but never answered: the retries
            # carry the same keys, and LINE answers 409 instead of delivering again.
            assert [c.status for c in retried] == [409] * multicasts_at_kill
            assert {c.retry_key for c in retried} == {
                c.retry_key for c in line.calls_to("/v2/bot/message/multicast")[:multicasts_at_kill]
            }
    finally:
        for worker in workers:
            if worker.returncode is None:
                worker.kill()
                await asyncio.wait_for(worker.wait(), 10)
        await engine.dispose()


async def test_a_worker_serves_its_metrics_and_answers_the_container_health_check(
    database: Database, tmp_path: Path
) -> None:
    """`confbot worker` has no webhook port: its health (and its outbox metrics) are on
    METRICS_PORT, where `confbot health`, the image's HEALTHCHECK, asks."""
    await database.migrate()
    engine = make_engine(database.url, schema=database.schema)
    sessionmaker = make_sessionmaker(engine)
    port = free_port()
    log = tmp_path / "worker.log"
    try:
        async with fakes() as (telegram, line):
            await add_delegates(sessionmaker, 4, f"health-{database.kind}")
            await broadcast_to_all(sessionmaker)
            env = {
                **{
                    k: v
                    for k, v in os.environ.items()
                    if not k.startswith(("TELEGRAM_", "LINE_", "DATABASE_"))
                },
                **database.env(),
                **platform_env(telegram, line),
                "HOST": "127.0.0.1",
                "METRICS_PORT": str(port),
                "PYTHONUNBUFFERED": "1",
            }

            def health() -> int:
                command = [sys.executable, "-m", "bot.cli.health"]
                return subprocess.run(command, env=env, capture_output=True, timeout=30).returncode

            assert await asyncio.to_thread(health) == 1  # nothing answers yet
            worker = await start_worker(env, log)
            try:
                async with httpx.AsyncClient() as client:

                    async def ready() -> bool:
                        if worker.returncode is not None:
                            raise AssertionError(f"the worker exited:\n{log.read_text()}")
                        try:
                            answer = await client.get(f"http://127.0.0.1:{port}/readyz")
                        except httpx.TransportError:
                            return False
                        return answer.status_code == 200

                    await wait_for(ready, within=60, what="the worker's /readyz")
                    assert await asyncio.to_thread(health) == 0
                    await wait_for(lambda: all_final(sessionmaker), within=60, what="all sent")

                    async def counted() -> bool:
                        text = (await client.get(f"http://127.0.0.1:{port}/metrics")).text
                        return (
                            'confbot_outbox_outcomes_total{channel="line",status="sent"} 2.0'
                            in text
                        )

                    await wait_for(counted, within=10, what="the outcomes counted")
                    text = (await client.get(f"http://127.0.0.1:{port}/metrics")).text
                    assert (
                        'confbot_outbox_outcomes_total{channel="telegram",status="sent"} 2.0'
                        in text
                    )
                    assert "confbot_outbox_oldest_age_seconds" in text
                    assert 'confbot_outbox_depth{state="due"}' in text
                    assert "process_resident_memory_bytes" in text
                    assert (await client.get(f"http://127.0.0.1:{port}/livez")).status_code == 200
            finally:
                worker.send_signal(signal.SIGTERM)
                assert await asyncio.wait_for(worker.wait(), 30) == 0, log.read_text()
            assert await asyncio.to_thread(health) == 1  # gone: unhealthy
    finally:
        await engine.dispose()
