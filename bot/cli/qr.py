"""`confbot qr`: printable QR codes that open a session or a workshop in the bot.

    confbot qr --session ws-economy -o posters/
    confbot qr --workshop environment [--follow] --format pdf -o posters/
    confbot qr --all --format svg -o posters/

One card per session or workshop (handlers/links/qrcard.py): a Telegram code when
TELEGRAM_BOT_USERNAME is set, a LINE code when LINE_BASIC_ID is, side by side, with the title in
French and Japanese underneath.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.app import build_app
from bot.fonts import MISSING, find_cjk_font
from bot.settings import Settings
from handlers.links.qrcard import (
    Card,
    CardFormat,
    Outlines,
    Platforms,
    card_svg,
    render,
    session_card,
    workshop_card,
)
from handlers.schedule import store


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    qr = sub.add_parser("qr", help="printable QR codes that open a session or a workshop")
    which = qr.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", metavar="ID", help="a session's id")
    which.add_argument("--workshop", metavar="CODE", help="a workshop's (or any track's) code")
    which.add_argument("--all", action="store_true", help="every session and every workshop")
    qr.add_argument(
        "--follow", action="store_true", help="workshop codes follow the workshop at once"
    )
    qr.add_argument("--format", choices=[f.value for f in CardFormat], default="png")
    qr.add_argument("--output", "-o", type=Path, required=True, help="folder for the files")
    qr.add_argument("--font", help="a font with Japanese glyphs (default: Noto Sans CJK)")


async def run(settings: Settings, args: argparse.Namespace) -> int:
    platforms = Platforms(settings.telegram_bot_username, settings.line_basic_id)
    if not (platforms.telegram_username or platforms.line_basic_id):
        print(
            "Set TELEGRAM_BOT_USERNAME (the bot's username) or LINE_BASIC_ID (@…): "
            "the codes lead to them.",
            file=sys.stderr,
        )
        return 2
    font = find_cjk_font(args.font)
    if font is None:
        print(MISSING, file=sys.stderr)
        return 2
    cards = await _cards(settings, args, platforms)
    if isinstance(cards, str):
        print(cards, file=sys.stderr)
        return 1
    try:
        outlines = Outlines(Path(font[0]), font[1])
    except Exception as exc:  # not a font, or not readable
        print(f"{font[0]}: cannot read this font ({exc})", file=sys.stderr)
        return 2
    fmt = CardFormat(args.format)
    args.output.mkdir(parents=True, exist_ok=True)
    for card in cards:
        try:
            data = render(card_svg(card, outlines), fmt)
        except OSError as exc:  # cairocffi finds no cairo library
            print(f"cannot draw {fmt.value}: {exc} (apt-get install libcairo2)", file=sys.stderr)
            return 2
        path = args.output / f"{card.name}.{fmt.value}"
        path.write_bytes(data)
        print(f"{path}  {card.title_fr} / {card.title_ja}")
    return 0


async def _cards(
    settings: Settings, args: argparse.Namespace, platforms: Platforms
) -> list[Card] | str:
    """The cards asked for, or why there are none."""
    app = await build_app(settings, warm=False)
    try:
        async with app.sessionmaker() as db:
            sessions = await store.all_sessions(db)
    finally:
        await app.close()
    tracks = {t.code: t for t in app.deps.conference.tracks}
    if args.session is not None:
        found = next((s for s in sessions if s.id == args.session), None)
        if found is None:
            return f"no session {args.session!r} in the programme"
        return [session_card(found, platforms)]
    if args.workshop is not None:
        track = tracks.get(args.workshop)
        if track is None:
            return f"no workshop {args.workshop!r}: {', '.join(sorted(tracks))}"
        return [workshop_card(track, platforms, follow=args.follow)]
    cards = [session_card(s, platforms) for s in sessions]
    workshops = sorted((t for t in tracks.values() if t.workshop), key=lambda t: t.position)
    return cards + [workshop_card(t, platforms, follow=args.follow) for t in workshops]
