"""How fast the organisers' console answers on a busy conference's data.

    python bench/console_load.py [--db sqlite|postgresql] [--delegates 10000] [--turns 100000]

Two databases in the same run: an empty one (the bot's content only) and one with
`--delegates` delegates and `--turns` turns spread over the last seven days (counted per hour as
the bot counts them), some unanswered questions and outbox rows. The overview and the programme page are requested
`--requests` times each, in process through the ASGI app (routing, session check, queries,
templates, charts), signed in as an organiser; the script prints the median and p95 of each,
beside the empty database's. Target: p95 under 150 ms on the large one.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.databases import fresh_database  # noqa: E402
from bot.server import BotServer  # noqa: E402
from bot.settings import Settings  # noqa: E402
from db.models import (  # noqa: E402
    Delegate,
    OutboxKind,
    OutboxMessage,
    OutboxStatus,
    Role,
    TurnCount,
    UnansweredQuestion,
    UnansweredReason,
)
from handlers.organisers.console_access import issue_link  # noqa: E402

PAGES = ("/organisers/", "/organisers/programme")
COUNT_KEYS = ("hour", "channel", "language", "outcome", "intent", "detail")
OUTCOMES = ["answered"] * 6 + ["command"] * 3 + ["clarified", "fallback", "off_topic"]
ENTRIES = ["theme-general", "dates", "venue", "workshops-overview", "host-city", "reminders"]
SESSIONS = ["opening", "ws-economy", "ws-society", "ws-environment", "closing"]


async def fill(server: BotServer, delegates: int, turns: int, now: datetime) -> None:
    """Delegates on both platforms and languages, and their turns over seven days."""
    assert server.app is not None
    rng = random.Random(8)
    async with server.app.sessionmaker.begin() as db:
        rows = [
            {
                "channel": "line" if i % 3 else "telegram",
                "channel_user_id": f"bench-{i}",
                "display_name": "",
                "language": ("ja", "fr", "en")[i % 3 if i % 7 else 2],
                "role": Role.DELEGATE,
                "active": True,
                "first_seen": now - timedelta(days=7),
                "last_seen": now,
                "reminders": True,
            }
            for i in range(delegates)
        ]
        for start in range(0, len(rows), 5000):
            await db.execute(insert(Delegate), rows[start : start + 5000])
        ids = list((await db.scalars(select(Delegate.id))).all())
        counts: Counter[tuple[datetime, str, str, str, str, str]] = Counter()
        for _ in range(turns):
            outcome = rng.choice(OUTCOMES)
            intent, detail = "", ""
            if outcome == "answered":
                intent, detail = rng.choice(
                    [("faq", rng.choice(ENTRIES)), ("session", rng.choice(SESSIONS))]
                )
            at = now - timedelta(seconds=rng.randrange(7 * 24 * 3600))
            hour = at.replace(minute=0, second=0, microsecond=0)
            channel, language = rng.choice([("line", "ja"), ("telegram", "fr"), ("line", "en")])
            counts[(hour, channel, language, outcome, intent, detail)] += 1
        rows_ = [dict(zip(COUNT_KEYS, key, strict=True), count=n) for key, n in counts.items()]
        for start in range(0, len(rows_), 5000):
            await db.execute(insert(TurnCount), rows_[start : start + 5000])
        await db.execute(
            insert(UnansweredQuestion),
            [
                {
                    "at": now,
                    "delegate_id": rng.choice(ids),
                    "channel": "line",
                    "language": "ja",
                    "text": f"質問 {i}",
                    "reason": UnansweredReason.FALLBACK,
                    "candidates": [],
                }
                for i in range(min(turns // 100, 2000))
            ],
        )
        await db.execute(
            insert(OutboxMessage),
            [
                {
                    "delegate_id": rng.choice(ids),
                    "channel": "line",
                    "kind": OutboxKind.BROADCAST,
                    "payload": {"broadcast_id": 1},
                    "group_key": "broadcast:1",
                    "status": rng.choice(list(OutboxStatus)),
                    "due_at": now,
                    "created_at": now,
                    "attempts": 0,
                    "error": "",
                }
                for _ in range(min(delegates, 10_000))
            ],
        )


async def measure(kind: str, delegates: int, turns: int, requests: int) -> dict[str, list[float]]:
    async with fresh_database(kind, "console_load") as (url, schema):
        settings = Settings(
            database_url=url,
            database_schema=schema,
            public_url="http://bench",
            dispatcher_in_serve=False,
            organisers="telegram:1",
        )
        server = BotServer(settings)
        async with server:
            assert server.app is not None
            now = datetime.now(UTC)
            if turns or delegates:
                await fill(server, delegates, turns, now)
            async with server.app.sessionmaker.begin() as db:
                organiser = await db.scalar(select(Delegate).where(Delegate.channel_user_id == "1"))
                assert organiser is not None
                link = await issue_link(db, organiser, base_url="http://bench", now=now)
            assert link is not None
            transport = httpx.ASGITransport(app=server.asgi)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                signed = await client.post(link.removeprefix("http://bench"))
                assert signed.status_code == 303, signed.text
                times: dict[str, list[float]] = {page: [] for page in PAGES}
                for page in PAGES:
                    await client.get(page)  # warm-up: templates compiled, caches filled
                    for _ in range(requests):
                        started = time.perf_counter()
                        response = await client.get(page)
                        times[page].append((time.perf_counter() - started) * 1000)
                        assert response.status_code == 200, response.status_code
        return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="sqlite", choices=("sqlite", "postgresql"))
    parser.add_argument("--delegates", type=int, default=10_000)
    parser.add_argument("--turns", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    empty = asyncio.run(measure(args.db, 0, 0, args.requests))
    large = asyncio.run(measure(args.db, args.delegates, args.turns, args.requests))
    print(
        f"Organisers' console on {args.db}: {args.requests} requests a page, in process "
        "(ASGI), signed in"
    )
    print(
        "| page | empty: median / p95 ms | "
        f"{args.delegates:,} delegates, {args.turns:,} turns: median / p95 ms | target p95 |"
    )
    print("|---|---|---|---|")
    for page in PAGES:
        a, b = empty[page], large[page]
        verdict = "met" if p95(b) < 150 else "MISSED"
        print(
            f"| `{page}` | {statistics.median(a):.1f} / {p95(a):.1f} | "
            f"{statistics.median(b):.1f} / {p95(b):.1f} | < 150 ms: {verdict} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
