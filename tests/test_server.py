"""`confbot serve`: health, metrics, bounded concurrency, graceful shutdown, start-up checks,
and exactly-once delivery with two server processes on one database."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bench.fakes import FakeLine, FakeTelegram, make_line_id, telegram_webhook_headers
from bot.outbox_watch import OutboxWatch
from bot.server import BotServer
from bot.settings import Settings
from handlers.core.conversation import Response
from handlers.core.messages import Incoming
from tests.conftest import Database, FixedClock
from tests.serving import (
    CONFBOT,
    SECRET,
    channel_env,
    eventually,
    line_settings,
    running,
    serve_process,
    telegram_settings,
)

pytestmark = [
    pytest.mark.parity,  # storage, outbox, workers: SQLite and PostgreSQL
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
    # bot.telegram calls do_api_request("sendMessage") on purpose; pytest resets its filter
    pytest.mark.filterwarnings("ignore:Please use 'Bot.sendMessage':UserWarning"),
]


@pytest.fixture
async def line() -> AsyncIterator[FakeLine]:
    async with FakeLine() as fake:
        yield fake


async def test_health_and_metrics(
    database: Database, clock: FixedClock, tg: FakeTelegram, line: FakeLine
) -> None:
    async with running(database, clock, **telegram_settings(tg), **line_settings(line)) as bot:
        health = await bot.client.get("/readyz")
        assert (health.status_code, health.json()) == (200, {"status": "ok"})
        assert (await bot.client.get("/livez")).json() == {"status": "alive"}
        assert (await bot.client.get("/metrics")).status_code == 404  # not on the public port
        await bot.telegram(tg.message_update(7, "/start", language_code="fr"))
        user = make_line_id("metrics")
        await bot.line(line, [line.text_message_event(user, "/help")])
        metrics = bot.metrics()
        assert 'confbot_updates_received_total{channel="telegram"} 1.0' in metrics
        assert 'confbot_updates_received_total{channel="line"} 1.0' in metrics
        assert 'confbot_replies_sent_total{channel="telegram"} 2.0' in metrics
        assert 'confbot_replies_sent_total{channel="line"} 1.0' in metrics
        assert 'confbot_reply_latency_seconds_count{channel="telegram"} 1.0' in metrics
        assert 'confbot_reply_latency_seconds_bucket{channel="line",le="+Inf"} 1.0' in metrics
        assert "confbot_updates_in_flight 0.0" in metrics
        bot.server.updates.closing = True  # SIGTERM received: the proxy must stop sending
        draining = await bot.client.get("/readyz")
        assert (draining.status_code, draining.json()) == (503, {"status": "draining"})
        bot.server.updates.closing = False


async def test_health_is_503_when_the_database_is_unreachable(
    database: Database, clock: FixedClock, tg: FakeTelegram
) -> None:
    from db.engine import make_engine

    async with running(database, clock, **telegram_settings(tg)) as bot:
        assert bot.server.app is not None
        working = bot.server.app.engine
        bot.server.app.engine = make_engine("postgresql+asyncpg://nobody@127.0.0.1:9/none")
        try:
            health = await bot.client.get("/readyz")
            assert (health.status_code, health.json()) == (503, {"status": "unavailable"})
            assert (await bot.client.get("/livez")).status_code == 200  # alive, not ready
        finally:
            await bot.server.app.engine.dispose()
            bot.server.app.engine = working


async def test_a_channel_not_configured_is_404(
    database: Database, clock: FixedClock, tg: FakeTelegram
) -> None:
    async with running(database, clock, **telegram_settings(tg)) as bot:
        assert (await bot.client.post("/line/webhook", content=b"{}")).status_code == 404


async def test_concurrency_is_bounded_and_shutdown_finishes_updates_in_flight(
    database: Database, clock: FixedClock, tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    active = peak = 0

    async with running(database, clock, **telegram_settings(tg, max_concurrent_updates=2)) as bot:
        assert bot.server.app is not None
        handle = bot.server.app.conversation.respond

        async def slow(message: Incoming) -> Response:
            nonlocal active, peak
            active += 1
            peak = max(peak, active)
            try:
                await asyncio.sleep(0.2)
                return await handle(message)
            finally:
                active -= 1

        monkeypatch.setattr(bot.server.app.conversation, "respond", slow)
        posts = [
            bot.client.post(
                "/telegram/webhook",
                json=tg.message_update(100 + i, "/help", language_code="fr"),
                headers=telegram_webhook_headers(SECRET),
            )
            for i in range(6)
        ]
        statuses = [r.status_code for r in await asyncio.gather(*posts)]
        assert statuses == [200] * 6
        # leaving `running` stops the server: it must first finish what is in flight
    assert peak == 2
    assert len(tg.sent_messages()) == 6


async def test_one_delegates_updates_run_in_order(
    database: Database, clock: FixedClock, tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new delegate's first messages, posted at once: answered in order, created once."""
    async with running(database, clock, **telegram_settings(tg)) as bot:
        assert bot.server.app is not None
        handle = bot.server.app.conversation.respond

        async def slow_first(message: Incoming) -> Response:
            if message.text == "/help":
                await asyncio.sleep(0.3)
            return await handle(message)

        monkeypatch.setattr(bot.server.app.conversation, "respond", slow_first)
        updates = [
            tg.message_update(77, text, language_code="fr") for text in ("/help", "/workshops")
        ]
        headers = telegram_webhook_headers(SECRET)
        responses = await asyncio.gather(
            *(bot.client.post("/telegram/webhook", json=u, headers=headers) for u in updates)
        )
        assert [r.status_code for r in responses] == [200, 200]
        other = tg.message_update(78, "/now", language_code="fr")  # not held up by 77
        await bot.client.post("/telegram/webhook", json=other, headers=headers)
        await eventually(lambda: len(tg.sent_messages(78)) == 1, within=0.25)
        await bot.idle()
        texts = [m["text"] for m in tg.sent_messages(77)]
        assert texts[0].startswith("Vous pouvez m'écrire librement")
        assert texts[1].startswith("Les ")  # the workshops, after the help
        assert bot.server.updates.queues == {}


