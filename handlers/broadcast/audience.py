"""Who receives a broadcast: everyone, a language, a platform, a workshop's followers, or the
holders of a session in their agenda; and how many of them by language and platform."""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AgendaItem, Delegate, Subscription, SubscriptionKind


class AudienceKind(enum.StrEnum):
    ALL = "all"
    LANGUAGE = "language"
    CHANNEL = "channel"
    TRACK = "track"  # the followers of a workshop (and of every change)
    SESSION = "session"  # the delegates with the session in their agenda


class AudienceError(ValueError):
    pass


@dataclass(frozen=True)
class Audience:
    kind: AudienceKind
    value: str = ""

    @classmethod
    def parse(cls, text: str) -> Audience:
        """'all', 'lang:fr', 'channel:line', 'track:economy' or 'session:ws-economy'."""
        word, _, value = text.strip().partition(":")
        try:
            kind = AudienceKind("language" if word == "lang" else word)
        except ValueError:
            kind = None
        if kind is None or (kind is not AudienceKind.ALL and not value.strip()):
            raise AudienceError(
                f"unknown audience {text!r}: all, lang:fr|ja|en, channel:telegram|line, "
                "track:CODE or session:ID"
            )
        return cls(kind, value.strip())

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind.value, "value": self.value}

    @classmethod
    def from_dict(cls, stored: dict[str, Any]) -> Audience:
        """The audience as a broadcast stores it (`as_dict`)."""
        return cls(AudienceKind(str(stored.get("kind", "all"))), str(stored.get("value", "")))

    def __str__(self) -> str:
        return self.kind.value if self.kind is AudienceKind.ALL else f"{self.kind}:{self.value}"


def _query(audience: Audience, default_language: str, pushable: frozenset[str]) -> Select[Delegate]:
    query = select(Delegate).where(Delegate.active.is_(True), Delegate.channel.in_(pushable))
    match audience.kind:
        case AudienceKind.LANGUAGE:
            if audience.value == default_language:
                query = query.where(
                    (Delegate.language == audience.value) | Delegate.language.is_(None)
                )
            else:
                query = query.where(Delegate.language == audience.value)
        case AudienceKind.CHANNEL:
            query = query.where(Delegate.channel == audience.value)
        case AudienceKind.TRACK:
            query = query.where(
                Delegate.id.in_(
                    select(Subscription.delegate_id).where(
                        (Subscription.kind == SubscriptionKind.ALL)
                        | (
                            (Subscription.kind == SubscriptionKind.TRACK)
                            & (Subscription.track_code == audience.value)
                        )
                    )
                )
            )
        case AudienceKind.SESSION:
            query = query.where(
                Delegate.id.in_(
                    select(AgendaItem.delegate_id).where(AgendaItem.session_id == audience.value)
                )
            )
    return query.order_by(Delegate.id)


async def recipients(
    db: AsyncSession, audience: Audience, default_language: str, pushable: frozenset[str]
) -> list[Delegate]:
    return list(await db.scalars(_query(audience, default_language, pushable)))


@dataclass(frozen=True)
class Summary:
    total: int
    by_language: dict[str, int]
    by_channel: dict[str, int]


def summarise(delegates: list[Delegate], default_language: str) -> Summary:
    languages = Counter(d.language or default_language for d in delegates)
    channels = Counter(d.channel for d in delegates)
    return Summary(len(delegates), dict(languages), dict(channels))
