"""Grouping what delegates asked that the bot could not answer, for organisers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import UnansweredQuestion
from handlers.faq.store import unanswered

if TYPE_CHECKING:
    from handlers.deps import FaqSource

SIMILAR = 75  # rapidfuzz score (0-100) from which two questions count as the same question


@dataclass
class Group:
    form: str
    examples: list[str] = field(default_factory=list)
    languages: dict[str, int] = field(default_factory=dict)
    count: int = 0
    last: datetime | None = None
    first: datetime | None = None
    ids: list[int] = field(default_factory=list)  # the questions, to act on the whole group


def group_questions(
    rows: Sequence[UnansweredQuestion], normalise: Callable[[str, str], str]
) -> list[Group]:
    """Greedy grouping on normalised forms; biggest groups first, then the most recent."""
    groups: list[Group] = []
    for row in rows:
        form = normalise(row.text, row.language) or row.text.casefold()
        scorer = fuzz.ratio if " " not in form else fuzz.token_set_ratio
        group = next((g for g in groups if scorer(form, g.form) >= SIMILAR), None)
        if group is None:
            group = Group(form=form)
            groups.append(group)
        group.count += 1
        group.languages[row.language] = group.languages.get(row.language, 0) + 1
        if row.text not in group.examples and len(group.examples) < 3:
            group.examples.append(row.text)
        if group.last is None or row.at > group.last:
            group.last = row.at
        if group.first is None or row.at < group.first:
            group.first = row.at
        group.ids.append(row.id)
    groups.sort(key=lambda g: (-g.count, -(g.last.timestamp() if g.last else 0)))
    return groups


async def unanswered_groups(db: AsyncSession, faq: FaqSource) -> tuple[int, list[Group]]:
    """What delegates asked that the bot could not answer: how many questions, and their groups
    (most asked first), the same for the chat, the command line and the web console."""
    matcher = await faq.matcher(db)
    rows = await unanswered(db)
    return len(rows), group_questions(rows, matcher.normal_form)