def _serve(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CONFBOT), "serve"], env=env, cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_serve_without_a_channel_says_what_to_set(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "LINE_"))}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'c.db'}"
    result = _serve(env, tmp_path)
    assert result.returncode == 2
    for setting in ("TELEGRAM_BOT_TOKEN", "LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN"):
        assert setting in result.stderr
    env.update(TELEGRAM_BOT_TOKEN="1:x", LINE_CHANNEL_SECRET="only-the-secret")
    result = _serve(env, tmp_path)
    assert result.returncode == 2
    assert "TELEGRAM_WEBHOOK_SECRET is empty" in result.stderr
    assert "LINE needs both" in result.stderr


async def test_two_processes_answer_a_redelivered_update_once_and_stop_gracefully(
    database: Database, tg: FakeTelegram, line: FakeLine, tmp_path: Path
) -> None:
    """Two `confbot serve` on one database get the same updates: one reply each time.
    Then SIGTERM while a reply is in flight: it is still delivered, the exit is clean."""
    await database.migrate()
    env = channel_env(database, tg=tg, line=line)
    user = make_line_id("twice")
    async with (
        serve_process(env, tmp_path, "a") as a,
        serve_process(env, tmp_path, "b") as b,
        httpx.AsyncClient() as client,
    ):
        for round_ in range(5):
            update = tg.message_update(300 + round_, "/help", language_code="fr")
            event = line.text_message_event(user, "/help")
            body, headers = line.webhook_request([event])
            posts = [
                client.post(
                    f"{server.url}/telegram/webhook",
                    json=update,
                    headers=telegram_webhook_headers(SECRET),
                )
                for server in (a, b)
            ] + [
                client.post(f"{server.url}/line/webhook", content=body, headers=headers)
                for server in (a, b)
            ]
            assert [r.status_code for r in await asyncio.gather(*posts)] == [200] * 4

            def answered_on_telegram(r: int = round_) -> bool:
                return len(tg.sent_messages(300 + r)) >= 1

            def answered_on_line(r: int = round_) -> bool:
                return len(line.deliveries_to(user)) >= r + 1

            await eventually(answered_on_telegram)
            await eventually(answered_on_line)
        for server in (a, b):  # the container health check asks the operations port
            assert (await client.get(f"{server.metrics_url}/readyz")).json() == {"status": "ok"}
        await asyncio.sleep(0.5)  # time for a wrong second reply to arrive
        assert [len(tg.sent_messages(300 + r)) for r in range(5)] == [1] * 5
        assert len(line.deliveries_to(user)) == 5
        duplicates = 0.0
        for server in (a, b):
            text = (await client.get(f"{server.metrics_url}/metrics")).text
            duplicates += sum(
                float(line_.rsplit(" ", 1)[1])
                for line_ in text.splitlines()
                if line_.startswith("confbot_updates_duplicate_total")
            )
        assert duplicates == 10

        tg.delays["sendmessage"] = 1.0
        update = tg.message_update(399, "/help", language_code="fr")
        response = await client.post(
            f"{a.url}/telegram/webhook", json=update, headers=telegram_webhook_headers(SECRET)
        )
        assert response.status_code == 200
        await eventually(
            lambda: (
                bool(tg.calls_to("sendMessage"))
                and tg.calls_to("sendMessage")[-1].params.get("chat_id") == 399
            )
        )
        a.process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(a.process.wait(), 30) == 0
        assert len(tg.sent_messages(399)) == 1  # delivered before the process ended
        assert "waiting for 1 update(s) in flight" in a.output()


