"""A programme change as the command line prints it: `+ id`, `- id`, `~ id` and each field."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.settings import Settings
from db.models import SessionStatus
from handlers.schedule.model import FieldChange, ProgrammeDiff

FIELD_NAMES = {"starts_at": "start", "ends_at": "end"}


def _value(value: Any, settings: Settings) -> str:
    if isinstance(value, datetime):
        return value.astimezone(settings.tz).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, SessionStatus):
        return value.value
    if isinstance(value, tuple):
        return "; ".join(value) or "∅"
    return str(value) if value != "" else "∅"


def format_diff(diff: ProgrammeDiff, settings: Settings) -> str:
    if diff.is_empty:
        return "no changes"
    lines = [f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"]
    for row in diff.added:
        lines.append(f"+ {row.id}: {_value(row.starts_at, settings)} {row.title_fr}")
    for row in diff.removed:
        lines.append(f"- {row.id}: {_value(row.starts_at, settings)} {row.title_fr}")
    for change in diff.changed:
        lines.append(f"~ {change.session_id}")
        lines += [_change_line(c, settings) for c in change.changes]
    return "\n".join(lines)


def _change_line(change: FieldChange, settings: Settings) -> str:
    name = FIELD_NAMES.get(change.field, change.field)
    return f"    {name}: {_value(change.old, settings)} → {_value(change.new, settings)}"
