"""Notification fan-out benchmark: one moved session, every delegate following all changes.

    .venv/bin/python bench/fanout.py [--delegates 10000] [--databases sqlite,postgresql]

For each database (a SQLite file in a temporary folder; a throw-away schema in the PostgreSQL
database of CONFBOT_TEST_PG_URL, default postgresql+asyncpg://postgres@127.0.0.1:5432/test):
the delegates (half Telegram, half LINE, each half French and Japanese) all follow every change
(`subscriptions`, kind "all"); one session is moved through `db.programme.replace_programme` with
no merge window, which writes one outbox row per delegate; then a `Dispatcher` with the default
settings (TELEGRAM_RATE 25) sends them to the fake Telegram and LINE APIs (bench/fakes), which
enforce the platforms' limits: Telegram 30 messages a second overall and one a second per chat,
LINE 2,000 requests a second, answering 429 beyond.

Printed per database: time until the last delivery, messages a second per platform, LINE
requests, 429s, duplicates and losses; then a PASS or FAIL line per target, and the exit status
is 1 if one fails. Targets: nothing lost, nothing twice, no 429 at the default settings, Telegram
done within 10 % of its floor (Telegram delegates / TELEGRAM_RATE: 5,000 / 25 = 200 s), LINE in
at most twice the fewest multicasts possible (20 for 10,000 delegates). Everything listens on
127.0.0.1 only; with the defaults the run takes about seven minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import sys
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, literal, select

SCRIPT = Path(__file__).resolve()
ROOT = SCRIPT.parent.parent
sys.path.insert(0, str(ROOT))

from bench.databases import fresh_database  # noqa: E402
from bench.fakes import (  # noqa: E402
    DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
    DEFAULT_LINE_CHANNEL_SECRET,
    DEFAULT_TELEGRAM_TOKEN,
    FakeLine,
    FakeTelegram,
    make_line_id,
)
from bot.app import App, build_app, freeze_long_lived  # noqa: E402
from bot.channels.line.sender import MULTICAST_MAX as LINE_MULTICAST_MAX  # noqa: E402
from bot.dispatcher import Dispatcher  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.worker import build_senders, close_senders  # noqa: E402
from db.models import Delegate, OutboxMessage, Subscription  # noqa: E402
from handlers.notify.options import NotifyOptions  # noqa: E402
from handlers.schedule.model import SessionRow, edit_row  # noqa: E402
from handlers.schedule.store import load_rows  # noqa: E402
from handlers.schedule.usecases import replace_programme  # noqa: E402

SESSION = "ws-economy"  # the session moved (any session of the bundled programme would do)
HEADINGS = {"fr": "Changement de programme", "ja": "プログラム変更"}
TELEGRAM_FAKE_LIMITS = {"global_per_s": 30, "per_chat_per_s": 1}
LINE_FAKE_REQUESTS_PER_S = 2000
TIME_MARGIN = 0.10  # Telegram: within 10 % of its floor


@dataclass
class Figures:
    database: str
    delegates: int
    telegram_delegates: int
    line_delegates: int
    rate: float
    enqueue_s: float = 0.0
    telegram_last_s: float = math.nan
    line_last_s: float = math.nan
    telegram_messages: int = 0
    line_messages: int = 0
    line_requests: int = 0
    line_multicasts: int = 0
    line_pushes: int = 0
    line_409: int = 0
    telegram_429: int = 0
    line_429: int = 0
    telegram_duplicates: int = 0
    line_duplicates: int = 0
    telegram_lost: int = 0
    line_lost: int = 0
    wrong_language: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    timed_out: bool = False
    ideal_line_requests: int = 0

    @property
    def telegram_floor_s(self) -> float:
        return self.telegram_delegates / self.rate

    @property
    def lost(self) -> int:
        unsent = sum(n for status, n in self.statuses.items() if status != "sent")
        return max(self.telegram_lost + self.line_lost, unsent)

    @property
    def duplicates(self) -> int:
        return self.telegram_duplicates + self.line_duplicates


# ---------------------------------------------------------------------------- databases


# ---------------------------------------------------------------------------- scenario


def delegate_rows(count: int) -> tuple[list[dict[str, Any]], dict[int, str], dict[str, str]]:
    """Half Telegram, half LINE, each half French and Japanese."""
    rows: list[dict[str, Any]] = []
    telegram: dict[int, str] = {}
    line: dict[str, str] = {}
    for i in range(count):
        language = ("fr", "ja")[(i // 2) % 2]
        if i % 2 == 0:
            chat_id = 500_000_000 + i
            telegram[chat_id] = language
            rows.append({"channel": "telegram", "channel_user_id": str(chat_id)})
        else:
            user_id = make_line_id(f"fanout-{i}")
            line[user_id] = language
            rows.append({"channel": "line", "channel_user_id": user_id})
        rows[-1].update(language=language, active=True, display_name=f"delegate {i}")
    return rows, telegram, line


async def populate(app: App, rows: list[dict[str, Any]]) -> None:
    async with app.sessionmaker.begin() as db:
        for start in range(0, len(rows), 2000):
            await db.execute(insert(Delegate), rows[start : start + 2000])
        await db.execute(
            insert(Subscription).from_select(
                ["delegate_id", "kind", "track_code"],
                select(Delegate.id, literal("all"), literal("")),
            )
        )


def moved(row: SessionRow, tz: Any) -> SessionRow:
    start = (row.starts_at.astimezone(tz) + timedelta(minutes=30)).strftime("%H:%M")
    return edit_row(row, "start", start, tz)


async def move_session(app: App) -> int:
    """Moves SESSION by half an hour; the number of outbox rows written."""
    now = datetime.now(UTC)
    async with app.sessionmaker.begin() as db:
        rows = await load_rows(db)
        target = next((r for r in rows if r.id == SESSION), rows[0])
        edited = [moved(r, app.settings.tz) if r.id == target.id else r for r in rows]
        await replace_programme(
            db,
            edited,
            source="bench",
            sample=False,
            actor="bench",
            now=now,
            notify=replace(NotifyOptions.of(app.deps, now), merge_window=timedelta(0)),
        )
    async with app.sessionmaker() as db:
        return int(await db.scalar(select(func.count()).select_from(OutboxMessage)) or 0)


async def statuses(app: App) -> Counter[str]:
    async with app.sessionmaker() as db:
        rows = await db.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        )
        return Counter({str(status.value): int(n) for status, n in rows.all()})


async def run_database(kind: str, count: int) -> Figures:
    telegram, line = FakeTelegram(), FakeLine()
    telegram.rate_limit(**TELEGRAM_FAKE_LIMITS)
    line.rate_limit(requests_per_s=LINE_FAKE_REQUESTS_PER_S)
    await telegram.start()
    await line.start()
    try:
        async with fresh_database(kind, "fanout") as (url, schema):
            settings = Settings(
                database_url=url,
                database_schema=schema,
                telegram_bot_token=DEFAULT_TELEGRAM_TOKEN,  # type: ignore[arg-type]
                telegram_api_base_url=telegram.base_url,
                telegram_mode="polling",
                line_channel_access_token=DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,  # type: ignore[arg-type]
                line_channel_secret=DEFAULT_LINE_CHANNEL_SECRET,  # type: ignore[arg-type]
                line_api_base_url=line.api_base_url,
                line_api_data_base_url=line.data_base_url,
            )
            app = await build_app(settings)
            try:
                return await measure(kind, count, app, telegram, line)
            finally:
                await app.close()
    finally:
        await telegram.stop()
        await line.stop()


async def measure(
    kind: str, count: int, app: App, telegram: FakeTelegram, line: FakeLine
) -> Figures:
    rows, tg_ids, line_ids = delegate_rows(count)
    rate = app.settings.telegram_rate
    figures = Figures(kind, count, len(tg_ids), len(line_ids), rate)
    languages = Counter(line_ids.values())
    figures.ideal_line_requests = sum(math.ceil(n / LINE_MULTICAST_MAX) for n in languages.values())
    await populate(app, rows)
    started = time.perf_counter()
    written = await move_session(app)
    figures.enqueue_s = time.perf_counter() - started
    print(f"  {written} outbox rows written in {figures.enqueue_s:.1f} s", flush=True)
    telegram.reset_calls()
    line.reset_calls()

    senders = build_senders(app)
    dispatcher = Dispatcher.of(app, senders)
    freeze_long_lived()  # as `confbot worker` does before its dispatcher runs
    stop = asyncio.Event()
    t0 = time.time()
    task = asyncio.create_task(dispatcher.run(stop))
    deadline = time.monotonic() + figures.telegram_floor_s * 1.5 + 120
    next_progress = time.monotonic() + 30
    try:
        while True:
            await asyncio.sleep(0.5)
            counts = await statuses(app)
            if not counts["pending"] and not counts["sending"]:
                break
            if time.monotonic() > deadline:
                figures.timed_out = True
                print(f"  timed out: {dict(counts)}", flush=True)
                break
            if time.monotonic() > next_progress:
                next_progress += 30
                print(
                    f"  {time.time() - t0:5.0f} s: {dict(counts)}; Telegram "
                    f"{len(telegram.calls_to('sendMessage', ok_only=True))}, LINE "
                    f"{len(line.deliveries)} delivered",
                    flush=True,
                )
    finally:
        stop.set()
        await asyncio.wait_for(task, 60)
        await close_senders(senders)

    figures.statuses = dict(await statuses(app))
    sent = telegram.calls_to("sendMessage", ok_only=True)
    per_chat = Counter(int(c.params["chat_id"]) for c in sent)
    figures.telegram_messages = len(sent)
    figures.telegram_last_s = max((c.at for c in sent), default=math.nan) - t0
    figures.telegram_duplicates = sum(n - 1 for n in per_chat.values() if n > 1)
    figures.telegram_lost = sum(1 for chat in tg_ids if chat not in per_chat)
    figures.telegram_429 = telegram.count_429
    figures.wrong_language += sum(
        1
        for c in sent
        if HEADINGS[tg_ids.get(int(c.params["chat_id"]), "fr")] not in str(c.params.get("text"))
    )

    # A notification is a text and a Flex card: counted once per request and recipient.
    texts: dict[tuple[str, str], str] = {}
    for d in line.deliveries:
        texts.setdefault((d.recipient, d.request_id), "")
        texts[(d.recipient, d.request_id)] += str(d.message.get("text", ""))
    per_user = Counter(recipient for recipient, _ in texts)
    figures.line_messages = len(texts)
    figures.line_last_s = max((d.at for d in line.deliveries), default=math.nan) - t0
    figures.line_duplicates = sum(n - 1 for n in per_user.values() if n > 1)
    figures.line_lost = sum(1 for user in line_ids if user not in per_user)
    figures.line_multicasts = len(line.calls_to("/v2/bot/message/multicast"))
    figures.line_pushes = len(line.calls_to("/v2/bot/message/push"))
    figures.line_requests = figures.line_multicasts + figures.line_pushes
    figures.line_409 = sum(1 for c in line.calls if c.status == 409)
    figures.line_429 = line.count_429
    figures.wrong_language += sum(
        1
        for (recipient, _), body in texts.items()
        if HEADINGS[line_ids.get(recipient, "fr")] not in body
    )
    return figures


# ---------------------------------------------------------------------------- report


def per_second(messages: int, seconds: float) -> float:
    return messages / seconds if seconds > 0 else math.nan


def describe(f: Figures) -> None:
    print(f"\n== {f.database}: {f.delegates} delegates ==")
    print(f"  enqueue (replace_programme, one transaction): {f.enqueue_s:.1f} s")
    print(
        f"  Telegram: {f.telegram_messages} messages, last after {f.telegram_last_s:.1f} s "
        f"({per_second(f.telegram_messages, f.telegram_last_s):.1f}/s; floor "
        f"{f.telegram_floor_s:.0f} s at {f.rate:g}/s), 429s {f.telegram_429}, "
        f"duplicates {f.telegram_duplicates}, lost {f.telegram_lost}"
    )
    print(
        f"  LINE: {f.line_messages} messages, last after {f.line_last_s:.1f} s "
        f"({per_second(f.line_messages, f.line_last_s):.0f}/s), {f.line_requests} requests "
        f"({f.line_multicasts} multicast, {f.line_pushes} push; fewest possible "
        f"{f.ideal_line_requests}), 409s {f.line_409}, 429s {f.line_429}, "
        f"duplicates {f.line_duplicates}, lost {f.line_lost}"
    )
    print(f"  outbox rows: {f.statuses}; in the wrong language: {f.wrong_language}")


def targets(f: Figures) -> list[tuple[bool, str]]:
    limit = f.telegram_floor_s * (1 + TIME_MARGIN)
    line_limit = 2 * f.ideal_line_requests
    return [
        (not f.timed_out and f.lost == 0, f"zero lost ({f.lost})"),
        (f.duplicates == 0, f"zero duplicates ({f.duplicates})"),
        (
            f.telegram_429 + f.line_429 == 0,
            f"zero 429s at the default settings (Telegram {f.telegram_429}, LINE {f.line_429})",
        ),
        (
            f.telegram_last_s <= limit,
            f"Telegram within {TIME_MARGIN:.0%} of the floor: {f.telegram_last_s:.1f} s "
            f"<= {limit:.1f} s (floor {f.telegram_floor_s:.0f} s)",
        ),
        (
            0 < f.line_requests <= line_limit,
            f"LINE in {line_limit} requests or fewer ({f.line_requests})",
        ),
        (f.wrong_language == 0, f"every message in its delegate's language ({f.wrong_language})"),
    ]


async def main_async(count: int, databases: list[str]) -> int:
    results: list[Figures] = []
    for kind in databases:
        print(f"-- {kind}: {count} delegates", flush=True)
        results.append(await run_database(kind, count))
        describe(results[-1])
    print("\n== targets ==")
    failed = 0
    for figures in results:
        for ok, label in targets(figures):
            failed += not ok
            print(f"{'PASS' if ok else 'FAIL'} {figures.database}: {label}")
    print(f"\n{'all targets met' if not failed else f'{failed} target(s) missed'}")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--delegates", type=int, default=10_000, help="default 10000")
    parser.add_argument(
        "--databases", default="sqlite,postgresql", help="comma-separated: sqlite,postgresql"
    )
    args = parser.parse_args()
    databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    unknown = set(databases) - {"sqlite", "postgresql"}
    if unknown or not databases or args.delegates < 4:
        parser.error(
            f"--databases: sqlite and/or postgresql ({', '.join(unknown)}); --delegates >= 4"
        )
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    return asyncio.run(main_async(args.delegates, databases))


if __name__ == "__main__":
    raise SystemExit(main())