async def test_server_object_can_be_started_twice(
    database: Database, clock: FixedClock, tg: FakeTelegram
) -> None:
    """Stopping releases everything (database, HTTP clients): a restart in-process works."""
    await database.migrate()
    server = BotServer(database.settings(**telegram_settings(tg)), clock=clock)
    for _ in range(2):
        async with server:
            assert server.started
            transport = httpx.ASGITransport(app=server.asgi)
            async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
                update = tg.message_update(5, "/help", language_code="fr")
                response = await client.post(
                    "/telegram/webhook", json=update, headers=telegram_webhook_headers(SECRET)
                )
                assert response.status_code == 200
            await server.updates.wait_idle()
        assert not server.started and server.app is None
    assert len(tg.sent_messages(5)) == 2


async def test_one_delegate_flooding_does_not_hold_up_the_others() -> None:
    """150 updates from one delegate whose turns are slow take one slot, not all of them;
    past the per-delegate cap the rest are dropped; another delegate is served at once."""
    from bot.channels.runner import Admission, UpdateRunner

    runner = UpdateRunner(4, per_delegate=20)
    done: list[str] = []

    async def turn(who: str, seconds: float) -> None:
        await asyncio.sleep(seconds)
        done.append(who)

    accepted = [
        await runner.submit(turn("flood", 0.05), name=f"flood-{i}", key="flood") for i in range(150)
    ]
    assert accepted.count(Admission.QUEUED) == 20 and runner.dropped == 130
    assert accepted.count(Admission.OVERFLOW) == 1  # one "slow down", not 130
    assert await runner.submit(turn("other", 0), name="other", key="other") is Admission.QUEUED
    await runner.wait_idle()
    assert done.index("other") == 0  # served before the flood's first slow turn ended
    assert done.count("flood") == 20 and runner.queues == {}
    # the queue drained: a new flood gets its own "slow down"
    again = [await runner.submit(turn("flood", 0), name=f"f{i}", key="flood") for i in range(22)]
    assert again.count(Admission.OVERFLOW) == 1
    await runner.wait_idle()


