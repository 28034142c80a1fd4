"""`confbot stats [--json]`: the figures of the web console's overview, in the terminal."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime

from bot.app import build_app
from bot.settings import Settings
from handlers.stats.overview import Overview, overview


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("stats", help="how the bot is used: delegates, messages, outcomes")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


async def run(settings: Settings, args: argparse.Namespace) -> int:
    app = await build_app(settings, warm=False)
    try:
        async with app.sessionmaker() as db:
            figures = await overview(
                db,
                now=datetime.now(UTC),
                tz=settings.tz,
                quota=await app.deps.quota.line_quota(),
            )
    finally:
        await app.close()
    print(
        json.dumps(figures.as_json(), ensure_ascii=False, indent=2) if args.json else text(figures)
    )
    return 0


def text(figures: Overview) -> str:
    """The figures as a few lines for a terminal (organisers read them in English here, as the
    rest of the command line)."""
    lines = [f"delegates: {figures.delegates_total}"]
    for channel, by_lang in sorted(figures.delegates.items()):
        shares = ", ".join(f"{lang} {n}" for lang, n in sorted(by_lang.items()))
        lines.append(f"  {channel}: {shares}")
    lines.append(f"active in the last 24 h: {figures.active_24h}")
    lines.append(f"messages in the last 24 h: {figures.messages_24h}")
    lines.append("understood per day (answered / asked back / fallback / off-topic):")
    for day, counts in figures.per_day:
        lines.append(f"  {day}: " + " / ".join(str(n) for n in counts.values()))
    if figures.top_entries:
        lines.append(
            "most asked FAQ entries: " + ", ".join(f"{e} {n}" for e, n in figures.top_entries)
        )
    if figures.top_sessions:
        lines.append(
            "most asked sessions: " + ", ".join(f"{s} {n}" for s, n in figures.top_sessions)
        )
    lines.append(f"unanswered questions to handle: {figures.unanswered_open}")
    box = figures.outbox
    lines.append(
        f"outbox: {box.waiting} waiting, {box.waiting_quota} for the LINE quota, "
        f"{box.failed} failed, {box.blocked} blocked"
    )
    if figures.line_quota is not None:
        limit = "no limit" if figures.line_quota.limit is None else figures.line_quota.limit
        lines.append(f"LINE messages this month: {figures.line_quota.used} of {limit}")
    return "\n".join(lines)
