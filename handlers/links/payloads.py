"""What a deep link carries: what to open, written in the few characters Telegram lets a start
parameter hold ("Up to 64 characters … A-Z, a-z, 0-9, _ and -",
https://core.telegram.org/bots/features#deep-linking). LINE carries the same words as the text
of the message the link prepares."""

from __future__ import annotations

import enum
import hashlib
import re
from dataclasses import dataclass

MAX_LENGTH = 64
_SAFE = re.compile(r"^[A-Za-z0-9_-]+$")
_HASHED = re.compile(r"^[0-9a-f]{16}$")


class LinkKind(enum.StrEnum):
    SESSION = "s"  # a session's card, by its id
    SESSION_HASH = "h"  # a session whose id does not fit (a "." in it, or too long)
    WORKSHOP = "w"  # a workshop (any track): its sessions and a button to follow it
    FOLLOW = "f"  # follow a workshop's changes at once


@dataclass(frozen=True)
class DeepLink:
    kind: LinkKind
    target: str

    @property
    def payload(self) -> str:
        return f"{self.kind.value}-{self.target}"


def session_link(session_id: str) -> DeepLink:
    if _SAFE.match(session_id) and len(session_id) <= MAX_LENGTH - 2:
        return DeepLink(LinkKind.SESSION, session_id)
    return DeepLink(LinkKind.SESSION_HASH, session_hash(session_id))


def session_hash(session_id: str) -> str:
    """64 bits of the id's digest: enough to tell apart the sessions of one programme."""
    return hashlib.sha256(session_id.encode()).hexdigest()[:16]


def workshop_link(code: str, *, follow: bool = False) -> DeepLink:
    return DeepLink(LinkKind.FOLLOW if follow else LinkKind.WORKSHOP, code)


def parse(payload: str) -> DeepLink | None:
    """The link a payload names, or None when it is none of ours (typed by hand, cut short,
    or from a future version): the caller answers politely."""
    payload = payload.strip()
    if len(payload) > MAX_LENGTH or not _SAFE.match(payload):
        return None
    prefix, _, target = payload.partition("-")
    try:
        kind = LinkKind(prefix)
    except ValueError:
        return None
    if not target or (kind is LinkKind.SESSION_HASH and not _HASHED.match(target)):
        return None
    return DeepLink(kind, target)
