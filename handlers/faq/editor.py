"""Editing the FAQ one entry at a time (the web console): search, save, delete. A save is
checked like a file import, then tried on a matcher built with it: when the edited entry
would now answer phrasings written for other entries, the organiser is shown which, and the
entry is saved only if they confirm."""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core.store import audit
from handlers.core.text import fold_accents
from handlers.faq.files import EntryProblem, EntryProblemKind, check_entries
from handlers.faq.matcher import LANGS, FaqEntry, FaqMatcher, Outcome
from handlers.faq.store import load_faq, replace_faq

if TYPE_CHECKING:
    from handlers.deps import FaqSource


@dataclass(frozen=True)
class Stolen:
    """A phrasing of another entry that the edited entry would answer instead."""

    entry_id: str
    language: str
    question: str


@dataclass(frozen=True)
class Saved:
    saved: bool
    problems: tuple[EntryProblem, ...] = ()
    stolen: tuple[Stolen, ...] = field(default=())


def _folded(text: str) -> str:
    return fold_accents(unicodedata.normalize("NFKC", text).casefold())


def search(matcher: FaqMatcher, query: str) -> list[FaqEntry]:
    """Entries whose id, title, answer or phrasings contain every word of `query`."""
    words = _folded(query).split()
    if not words:
        return list(matcher.entries)
    found = []
    for entry in matcher.entries:
        text = _folded(
            " ".join(
                [entry.id, *(getattr(entry.title, k) for k in LANGS)]
                + [getattr(entry.answer, k) for k in LANGS]
                + [q for k in LANGS for q in entry.questions.get(k, ())]
            )
        )
        if all(word in text for word in words):
            found.append(entry)
    return found


def stolen_by(
    before: FaqMatcher, after: FaqMatcher, entry_id: str, others: Sequence[FaqEntry]
) -> list[Stolen]:
    """The phrasings of `others` that `before` answered with their own entry and `after` no
    longer does, because `entry_id` answers them or competes with it."""
    stolen = []
    for other in others:
        if other.id == entry_id:
            continue
        for lang in LANGS:
            for question in other.questions.get(lang, ()):
                if not _answers(before, question, lang, other.id):
                    continue
                if _answers(after, question, lang, other.id):
                    continue
                match = after.match(question, lang)
                rivals = {c.entry.id for c in match.candidates[:3]}
                if (match.best is not None and match.best.id == entry_id) or entry_id in rivals:
                    stolen.append(Stolen(other.id, lang, question))
    return stolen


def _answers(matcher: FaqMatcher, question: str, lang: str, entry_id: str) -> bool:
    match = matcher.match(question, lang)
    return match.outcome is Outcome.ANSWER and match.best is not None and match.best.id == entry_id


async def save_entry(
    db: AsyncSession,
    faq: FaqSource,
    data: dict[str, Any],
    *,
    original_id: str | None,
    confirm_steal: bool,
    actor: str,
    now: datetime,
) -> Saved:
    """Adds the entry (`original_id` None) or replaces `original_id` with it (a new id renames
    it, and the entries that name it as related follow)."""
    entries = [dict(e) for e in await load_faq(db)]
    new_id = str(data.get("id", ""))
    if original_id is None:
        if any(e["id"] == new_id for e in entries):
            return Saved(
                False, (EntryProblem(new_id, EntryProblemKind.DUPLICATE_ID, entry_id=new_id),)
            )
        entries.append(data)
    else:
        position = next((i for i, e in enumerate(entries) if e["id"] == original_id), None)
        if position is None:
            return Saved(
                False, (EntryProblem(original_id, EntryProblemKind.UNKNOWN, entry_id=original_id),)
            )
        entries[position] = data
        if new_id != original_id:
            for entry in entries:
                related = entry.get("related") or []
                entry["related"] = [new_id if r == original_id else r for r in related]
    checked, problems = check_entries(entries)
    if problems:
        return Saved(False, tuple(problems))
    before = await faq.matcher(db)
    after = await asyncio.to_thread(faq.build, entries)
    stolen = await asyncio.to_thread(stolen_by, before, after, new_id, checked)
    if stolen and not confirm_steal:
        return Saved(False, (), tuple(stolen))
    await replace_faq(db, entries, actor=actor, now=now)
    action = "faq.add" if original_id is None else "faq.edit"
    audit(db, actor=actor, action=action, now=now, entry=new_id, stolen=len(stolen))
    return Saved(True, (), tuple(stolen))


async def delete_entry(
    db: AsyncSession, entry_id: str, *, actor: str, now: datetime
) -> tuple[EntryProblem, ...]:
    """Deletes an entry (and the mentions of it as related); the problems if it cannot be."""
    entries = [dict(e) for e in await load_faq(db)]
    left = [e for e in entries if e["id"] != entry_id]
    if len(left) == len(entries):
        return (EntryProblem(entry_id, EntryProblemKind.UNKNOWN, entry_id=entry_id),)
    if not left:
        return (EntryProblem(entry_id, EntryProblemKind.LAST_ENTRY, entry_id=entry_id),)
    for entry in left:
        entry["related"] = [r for r in entry.get("related") or [] if r != entry_id]
    await replace_faq(db, left, actor=actor, now=now)
    audit(db, actor=actor, action="faq.delete", now=now, entry=entry_id)
    return ()
