"""What a deep link opens once the delegate has followed it ("/start <payload>" on both
platforms): a session's card, a workshop with a button to follow it, or the follow itself.
Anything else (a payload of no known form, a session or workshop that is not, or no longer,
in the programme) gets a polite "not found" in the delegate's language, with a way on."""

from __future__ import annotations

from dataclasses import replace

from handlers.agenda import commands as agenda
from handlers.core.messages import Button, Reply, ReplyKind
from handlers.core.turn import Turn
from handlers.links.payloads import LinkKind, parse, session_hash
from handlers.schedule import replies
from handlers.schedule.commands import programme_of


async def open_link(turn: Turn, payload: str) -> list[Reply]:
    link = parse(payload)
    turn.understood_as("deep-link", payload[:64])
    if link is None:
        return [turn.reply(ReplyKind.ERROR, "link-unknown", turn.menu())]
    if link.kind in (LinkKind.SESSION, LinkKind.SESSION_HASH):
        return await _session(turn, link.kind, link.target)
    track = next((t for t in turn.deps.conference.tracks if t.code == link.target), None)
    if track is None:
        buttons = (Button(turn.t("button-workshops"), "/workshops"),)
        return [turn.reply(ReplyKind.ERROR, "workshop-unknown", buttons, code=link.target)]
    if link.kind is LinkKind.FOLLOW:
        return await agenda.follow(turn, track.code)
    shown = await programme_of(turn)
    reply = replies.track_reply(turn.deps, turn.lang, shown, track.code, None)
    follow = Button(
        turn.t("button-follow-track", track=track.short.get(turn.lang)), f"/follow {track.code}"
    )
    text = f"{track.name.get(turn.lang)}\n{reply.text}"
    return [replace(reply, text=text, buttons=(follow, *reply.buttons))]


async def _session(turn: Turn, kind: LinkKind, target: str) -> list[Reply]:
    shown = await programme_of(turn)
    if kind is LinkKind.SESSION:
        found = next((s for s in shown.sessions if s.id == target), None)
    else:
        found = next((s for s in shown.sessions if session_hash(s.id) == target), None)
    if found is None:
        buttons = (Button(turn.t("button-programme"), "/programme"),)
        return [turn.reply(ReplyKind.ERROR, "link-session-unknown", buttons)]
    return [replies.session_reply(turn.deps, turn.lang, shown, found)]
