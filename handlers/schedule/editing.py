"""Organisers' programme edits in chat: `/set ID start 14:30`, `/set ID status cancelled`."""

from __future__ import annotations

from datetime import UTC

from handlers.core import store as queries
from handlers.core.messages import Reply, ReplyKind
from handlers.core.turn import Command, Turn
from handlers.notify.changes import NotifyOptions
from handlers.schedule.programme import EDITABLE, edit_row, load_rows, replace_programme


async def set_field(turn: Turn, argument: str) -> list[Reply]:
    if not turn.is_organiser:
        return [turn.refuse("programme.set")]
    session_id, _, rest = argument.strip().partition(" ")
    field, _, value = rest.strip().partition(" ")
    rows = await load_rows(turn.db)
    row = next((r for r in rows if r.id == session_id), None)
    if row is None or field not in EDITABLE or not value.strip():
        return [turn.reply(ReplyKind.ERROR, "set-usage", fields=", ".join(EDITABLE))]
    try:
        edited = edit_row(row, field, value, turn.deps.tz)
    except ValueError as exc:
        return [turn.reply(ReplyKind.ERROR, "set-invalid", reason=str(exc))]
    diff = await replace_programme(
        turn.db,
        [edited if r.id == session_id else r for r in rows],
        source="chat",
        sample=False,
        actor=turn.actor,
        now=turn.now,
        notify=NotifyOptions(
            now=turn.now.astimezone(UTC),
            merge_window=turn.deps.merge_window,
            reminder_minutes=turn.deps.reminder_minutes,
            source=turn.actor,
        ),
    )
    queries.audit(
        turn.db,
        actor=turn.actor,
        action="programme.set",
        now=turn.now,
        session=session_id,
        field=field,
        value=value[:200],
    )
    changed = ", ".join(c.field for change in diff.changed for c in change.changes) or "-"
    return [turn.reply(ReplyKind.SESSION, "set-done", id=session_id, fields=changed)]


COMMANDS: dict[str, Command] = {"set": set_field}
