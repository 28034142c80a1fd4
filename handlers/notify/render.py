"""The text of a pushed message, rendered when it is sent, in the delegate's language then."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, replace
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Broadcast, ChangeKind, OutboxMessage, ProgrammeSession
from handlers.core.messages import Button, Reply, ReplyKind, SessionCard
from handlers.deps import Deps
from handlers.faq import replies as faq_replies
from handlers.notify.payloads import (
    AnswerPayload,
    BroadcastPayload,
    ChangePayload,
    Payload,
    ReminderPayload,
    ReplyPayload,
    ReportPayload,
    load,
)
from handlers.schedule.cards import card, pick, room_in_title, when_label


def _when(deps: Deps, lang: str, start: str, end: str) -> str:
    return when_label(deps, lang, datetime.fromisoformat(start), datetime.fromisoformat(end))


def _title(lang: str, snapshot: dict[str, Any]) -> str:
    for key in (f"title_{lang}", "title_fr", "title_ja"):
        if snapshot.get(key):
            return str(snapshot[key])
    return ""


def render(
    deps: Deps,
    lang: str,
    payload: Payload,
    session: ProgrammeSession | None,
    texts: Mapping[str, str] | None = None,
) -> Reply:
    """The message in `lang`; `session` as it is now (None when gone), `texts` a broadcast's."""
    match payload:
        case ChangePayload():
            return _change(deps, lang, payload, session)
        case ReminderPayload() if session is not None:
            c = card(deps, lang, session)
            text = _with_room(deps, lang, "notify-reminder", c.title, c.when, c.room)
            return Reply(ReplyKind.NOTIFICATION, text, lang, cards=(c,))
        case BroadcastPayload():
            texts = texts or {}
            body = texts.get(lang) or texts.get("fr") or texts.get("ja") or ""
            text = f"{deps.t(lang, 'broadcast-heading')}\n{body}"
            return Reply(ReplyKind.NOTIFICATION, text, lang)
        case ReportPayload():
            counts = asdict(payload)
            return Reply(ReplyKind.NOTIFICATION, deps.t(lang, "broadcast-report", **counts), lang)
    return Reply(ReplyKind.NOTIFICATION, "", lang)


_NO_ROOM = {
    "notify-reminder": "notify-reminder-no-room",
    "notify-added": "notify-added-no-room",
}


def _with_room(deps: Deps, lang: str, message: str, title: str, when: str, room: str) -> str:
    """The message with the room, or its `-no-room` form when the title already names it."""
    if room_in_title(title, room):
        return deps.t(lang, _NO_ROOM[message], title=title, when=when)
    return deps.t(lang, message, title=title, when=when, room=room)


def _change(
    deps: Deps, lang: str, payload: ChangePayload, session: ProgrammeSession | None
) -> Reply:
    snapshot = payload.snapshot
    title = pick(session, "title", lang) if session is not None else _title(lang, snapshot)
    event = payload.event
    buttons: tuple[Button, ...] = ()
    cards: tuple[SessionCard, ...] = ()
    if session is not None:
        cards = (card(deps, lang, session),)
        buttons = (Button(deps.t(lang, "button-details"), f"/session {session.id}"),)
    if event == ChangeKind.REMOVED:
        when = _when(deps, lang, snapshot["starts_at"], snapshot["ends_at"])
        text = deps.t(lang, "notify-removed", title=title, when=when)
        return Reply(ReplyKind.NOTIFICATION, text, lang)
    if event == ChangeKind.ADDED:
        if session is None:
            return Reply(ReplyKind.NOTIFICATION, "", lang)
        c = cards[0]
        text = _with_room(deps, lang, "notify-added", title, c.when, c.room)
        return Reply(ReplyKind.NOTIFICATION, text, lang, buttons=buttons, cards=cards)
    changes = payload.changes
    lines = [deps.t(lang, "notify-changed", title=title)]
    if "starts_at" in changes or "ends_at" in changes:
        start = changes.get("starts_at")
        end = changes.get("ends_at")
        old_start = start[0] if start else (session.starts_at.isoformat() if session else "")
        new_start = start[1] if start else old_start
        old_end = end[0] if end else (session.ends_at.isoformat() if session else "")
        new_end = end[1] if end else old_end
        if old_start and old_end:
            lines.append(
                deps.t(
                    lang,
                    "notify-time",
                    old=_when(deps, lang, old_start, old_end),
                    new=_when(deps, lang, new_start, new_end),
                )
            )
    # The room as this delegate reads it (their language, else French, else Japanese, as cards
    # show it): a change to another language's name of the room only is not theirs to hear.
    named = session.room if session is not None else None
    names = [k for k in (lang, "fr", "ja") if named is not None and getattr(named, f"name_{k}")]
    room = changes.get(f"room_{names[0] if names else lang}")
    if room:
        unknown = deps.t(lang, "room-unknown")
        lines.append(deps.t(lang, "notify-room", old=room[0] or unknown, new=room[1] or unknown))
    status = changes.get("status")
    if status and status[1] == "cancelled":
        lines.append(deps.t(lang, "notify-cancelled"))
    elif status and status[1] == "confirmed":
        lines.append(deps.t(lang, "notify-reinstated"))
    if len(lines) == 1:  # nothing this delegate reads changed (another language's room name)
        return Reply(ReplyKind.NOTIFICATION, "", lang)
    return Reply(ReplyKind.NOTIFICATION, "\n".join(lines), lang, buttons=buttons, cards=cards)


async def render_row(
    deps: Deps,
    db: AsyncSession,
    row: OutboxMessage,
    language: str,
    texts: dict[int, dict[str, str]],
) -> list[Reply]:
    """The messages of an outbox row in `language` (none when there is nothing left to say): a
    broadcast's texts (cached in `texts` by broadcast id) and the session as it is now are read
    for it. A reply handed over by a channel is sent as it was written."""
    payload = load(row.kind, row.payload)
    if isinstance(payload, AnswerPayload):
        answer = await _answer(deps, db, language, payload)
        return [answer] if answer.text else []
    if isinstance(payload, ReplyPayload):
        return list(payload.replies)
    session: ProgrammeSession | None = None
    broadcast_texts: dict[str, str] | None = None
    if isinstance(payload, BroadcastPayload):
        if payload.broadcast_id not in texts:
            broadcast = await db.get(Broadcast, payload.broadcast_id)
            texts[payload.broadcast_id] = dict(broadcast.texts) if broadcast else {}
        broadcast_texts = texts[payload.broadcast_id]
    if isinstance(payload, ChangePayload | ReminderPayload):
        session = await db.get(ProgrammeSession, payload.session_id)
    reply = render(deps, language, payload, session, broadcast_texts)
    return [reply] if reply.text else []


async def _answer(deps: Deps, db: AsyncSession, lang: str, payload: AnswerPayload) -> Reply:
    """ "You asked …: here is the answer", with the entry as the FAQ shows it (its "more"
    button included); an entry deleted since leaves only the heading out."""
    matcher = await deps.faq.matcher(db)
    entry = matcher.by_id.get(payload.entry_id)
    if entry is None:
        return Reply(ReplyKind.NOTIFICATION, "", lang)
    answer = faq_replies.answer(deps, lang, matcher, entry)
    heading = deps.t(lang, "answer-later-heading", question=payload.question[:200])
    return replace(answer, kind=ReplyKind.NOTIFICATION, text=f"{heading}\n\n{answer.text}")
