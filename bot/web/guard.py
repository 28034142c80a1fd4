"""Who is signed in to the console, and the checks every request passes: the session cookie
(HttpOnly, SameSite=Strict, Secure behind https), the CSRF token of every form, and a limit
on sign-in attempts."""

from __future__ import annotations

import secrets
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from handlers.organisers.console_access import SignedIn, session_for

COOKIE = "confbot_console"
COOKIE_PATH = "/organisers"


@dataclass
class SignInLimiter:
    """At most `attempts` refused sign-ins per client address in `window` seconds: a link token
    cannot be guessed, and this keeps anyone from trying. Sign-ins that work do not count."""

    attempts: int = 10
    window: float = 300.0
    _refused: dict[str, deque[float]] = field(default_factory=dict)

    def blocked(self, client: str) -> bool:
        seen = self._refused.get(client)
        if not seen:
            return False
        now = time.monotonic()
        while seen and now - seen[0] > self.window:
            seen.popleft()
        return len(seen) >= self.attempts

    def refused(self, client: str) -> None:
        now = time.monotonic()
        self._refused.setdefault(client, deque()).append(now)
        if len(self._refused) > 10_000:  # forget quiet addresses rather than grow without end
            self._refused = {
                k: v for k, v in self._refused.items() if v and now - v[-1] < self.window
            }


def client_of(request: Request) -> str:
    return request.client.host if request.client else "?"


def set_cookie(response: Response, token: str, *, secure: bool, idle: timedelta) -> None:
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(idle.total_seconds()),
        path=COOKIE_PATH,
        httponly=True,
        samesite="strict",
        secure=secure,
    )


def clear_cookie(response: Response, *, secure: bool) -> None:
    response.delete_cookie(
        COOKIE, path=COOKIE_PATH, httponly=True, samesite="strict", secure=secure
    )


async def signed_in(
    request: Request, db: AsyncSession, *, idle: timedelta, now: datetime
) -> SignedIn | None:
    cookie = request.cookies.get(COOKIE, "")
    if not cookie or len(cookie) > 128:
        return None
    return await session_for(db, cookie, idle=idle, now=now)


def csrf_ok(who: SignedIn, sent: object) -> bool:
    return isinstance(sent, str) and secrets.compare_digest(sent.encode(), who.csrf.encode())
