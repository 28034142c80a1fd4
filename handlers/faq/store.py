"""The stored FAQ, its version (so replicas rebuild their matcher), and unanswered questions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    AuditLog,
    FaqRecord,
    Meta,
    UnansweredQuestion,
    UnansweredReason,
    UnansweredStatus,
)
from handlers.core.generation import Generation

LOCAL_FAQ_CHANGES = Generation()  # FAQ imports made by this process: its matcher sees them at once

FAQ_META_KEY = "faq"
# A "did you mean" question becomes unanswered when "none of these" is pressed.
UNANSWERED_REASONS = (UnansweredReason.FALLBACK, UnansweredReason.NONE)

_UNANSWERED = cast(Table, UnansweredQuestion.__table__)
_RECORD_UNANSWERED = (
    insert(_UNANSWERED)
    .values(
        {
            name: bindparam(name)
            for name in ("at", "delegate_id", "channel", "language", "text", "reason", "candidates")
        }
    )
    .returning(_UNANSWERED.c.id)
)


@dataclass(frozen=True)
class FaqDiff:
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (id, changed fields)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


async def faq_version(db: AsyncSession) -> int:
    meta = await db.get(Meta, FAQ_META_KEY)
    return int(meta.value.get("version", 0)) if meta else 0


async def load_faq(db: AsyncSession) -> list[dict[str, Any]]:
    records = await db.scalars(select(FaqRecord).order_by(FaqRecord.position))
    return [dict(r.data) for r in records]


def _fields(old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
    names = sorted(set(old) | set(new))
    changed: list[str] = []
    for name in names:
        before, after = old.get(name), new.get(name)
        if isinstance(before, dict) and isinstance(after, dict):
            changed += [
                f"{name}.{k}"
                for k in sorted(set(before) | set(after))
                if before.get(k) != after.get(k)
            ]
        elif before != after:
            changed.append(name)
    return tuple(changed)


async def replace_faq(
    db: AsyncSession,
    entries: Sequence[dict[str, Any]],
    *,
    actor: str,
    now: datetime,
    dry_run: bool = False,
) -> FaqDiff:
    """Makes the stored FAQ equal to `entries` (in order); only what differs is written."""
    stored = {r.id: r for r in await db.scalars(select(FaqRecord))}
    new_ids = [str(e["id"]) for e in entries]
    added = tuple(i for i in new_ids if i not in stored)
    removed = tuple(i for i in stored if i not in set(new_ids))
    changed = tuple(
        (str(e["id"]), fields)
        for e in entries
        if str(e["id"]) in stored and (fields := _fields(stored[str(e["id"])].data, e))
    )
    moved = [
        str(e["id"])
        for position, e in enumerate(entries)
        if str(e["id"]) in stored and stored[str(e["id"])].position != position
    ]
    diff = FaqDiff(added, removed, changed)
    if dry_run or (diff.is_empty and not moved):
        return diff
    for entry_id in removed:
        await db.delete(stored[entry_id])
    for position, entry in enumerate(entries):
        record = stored.get(str(entry["id"]))
        if record is None:
            db.add(FaqRecord(id=str(entry["id"]), position=position, data=entry, updated_at=now))
        else:
            record.position = position
            if record.data != entry:
                record.data, record.updated_at = dict(entry), now
    meta = await db.get(Meta, FAQ_META_KEY)
    version = (int(meta.value.get("version", 0)) if meta else 0) + 1
    LOCAL_FAQ_CHANGES.bump()
    if meta is None:
        db.add(Meta(key=FAQ_META_KEY, value={"version": version}))
    else:
        meta.value = {"version": version}
    db.add(
        AuditLog(
            at=now,
            actor=actor,
            action="faq.import",
            detail={"added": list(added), "removed": list(removed), "changed": dict(changed)},
        )
    )
    await db.flush()
    return diff


async def record_unanswered(
    db: AsyncSession,
    *,
    delegate_id: int | None,
    channel: str,
    language: str,
    text: str,
    reason: UnansweredReason,
    candidates: Sequence[str],
    now: datetime,
) -> int:
    """Keeps the question for the organisers; its id, which "none of these" refers to."""
    # One statement and no ORM flush: every question the bot cannot answer outright goes
    # through here, inside the delegate's turn.
    row_id = await db.scalar(
        _RECORD_UNANSWERED,
        {
            "at": now,
            "delegate_id": delegate_id,
            "channel": channel,
            "language": language,
            "text": text[:2000],
            "reason": reason,
            "candidates": list(candidates),
        },
    )
    assert row_id is not None
    return int(row_id)


async def unanswered(db: AsyncSession, limit: int = 2000) -> Sequence[UnansweredQuestion]:
    result = await db.scalars(
        select(UnansweredQuestion)
        .where(
            UnansweredQuestion.reason.in_(UNANSWERED_REASONS),
            UnansweredQuestion.status == UnansweredStatus.OPEN,
        )
        .order_by(UnansweredQuestion.at.desc())
        .limit(limit)
    )
    return result.all()
