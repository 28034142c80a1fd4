"""The console channel: a terminal chat for people, and JSON lines for scripts."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from handlers.core.messages import Button, Incoming, Reply, ReplyKind

if TYPE_CHECKING:
    from handlers.core.conversation import Conversation

log = logging.getLogger(__name__)
CHANNEL = "console"
QUIT = {"/quit", "/exit", "quit", "exit"}


class ConsoleChat:
    def __init__(
        self,
        conversation: Conversation,
        *,
        user: str,
        language: str | None,
        clock: Callable[[], datetime],
        rehearsing: bool = False,
    ) -> None:
        self.conversation, self.deps = conversation, conversation.deps
        self.user, self.language, self.clock = user, language, clock
        self.rehearsing = rehearsing  # the clock was set with --now
        self.buttons: list[Button] = []

    def _incoming(self, line: str) -> Incoming:
        pressed = next((b for b in self.buttons if b.payload == line), None)
        if line.isdigit() and 0 < int(line) <= len(self.buttons):
            pressed = self.buttons[int(line) - 1]
        return Incoming(
            channel=CHANNEL,
            user_id=self.user,
            display_name=self.user,
            language_hint=self.language,
            received_at=self.clock(),
            text=None if pressed else line,
            payload=pressed.payload if pressed else None,
        )

    async def turn(self, line: str) -> list[Reply]:
        message = self._incoming(line)
        try:
            replies = await self.conversation.handle(message)
        except Exception:
            log.exception("turn failed for %r", line[:80])
            lang = self.language or self.deps.default_language
            replies = [Reply(ReplyKind.ERROR, self.deps.t(lang, "error-apology"), lang)]
        self.buttons = [b for r in replies for b in r.buttons]
        self.buttons += [b for r in replies for c in r.cards for b in c.buttons]
        return replies

    async def rehearsal_hint(self, lang: str) -> str:
        """Outside the conference days, how to try the bot as on one of them (`--now`)."""
        if self.rehearsing:
            return ""
        async with self.deps.sessionmaker() as db:
            sessions, _ = await self.deps.programme.get(db)
        tz = self.deps.tz
        days = sorted({s.starts_at.astimezone(tz).date() for s in sessions})
        today = self.clock().astimezone(tz).date()
        if not days or days[0] <= today <= days[-1]:
            return ""
        example = f"{days[min(2, len(days) - 1)].isoformat()}T10:00"
        return self.deps.t(lang, "console-rehearse", example=example)

    async def run_jsonl(self, stdin: TextIO, stdout: TextIO) -> None:
        for raw in stdin:
            line = raw.strip()
            replies = await self.turn(line) if line else []
            out = {"replies": [r.to_dict() for r in replies]}
            stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            stdout.flush()

    async def run_interactive(self, stdin: TextIO, stdout: TextIO) -> None:
        t, lang = self.deps.t, self.language or self.deps.default_language
        stdout.write(t(lang, "console-intro") + "\n")
        hint = await self.rehearsal_hint(lang)
        if hint:
            stdout.write(hint + "\n")
        for reply in await self.turn("/start"):
            stdout.write(render(reply, self.buttons) + "\n")
        while True:
            stdout.write("> ")
            stdout.flush()
            raw = stdin.readline()
            if not raw or raw.strip() in QUIT:
                return
            if not raw.strip():
                continue
            replies = await self.turn(raw.strip())
            for reply in replies:
                stdout.write(render(reply, self.buttons) + "\n")


def render(reply: Reply, numbered: list[Button]) -> str:
    """Text, then every button numbered as it is in `numbered` (type the number to press)."""
    lines = [reply.text]
    own = [*reply.buttons, *(b for c in reply.cards for b in c.buttons)]
    for button in own:
        index = next(i for i, b in enumerate(numbered, 1) if b is button)
        title = next((c.title for c in reply.cards if button in c.buttons), "")
        label = f"{button.label} · {title}" if title else button.label
        lines.append(f"  [{index}] {label}")
    return "\n".join(lines) + "\n"


def stdin_is_tty() -> bool:
    return sys.stdin.isatty()
