"""What organisers do to the programme, whichever way they do it (chat, command line, web
console): replace it with a new version, or change one session. Both write the change, its
notifications and the reminders it moves in the caller's transaction."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.notify.changes import enqueue_changes, refresh_reminders
from handlers.notify.options import NotifyOptions
from handlers.schedule import store
from handlers.schedule.formats import read_programme
from handlers.schedule.model import ProgrammeDiff, SessionRow, diff_rows, edit_row

log = logging.getLogger(__name__)


class SessionNotFound(LookupError):
    pass


class EditError(ValueError):
    """A value an organiser gave that cannot be used; `str()` says why."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field


async def replace_programme(
    db: AsyncSession,
    rows: Sequence[SessionRow],
    *,
    source: str,
    sample: bool,
    actor: str,
    now: datetime,
    dry_run: bool = False,
    notify: NotifyOptions | None = None,
) -> ProgrammeDiff:
    """Makes the stored programme equal to `rows`; with `notify`, the affected delegates'
    messages are written in the same transaction (before the change: the agendas of removed
    sessions still exist), and their reminders follow it."""
    if not dry_run:
        await store.lock(db)
    diff = diff_rows(await store.load_rows(db), rows)
    if dry_run or not await store.differs(db, diff, source=source, sample=sample):
        return diff
    if notify is not None:
        await enqueue_changes(db, diff, notify)
    await store.write(db, rows, diff, source=source, sample=sample, actor=actor, now=now)
    if notify is not None:
        await refresh_reminders(db, diff, notify)
    return diff


async def edit_session(
    db: AsyncSession,
    session_id: str,
    edits: Sequence[tuple[str, str]],
    *,
    tz: ZoneInfo,
    actor: str,
    source: str,
    notify: NotifyOptions,
    dry_run: bool = False,
) -> ProgrammeDiff:
    """Changes fields of one session as organisers say them (("start", "14:30"), ("status",
    "cancelled")); raises SessionNotFound, or EditError with a reason an organiser can act on,
    and then nothing changes. With `dry_run`, only says what would change."""
    rows = await store.load_rows(db)
    row = next((r for r in rows if r.id == session_id), None)
    if row is None:
        raise SessionNotFound(session_id)
    edited = row
    for field, value in edits:
        try:
            edited = edit_row(edited, field, value, tz)
        except ValueError as exc:
            raise EditError(field, str(exc)) from None
    return await replace_programme(
        db,
        [edited if r.id == session_id else r for r in rows],
        source=source,
        sample=False,
        actor=actor,
        now=notify.now,
        notify=notify,
        dry_run=dry_run,
    )


async def load_bundled_programme(
    db: AsyncSession, path: Path, *, sample: bool, tz: ZoneInfo, now: datetime
) -> bool:
    """Loads the edition's bundled programme into an empty database; True if it did."""
    if not await store.is_empty(db):
        return False
    parsed = read_programme(path, tz)
    await replace_programme(
        db, parsed.rows, source=f"content/{path.name}", sample=sample, actor="system", now=now
    )
    log.info("loaded the bundled programme: %d sessions", len(parsed.rows))
    return True
