"""`confbot faq import | export | unanswered`: the knowledge base from the shell."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from bot.app import build_app
from bot.settings import Settings
from handlers.faq.files import FaqFileError, entry_to_data, read_faq, write_faq
from handlers.faq.matcher import entries_from_data
from handlers.faq.store import load_faq, replace_faq
from handlers.faq.unanswered import unanswered_groups


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    faq = sub.add_parser("faq", help="the FAQ knowledge base")
    faq_sub = faq.add_subparsers(dest="faq_command", required=True)
    f_import = faq_sub.add_parser("import", help="replace the FAQ with a YAML file or folder")
    f_import.add_argument("path", type=Path)
    f_import.add_argument("--dry-run", action="store_true", help="show the changes only")
    f_export = faq_sub.add_parser("export", help="write the FAQ as YAML")
    f_export.add_argument("--output", "-o", type=Path, help="file (default: standard output)")
    f_unanswered = faq_sub.add_parser("unanswered", help="questions the bot could not answer")
    f_unanswered.add_argument("--limit", type=int, default=50, help="groups to show")


async def run(settings: Settings, args: argparse.Namespace) -> int:
    if args.faq_command == "import":
        return await _import(settings, args.path, args.dry_run)
    app = await build_app(settings, answers=False)
    try:
        async with app.sessionmaker.begin() as db:
            if args.faq_command == "export":
                text = write_faq(entries_from_data(await load_faq(db)))
                if args.output:
                    args.output.write_text(text, encoding="utf-8")
                else:
                    sys.stdout.write(text)
                return 0
            total, groups = await unanswered_groups(db, app.deps.faq)
    finally:
        await app.close()
    questions = "question" if total == 1 else "questions"
    print(f"{total} unanswered {questions} in {len(groups)} group{'' if len(groups) == 1 else 's'}")
    for group in groups[: args.limit]:
        languages = ", ".join(f"{k}:{v}" for k, v in sorted(group.languages.items()))
        last = group.last.isoformat(timespec="minutes") if group.last else ""
        print(f"{group.count:4}  [{languages}]  last {last}")
        for example in group.examples:
            print(f"        {example}")
    return 0


async def _import(settings: Settings, path: Path, dry_run: bool) -> int:
    try:
        entries = read_faq(path)
    except FaqFileError as exc:
        print(f"{path}: not imported, nothing changed:\n{exc}", file=sys.stderr)
        return 1
    app = await build_app(settings, answers=False)
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
