"""Organisers' commands: the FAQ (import, export, unanswered questions) and who organises."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.app import build_app
from bot.settings import Settings
from db.models import Delegate, Role
from handlers.broadcast.audience import (
    Audience,
    AudienceError,
    create_broadcast,
    recipients,
    summarise,
)
from handlers.core import store as queries
from handlers.faq.files import FaqFileError, entry_to_data, read_faq, write_faq
from handlers.faq.matcher import entries_from_data
from handlers.faq.store import load_faq, replace_faq, unanswered
from handlers.faq.unanswered import group_questions
from handlers.notify.changes import NotifyOptions
from handlers.organisers.roles import parse_member, set_role
from handlers.schedule.programme import edit_row, load_rows, replace_programme


def add_admin_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    faq = sub.add_parser("faq", help="the FAQ knowledge base")
    faq_sub = faq.add_subparsers(dest="faq_command", required=True)
    f_import = faq_sub.add_parser("import", help="replace the FAQ with a YAML file or folder")
    f_import.add_argument("path", type=Path)
    f_import.add_argument("--dry-run", action="store_true", help="show the changes only")
    f_export = faq_sub.add_parser("export", help="write the FAQ as YAML")
    f_export.add_argument("--output", "-o", type=Path, help="file (default: standard output)")
    f_unanswered = faq_sub.add_parser("unanswered", help="questions the bot could not answer")
    f_unanswered.add_argument("--limit", type=int, default=50, help="groups to show")

    organisers = sub.add_parser("organisers", help="who may broadcast and see unanswered questions")
    o_sub = organisers.add_subparsers(dest="organisers_command", required=True)
    for name in ("add", "remove"):
        command = o_sub.add_parser(name, help=f"{name} an organiser")
        command.add_argument("member", help="channel:user id, e.g. telegram:123 or line:U4af…")
    o_sub.add_parser("list", help="list the organisers")

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


def add_programme_set(programme_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p_set = programme_sub.add_parser("set", help="change one session; notifies those concerned")
    p_set.add_argument("id")
    p_set.add_argument("--date", help="YYYY-MM-DD")
    p_set.add_argument("--start", help="HH:MM (the end moves with it)")
    p_set.add_argument("--end", help="HH:MM")
    p_set.add_argument("--room-fr", dest="room_fr")
    p_set.add_argument("--room-ja", dest="room_ja")
    p_set.add_argument("--room-en", dest="room_en")
    p_set.add_argument("--status", choices=("confirmed", "cancelled"))


async def programme_set(settings: Settings, args: argparse.Namespace) -> int:
    app = await build_app(settings)
    now = datetime.now(UTC)
    try:
        async with app.sessionmaker.begin() as db:
            rows = await load_rows(db)
            row = next((r for r in rows if r.id == args.id), None)
            if row is None:
                print(f"no session {args.id!r}", file=sys.stderr)
                return 1
            edited = row
            for field in ("date", "start", "end", "room_fr", "room_ja", "room_en", "status"):
                value = getattr(args, field)
                if value is not None:
                    try:
                        edited = edit_row(edited, field, value, settings.tz)
                    except ValueError as exc:
                        print(f"{field}: {exc}; nothing changed", file=sys.stderr)
                        return 1
            diff = await replace_programme(
                db,
                [edited if r.id == row.id else r for r in rows],
                source="cli",
                sample=False,
                actor="cli",
                now=now,
                notify=NotifyOptions(
                    now=now,
                    merge_window=app.deps.merge_window,
                    reminder_minutes=settings.reminder_minutes,
                    source="cli",
                ),
            )
    finally:
        await app.close()
    from bot.cli.main import format_diff

    print(format_diff(diff, settings))
    return 0


async def broadcast_command(settings: Settings, args: argparse.Namespace) -> int:
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
    app = await build_app(settings)
    try:
        async with app.sessionmaker.begin() as db:
            people = await recipients(db, audience, settings.default_language)
            summary = summarise(people, settings.default_language)
            print(
                f"{summary.total} recipients ({audience}): "
                + ", ".join(f"{k} {v}" for k, v in sorted(summary.by_language.items()))
                + "; "
                + ", ".join(f"{k} {v}" for k, v in sorted(summary.by_channel.items()))
            )
            quota = await app.deps.quota.line_quota()
            line_count = summary.by_channel.get("line", 0)
            if quota is not None and line_count:
                left = "unlimited" if quota.remaining is None else str(quota.remaining)
                print(f"LINE: uses {line_count} pushed messages; {left} left this month")
            if args.dry_run:
                print("(dry run: nothing sent)")
                return 0
            broadcast, _ = await create_broadcast(
                db,
                texts=texts,
                audience=audience,
                created_by="cli",
                reporter_id=None,
                send_at=send_at,
                now=now,
                default_language=settings.default_language,
            )
            queries.audit(
                db, actor="cli", action="broadcast.create", now=now, broadcast=broadcast.id,
                audience=str(audience), recipients=summary.total,
            )  # fmt: skip
            print(f"broadcast {broadcast.id} queued for {send_at.isoformat(timespec='minutes')}")
            return 0
    finally:
        await app.close()


async def run_admin(settings: Settings, args: argparse.Namespace) -> int:
    if args.command == "broadcast":
        return await broadcast_command(settings, args)
    if args.command == "faq" and args.faq_command == "import":
        return await _faq_import(settings, args.path, args.dry_run)
    app = await build_app(settings)
    now = datetime.now(UTC)
    try:
        async with app.sessionmaker.begin() as db:
            if args.command == "faq" and args.faq_command == "export":
                text = write_faq(entries_from_data(await load_faq(db)))
                if args.output:
                    args.output.write_text(text, encoding="utf-8")
                else:
                    sys.stdout.write(text)
                return 0
            if args.command == "faq":
                matcher = await app.deps.faq.matcher(db)
                rows = await unanswered(db)
                groups = group_questions(rows, matcher.normal_form)
                print(f"{len(rows)} unanswered questions in {len(groups)} groups")
                for group in groups[: args.limit]:
                    languages = ", ".join(f"{k}:{v}" for k, v in sorted(group.languages.items()))
                    last = group.last.isoformat(timespec="minutes") if group.last else ""
                    print(f"{group.count:4}  [{languages}]  last {last}")
                    for example in group.examples:
                        print(f"        {example}")
                return 0
            if args.organisers_command == "list":
                found = await db.scalars(
                    select(Delegate).where(Delegate.role == Role.ORGANISER).order_by(Delegate.id)
                )
                for delegate in found:
                    name = f"  {delegate.display_name}" if delegate.display_name else ""
                    print(f"{delegate.channel}:{delegate.channel_user_id}{name}")
                return 0
            member = parse_member(args.member)
            if member is None:
                print(f"not a channel:user id: {args.member!r}", file=sys.stderr)
                return 2
            role = Role.ORGANISER if args.organisers_command == "add" else Role.DELEGATE
            await set_role(db, member, role, now=now)
            queries.audit(
                db, actor="cli", action=f"organisers.{args.organisers_command}", now=now,
                member=args.member,
            )  # fmt: skip
            print(f"{args.member}: {role.value}")
            return 0
    finally:
        await app.close()


async def _faq_import(settings: Settings, path: Path, dry_run: bool) -> int:
    try:
        entries = read_faq(path)
    except FaqFileError as exc:
        print(f"{path}: not imported, nothing changed:\n{exc}", file=sys.stderr)
        return 1
    app = await build_app(settings)
    try:
        async with app.sessionmaker.begin() as db:
            diff = await replace_faq(
                db,
                [entry_to_data(e) for e in entries],
                actor="cli",
                now=datetime.now(UTC),
                dry_run=dry_run,
            )
    finally:
        await app.close()
    if diff.is_empty:
        print("no changes")
        return 0
    print(f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed")
    for entry_id in diff.added:
        print(f"+ {entry_id}")
    for entry_id in diff.removed:
        print(f"- {entry_id}")
    for entry_id, fields in diff.changed:
        print(f"~ {entry_id}: {', '.join(fields)}")
    if dry_run:
        print("(dry run: nothing changed)")
    return 0
