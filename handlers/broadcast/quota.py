"""LINE's monthly quota of pushed messages, as the broadcast preview needs it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class LineQuota:
    limit: int | None  # None: no monthly limit (paid plans)
    used: int

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.used, 0)


class QuotaSource(Protocol):
    """LINE's monthly pushed-message quota and what is used (None when LINE is not set up)."""

    async def line_quota(self) -> LineQuota | None: ...

    async def close(self) -> None: ...


class NoQuota:
    async def line_quota(self) -> LineQuota | None:
        return None

    async def close(self) -> None:
        pass
