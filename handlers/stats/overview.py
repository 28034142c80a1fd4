"""How the bot is used, for the organisers: who writes, how much, how they were understood,
what they ask most, and how the pushes are doing. The web console's overview and
`confbot stats` show the same figures, computed here.

Turns are counted per hour (UTC) as they happen (`turn_counts`), then placed in the venue's hours
and days here: a few hundred rows whatever the number of turns.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    Delegate,
    OutboxMessage,
    OutboxStatus,
    ProgrammeSession,
    Role,
    TurnCount,
    UnansweredQuestion,
    UnansweredStatus,
)
from handlers.broadcast.quota import LineQuota
from handlers.core.understanding import Outcome
from handlers.faq.store import UNANSWERED_REASONS

DAYS = 7  # the outcome chart and the top lists look back this far
TOP = 8
# Outcomes shown per day, in this order; commands and events are not "understanding".
UNDERSTANDING = (Outcome.ANSWERED, Outcome.CLARIFIED, Outcome.FALLBACK, Outcome.OFF_TOPIC)
FAQ_INTENT = "faq"


@dataclass(frozen=True)
class Outbox:
    waiting: int  # to send now or later (pending, being sent)
    waiting_quota: int  # held until LINE's monthly quota allows
    failed: int
    blocked: int
    oldest_waiting_minutes: int | None


@dataclass(frozen=True)
class Overview:
    at: datetime
    delegates: dict[str, dict[str, int]]  # channel → language → delegates
    active_24h: int
    messages_24h: int
    per_hour: list[tuple[datetime, int]]  # the last 24 hours, venue time, oldest first
    per_day: list[tuple[date, dict[str, int]]]  # the last DAYS days: outcome → turns
    top_entries: list[tuple[str, int]]  # FAQ entry id → times answered
    top_sessions: list[tuple[str, int]]  # session id → times shown, asked or added
    unanswered_open: int
    outbox: Outbox
    line_quota: LineQuota | None = None

    @property
    def delegates_total(self) -> int:
        return sum(sum(by_lang.values()) for by_lang in self.delegates.values())

    def as_json(self) -> dict[str, Any]:
        """Plain JSON types, for `confbot stats --json` and the console's live figures."""
        quota = self.line_quota
        return {
            "at": self.at.isoformat(),
            "delegates": self.delegates,
            "delegates_total": self.delegates_total,
            "active_24h": self.active_24h,
            "messages_24h": self.messages_24h,
            "per_hour": [[h.isoformat(), n] for h, n in self.per_hour],
            "per_day": [[d.isoformat(), counts] for d, counts in self.per_day],
            "top_entries": [list(t) for t in self.top_entries],
            "top_sessions": [list(t) for t in self.top_sessions],
            "unanswered_open": self.unanswered_open,
            "outbox": vars(self.outbox),
            "line_quota": None
            if quota is None
            else {"limit": quota.limit, "used": quota.used, "remaining": quota.remaining},
        }


async def overview(
    db: AsyncSession,
    *,
    now: datetime,
    tz: ZoneInfo,
    quota: LineQuota | None = None,
) -> Overview:
    since_day = now - timedelta(hours=24)
    since_week = now - timedelta(days=DAYS)

    delegates: dict[str, dict[str, int]] = {}
    rows = await db.execute(
        select(Delegate.channel, Delegate.language, func.count())
        .where(Delegate.active.is_(True), Delegate.role == Role.DELEGATE)
        .group_by(Delegate.channel, Delegate.language)
    )
    for channel, language, count in rows:
        delegates.setdefault(channel, {})[language or "?"] = count

    # last_seen moves at most every few minutes (handlers/core/store.py): close enough here.
    active = await db.scalar(select(func.count()).where(Delegate.last_seen > since_day))

    by_hour = await db.execute(
        select(TurnCount.hour, TurnCount.outcome, func.sum(TurnCount.count))
        .where(TurnCount.hour > since_week - timedelta(hours=1))
        .group_by(TurnCount.hour, TurnCount.outcome)
    )
    hourly: Counter[datetime] = Counter()
    daily: dict[date, Counter[str]] = {}
    for start, outcome, count in by_hour:
        if start > since_day - timedelta(hours=1):
            hourly[start] += int(count)
        daily.setdefault(start.astimezone(tz).date(), Counter())[outcome] += int(count)
    this_hour = now.replace(minute=0, second=0, microsecond=0)
    hours = [this_hour - timedelta(hours=23 - i) for i in range(24)]
    today = now.astimezone(tz).date()
    days = [today - timedelta(days=DAYS - 1 - i) for i in range(DAYS)]

    asked = await db.execute(
        select(TurnCount.intent, TurnCount.detail, func.sum(TurnCount.count))
        .where(TurnCount.hour > since_week - timedelta(hours=1), TurnCount.detail != "")
        .group_by(TurnCount.intent, TurnCount.detail)
    )
    session_ids = set((await db.scalars(select(ProgrammeSession.id))).all())
    entries: Counter[str] = Counter()
    sessions: Counter[str] = Counter()
    for intent, detail, count in asked:
        if intent == FAQ_INTENT:
            entries[detail] += int(count)
        elif detail in session_ids:
            sessions[detail] += int(count)

    unanswered_open = await db.scalar(
        select(func.count()).where(
            UnansweredQuestion.status == UnansweredStatus.OPEN,
            UnansweredQuestion.reason.in_(UNANSWERED_REASONS),  # as the inbox lists them
        )
    )
    statuses = dict(
        (status, count)
        for status, count in await db.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        )
    )
    oldest = await db.scalar(
        select(func.min(OutboxMessage.due_at)).where(
            OutboxMessage.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING]),
            OutboxMessage.due_at <= now,
        )
    )
    outbox = Outbox(
        waiting=statuses.get(OutboxStatus.PENDING, 0) + statuses.get(OutboxStatus.SENDING, 0),
        waiting_quota=statuses.get(OutboxStatus.WAITING_QUOTA, 0),
        failed=statuses.get(OutboxStatus.FAILED, 0),
        blocked=statuses.get(OutboxStatus.BLOCKED, 0),
        oldest_waiting_minutes=None
        if oldest is None
        else int((now - oldest).total_seconds() // 60),
    )
    return Overview(
        at=now,
        delegates=delegates,
        active_24h=int(active or 0),
        messages_24h=sum(hourly[h] for h in hours),
        per_hour=[(h.astimezone(tz), hourly[h]) for h in hours],
        per_day=[
            (d, {o.value: daily.get(d, Counter())[o.value] for o in UNDERSTANDING}) for d in days
        ],
        top_entries=entries.most_common(TOP),
        top_sessions=sessions.most_common(TOP),
        unanswered_open=int(unanswered_open or 0),
        outbox=outbox,
        line_quota=quota,
    )


async def forget_old_turns(db: AsyncSession, *, before: datetime) -> int:
    """Drops the hourly counts older than the retention setting; how many rows."""
    result = await db.execute(delete(TurnCount).where(TurnCount.hour < before))
    return int(getattr(result, "rowcount", 0) or 0)
