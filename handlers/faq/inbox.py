"""The organisers' answers to what the bot could not answer: a group of questions becomes new
phrasings of an entry (existing or new), so the matcher answers it from now on, and, if they
wish, the delegates who asked receive the answer in their language. Or it is dismissed.

The same use cases serve the web console and any other front end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Delegate, OutboxMessage, UnansweredQuestion, UnansweredStatus
from handlers.core.store import audit
from handlers.faq.files import EntryProblem, check_entries
from handlers.faq.store import load_faq, replace_faq
from handlers.notify.payloads import AnswerPayload, dump, kind_of

LANGUAGES = ("fr", "ja", "en")


class InboxError(ValueError):
    """A request the inbox cannot carry out; `message_id` names its text in the catalogues."""

    def __init__(self, message_id: str, problems: Sequence[EntryProblem] = (), **args: Any) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.problems = tuple(problems)
        self.args_ = args


@dataclass(frozen=True)
class NewEntry:
    id: str
    topic: str
    titles: dict[str, str]
    answers: dict[str, str]
    questions: dict[str, list[str]]  # phrasings the organiser adds to the group's questions


@dataclass(frozen=True)
class Resolved:
    questions: int
    phrasings_added: int
    delegates_told: int


async def _open_questions(db: AsyncSession, ids: Sequence[int]) -> list[UnansweredQuestion]:
    rows = await db.scalars(
        select(UnansweredQuestion)
        .where(
            UnansweredQuestion.id.in_(list(ids)),
            UnansweredQuestion.status == UnansweredStatus.OPEN,
        )
        .order_by(UnansweredQuestion.at)
    )
    found = list(rows.all())
    if not found:
        raise InboxError("inbox-nothing-open")
    return found


def _add_phrasings(entry: dict[str, Any], questions: Sequence[UnansweredQuestion]) -> int:
    """The questions' texts as phrasings of the entry, in their language, without duplicates."""
    phrasings = entry.setdefault("questions", {})
    added = 0
    for question in questions:
        lang = question.language if question.language in LANGUAGES else "fr"
        known = phrasings.setdefault(lang, [])
        text = " ".join(question.text.split())[:300]
        if text and text.casefold() not in {k.casefold() for k in known}:
            known.append(text)
            added += 1
    return added


async def attach(
    db: AsyncSession,
    ids: Sequence[int],
    *,
    entry_id: str | None = None,
    new_entry: NewEntry | None = None,
    tell_askers: bool,
    actor: str,
    now: datetime,
    pushable: frozenset[str],
) -> Resolved:
    """Makes the questions phrasings of `entry_id`, or of `new_entry` written for them."""
    questions = await _open_questions(db, ids)
    entries = [dict(e) for e in await load_faq(db)]
    if new_entry is not None:
        entry_id = new_entry.id.strip()
        if not entry_id or any(e["id"] == entry_id for e in entries):
            raise InboxError("inbox-entry-id-taken", id=entry_id)
        entries.append(
            {
                "id": entry_id,
                "topic": new_entry.topic or "practical",
                "related": [],
                "title": {k: v.strip() for k, v in new_entry.titles.items() if v.strip()},
                "answer": {k: v.strip() for k, v in new_entry.answers.items() if v.strip()},
                "questions": {
                    k: [q.strip() for q in v if q.strip()] for k, v in new_entry.questions.items()
                },
            }
        )
    target = next((e for e in entries if e["id"] == entry_id), None)
    if target is None or entry_id is None:
        raise InboxError("inbox-unknown-entry", id=entry_id or "")
    target["questions"] = {k: list(v) for k, v in (target.get("questions") or {}).items()}
    added = _add_phrasings(target, questions)
    _checked, problems = check_entries(entries)
    if problems:
        raise InboxError("inbox-invalid", problems)
    await replace_faq(db, entries, actor=actor, now=now)
    for question in questions:
        question.status, question.entry_id, question.resolved_at = (
            UnansweredStatus.ATTACHED,
            entry_id,
            now,
        )
    told = await _tell_askers(db, questions, entry_id, now, pushable) if tell_askers else 0
    audit(
        db,
        actor=actor,
        action="unanswered.attach",
        now=now,
        entry=entry_id,
        new=new_entry is not None,
        questions=len(questions),
        told=told,
    )
    return Resolved(len(questions), added, told)


async def dismiss(db: AsyncSession, ids: Sequence[int], *, actor: str, now: datetime) -> int:
    questions = await _open_questions(db, ids)
    for question in questions:
        question.status, question.resolved_at = UnansweredStatus.DISMISSED, now
    audit(db, actor=actor, action="unanswered.dismiss", now=now, questions=len(questions))
    return len(questions)


async def _tell_askers(
    db: AsyncSession,
    questions: Sequence[UnansweredQuestion],
    entry_id: str,
    now: datetime,
    pushable: frozenset[str],
) -> int:
    """One message per delegate who asked (their first question of the group quoted), through
    the outbox; the language is the delegate's when it is sent."""
    first: dict[int, UnansweredQuestion] = {}
    for question in questions:
        if question.delegate_id is not None:
            first.setdefault(question.delegate_id, question)
    if not first:
        return 0
    delegates = await db.scalars(
        select(Delegate).where(
            Delegate.id.in_(list(first)),
            Delegate.active.is_(True),
            Delegate.channel.in_(pushable),
        )
    )
    told = 0
    for delegate in delegates:
        payload = AnswerPayload(question=first[delegate.id].text[:500], entry_id=entry_id)
        db.add(
            OutboxMessage(
                delegate_id=delegate.id,
                channel=delegate.channel,
                kind=kind_of(payload),
                payload=dump(payload),
                due_at=now,
                created_at=now,
            )
        )
        told += 1
    return told