async def test_a_paused_turn_gives_its_slot_up_and_keeps_its_delegates_order() -> None:
    """A turn waiting for the database (`pause`) lets another delegate's turn take its slot,
    while the same delegate's next update still waits behind it."""
    from bot.channels.runner import UpdateRunner

    runner = UpdateRunner(1)
    done: list[str] = []
    other_done = asyncio.Event()

    async def waits_for_the_database() -> None:
        await runner.pause(0.01)
        await other_done.wait()  # only possible if the one slot was given up
        done.append("a1")

    async def quick(name: str) -> None:
        done.append(name)
        if name == "b":
            other_done.set()

    await runner.submit(waits_for_the_database(), name="a1", key="a")
    await runner.submit(quick("a2"), name="a2", key="a")
    await runner.submit(quick("b"), name="b", key="b")
    await asyncio.wait_for(runner.wait_idle(), 10)
    assert done == ["b", "a1", "a2"]


@pytest.mark.parametrize("database", ["postgresql"], indirect=True)
async def test_updates_that_arrive_while_postgresql_is_cut_or_black_holed_are_answered(
    database: Database, clock: FixedClock, tg: FakeTelegram
) -> None:
    """A TCP proxy in front of PostgreSQL cuts every connection (then black-holes them): the
    turns that meet it are not marked handled, wait, and are answered once it is back."""
    from sqlalchemy.engine import make_url

    from bench.fakes.tcp_proxy import TcpProxy

    await database.migrate()
    target = make_url(database.url)
    async with TcpProxy(target.host or "127.0.0.1", target.port or 5432) as proxy:
        url = target.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        settings = Settings(
            database_url=url, database_schema=database.schema, **telegram_settings(tg)
        )
        async with BotServer(settings, clock=clock) as server:
            transport = httpx.ASGITransport(app=server.asgi)
            async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
                headers = telegram_webhook_headers(SECRET)

                def met_the_database() -> float:
                    text = server.metrics_text().decode()
                    prefix = 'confbot_errors_total{channel="telegram",stage="database"} '
                    found = [ln for ln in text.splitlines() if ln.startswith(prefix)]
                    return float(found[0].rsplit(" ", 1)[1]) if found else 0.0

                for n, (fault, chat) in enumerate(((proxy.cut, 41), (proxy.black_hole, 42))):
                    fault()
                    update = tg.message_update(chat, "/help", language_code="fr")
                    answer = await client.post("/telegram/webhook", json=update, headers=headers)
                    assert answer.status_code == 200  # acknowledged: the platform won't resend

                    def met_it_again(before: int = n) -> bool:
                        return met_the_database() > before

                    def answered(chat: int = chat) -> bool:
                        return len(tg.sent_messages(chat)) == 1

                    if fault == proxy.cut:
                        await eventually(met_it_again)
                    else:
                        await asyncio.sleep(1.0)  # statements sent, no answer
                    assert tg.sent_messages(chat) == []  # neither an answer nor an apology
                    proxy.restore()
                    await eventually(answered, 30)
                    assert tg.sent_messages(chat)[0]["text"].startswith("Vous pouvez m'écrire")
                    await client.post("/telegram/webhook", json=update, headers=headers)
                    await server.updates.wait_idle()
                    assert len(tg.sent_messages(chat)) == 1  # recorded once, answered once
                assert proxy.resets > 0


