"""Organisers' broadcasts: who receives them, and their outbox messages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AgendaItem, Broadcast, Delegate, OutboxMessage, Subscription
from handlers.agenda.store import ALL, TRACK

KINDS = ("all", "language", "channel", "track", "session")


class AudienceError(ValueError):
    pass


@dataclass(frozen=True)
class Audience:
    kind: str
    value: str = ""

    @classmethod
    def parse(cls, text: str) -> Audience:
        """'all', 'lang:fr', 'channel:line', 'track:economy' or 'session:ws-economy'."""
        kind, _, value = text.strip().partition(":")
        kind = {"lang": "language", "language": "language"}.get(kind, kind)
        if kind not in KINDS or (kind != "all" and not value):
            raise AudienceError(
                f"unknown audience {text!r}: all, lang:fr|ja|en, channel:telegram|line, "
                "track:CODE or session:ID"
            )
        return cls(kind, value.strip())

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "value": self.value}

    def __str__(self) -> str:
        return self.kind if self.kind == "all" else f"{self.kind}:{self.value}"


def _query(audience: Audience, default_language: str) -> Select[Delegate]:
    query = select(Delegate).where(Delegate.active.is_(True), Delegate.channel != "console")
    match audience.kind:
        case "language":
            if audience.value == default_language:
                query = query.where(
                    (Delegate.language == audience.value) | Delegate.language.is_(None)
                )
            else:
                query = query.where(Delegate.language == audience.value)
        case "channel":
            query = query.where(Delegate.channel == audience.value)
        case "track":
            query = query.where(
                Delegate.id.in_(
                    select(Subscription.delegate_id).where(
                        (Subscription.kind == ALL)
                        | (
                            (Subscription.kind == TRACK)
                            & (Subscription.track_code == audience.value)
                        )
                    )
                )
            )
        case "session":
            query = query.where(
                Delegate.id.in_(
                    select(AgendaItem.delegate_id).where(AgendaItem.session_id == audience.value)
                )
            )
    return query.order_by(Delegate.id)


async def recipients(db: AsyncSession, audience: Audience, default_language: str) -> list[Delegate]:
    return list(await db.scalars(_query(audience, default_language)))


@dataclass(frozen=True)
class Summary:
    total: int
    by_language: dict[str, int]
    by_channel: dict[str, int]


def summarise(delegates: list[Delegate], default_language: str) -> Summary:
    languages = Counter(d.language or default_language for d in delegates)
    channels = Counter(d.channel for d in delegates)
    return Summary(len(delegates), dict(languages), dict(channels))


async def create_broadcast(
    db: AsyncSession,
    *,
    texts: dict[str, str],
    audience: Audience,
    created_by: str,
    reporter_id: int | None,
    send_at: datetime,
    now: datetime,
    default_language: str,
) -> tuple[Broadcast, Summary]:
    """The broadcast and one outbox message per recipient, in the caller's transaction."""
    delegates = await recipients(db, audience, default_language)
    broadcast = Broadcast(
        created_at=now,
        created_by=created_by,
        reporter_id=reporter_id,
        texts={k: v for k, v in texts.items() if v},
        audience=audience.as_dict(),
        status="scheduled",
        send_at=send_at,
        recipients=len(delegates),
    )
    db.add(broadcast)
    await db.flush()
    rows: list[dict[str, Any]] = [
        {
            "delegate_id": d.id,
            "channel": d.channel,
            "kind": "broadcast",
            "payload": {"broadcast_id": broadcast.id},
            "group_key": f"broadcast:{broadcast.id}",
            "status": "pending",
            "due_at": send_at,
            "created_at": now,
            "attempts": 0,
            "error": "",
        }
        for d in delegates
    ]
    if rows:
        await db.execute(insert(OutboxMessage), rows)
    return broadcast, summarise(delegates, default_language)
