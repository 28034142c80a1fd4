"""`confbot broadcast`: an announcement from the shell, with the preview the chat shows."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from bot.app import build_app
from bot.settings import Settings
from handlers.broadcast.audience import Audience, AudienceError
from handlers.broadcast.usecases import create_broadcast, preview


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    broadcast = sub.add_parser("broadcast", help="send an announcement to delegates")
    broadcast.add_argument("--fr", required=True, help="French text")
    broadcast.add_argument("--ja", required=True, help="Japanese text")
    broadcast.add_argument("--en", default="", help="English text (optional)")
    broadcast.add_argument(
        "--audience",
        default="all",
        help="all, lang:fr|ja|en, channel:telegram|line, track:CODE or session:ID",
    )
    broadcast.add_argument("--at", help="send later: ISO date-time (venue time if no zone)")
    broadcast.add_argument("--dry-run", action="store_true", help="count recipients only")


async def run(settings: Settings, args: argparse.Namespace) -> int:
    try:
        audience = Audience.parse(args.audience)
    except AudienceError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    now = datetime.now(UTC)
    send_at = now
    if args.at:
        try:
            send_at = datetime.fromisoformat(args.at)
        except ValueError:
            print(f"--at: {args.at!r} is not an ISO date-time", file=sys.stderr)
            return 2
        if send_at.tzinfo is None:
            send_at = send_at.replace(tzinfo=settings.tz)
    texts = {"fr": args.fr.strip(), "ja": args.ja.strip(), "en": args.en.strip()}
    if not texts["fr"] or not texts["ja"]:
        print("--fr and --ja must not be empty", file=sys.stderr)
        return 2
    app = await build_app(settings, answers=False)
    deps = app.deps
    try:
        async with app.sessionmaker.begin() as db:
            seen = await preview(
                db,
                audience,
                default_language=deps.default_language,
                pushable=deps.pushable,
                quota=deps.quota,
            )
            summary = seen.summary
            print(
                f"{summary.total} recipients ({audience}): "
                + ", ".join(f"{k} {v}" for k, v in sorted(summary.by_language.items()))
                + "; "
                + ", ".join(f"{k} {v}" for k, v in sorted(summary.by_channel.items()))
            )
            if seen.quota is not None and seen.line_messages:
                remaining = seen.quota.remaining
                left = "unlimited" if remaining is None else str(remaining)
                print(f"LINE: uses {seen.line_messages} pushed messages; {left} left this month")
            if args.dry_run:
                print("(dry run: nothing sent)")
                return 0
            broadcast, _ = await create_broadcast(
                db,
                texts=texts,
                audience=audience,
                actor="cli",
                reporter_id=None,
                send_at=send_at,
                now=now,
                default_language=deps.default_language,
                pushable=deps.pushable,
            )
            print(f"broadcast {broadcast.id} queued for {send_at.isoformat(timespec='minutes')}")
            return 0
    finally:
        await app.close()