async def test_outbox_quota_faq_and_process_metrics(
    database: Database, clock: FixedClock, tg: FakeTelegram, line: FakeLine
) -> None:
    from datetime import timedelta

    from sqlalchemy import select

    from db.models import Delegate, OutboxKind, OutboxMessage, OutboxStatus

    line.set_quota(200)
    settings = {**telegram_settings(tg), **line_settings(line), "dispatcher_in_serve": False}
    async with running(database, clock, **settings) as bot:
        await bot.telegram(tg.message_update(7, "C'est quoi le thème des Rencontres ?"))
        await bot.telegram(tg.message_update(7, "zxqv wplk"))
        await bot.telegram(tg.message_update(7, "/now"))
        assert bot.server.app is not None
        async with bot.server.app.sessionmaker.begin() as db:
            delegate = await db.scalar(select(Delegate))
            assert delegate is not None
            payload = {"id": 1, "sent": 0, "failed": 0, "blocked": 0, "waiting": 0}
            for status, due in (
                (OutboxStatus.PENDING, clock.now - timedelta(seconds=90)),  # 90 s overdue
                (OutboxStatus.PENDING, clock.now + timedelta(hours=1)),  # a reminder, later
                (OutboxStatus.WAITING_QUOTA, clock.now),
            ):
                db.add(
                    OutboxMessage(
                        delegate_id=delegate.id,
                        channel="telegram",
                        kind=OutboxKind.REPORT,
                        payload=payload,
                        status=status,
                        due_at=due,
                    )
                )
        watch = OutboxWatch(bot.server.app.deps, bot.server.metrics.outbox, clock)
        await watch.refresh()
        metrics = bot.metrics()
    for expected in (
        'confbot_outbox_depth{state="due"} 1.0',
        'confbot_outbox_depth{state="scheduled"} 1.0',
        'confbot_outbox_depth{state="waiting_quota"} 1.0',
        "confbot_outbox_oldest_age_seconds 90.0",
        "confbot_line_quota_remaining 200.0",
        'confbot_faq_outcomes_total{channel="telegram",outcome="answered"} 1.0',
        'confbot_faq_outcomes_total{channel="telegram",outcome="fallback"} 1.0',
        'confbot_turns_total{channel="telegram",outcome="command"} 1.0',
        "process_resident_memory_bytes",
        "process_open_fds",
        "python_gc_collections_total",
    ):
        assert expected in metrics, expected


async def test_a_connection_that_never_finishes_its_headers_is_closed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """uvicorn alone keeps such a connection for ever: a thousand of them leave no room
    (limit_concurrency) for the platforms' webhooks."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from bot.http_protocol import HeaderDeadlineProtocol
    from tests.serving import free_port

    monkeypatch.setattr("bot.http_protocol.HEADER_SECONDS", 0.3)

    async def hello(_request: object) -> PlainTextResponse:
        return PlainTextResponse("hello")

    port = free_port()
    config = uvicorn.Config(
        Starlette(routes=[Route("/", hello)]),
        host="127.0.0.1",
        port=port,
        http=HeaderDeadlineProtocol,
        log_config=None,
        lifespan="off",
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    try:
        await eventually(lambda: server.started)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"POST /telegram/webhook HTTP/1.1\r\nHost: x\r\n")  # and nothing more
        await writer.drain()
        assert await asyncio.wait_for(reader.read(), 10) == b""  # closed by the server
        writer.close()
        async with httpx.AsyncClient() as client:  # a whole request is answered as ever
            assert (await client.get(f"http://127.0.0.1:{port}/")).text == "hello"
    finally:
        server.should_exit = True
        await serving


async def test_a_body_that_trickles_is_refused_with_408(
    database: Database, clock: FixedClock, tg: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.channels.body.BODY_SECONDS", 0.3)

    async def trickle() -> AsyncIterator[bytes]:
        yield b'{"update_id": 1,'
        await asyncio.sleep(5)
        yield b"}"

    async with running(database, clock, **telegram_settings(tg)) as bot:
        response = await bot.client.post(
            "/telegram/webhook", content=trickle(), headers=telegram_webhook_headers(SECRET)
        )
        assert response.status_code == 408
        assert 'confbot_errors_total{channel="telegram",stage="webhook"} 1.0' in bot.metrics()
