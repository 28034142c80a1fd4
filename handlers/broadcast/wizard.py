"""/broadcast: organisers write the French and Japanese texts (English optional), choose the
audience, see each version, the number of recipients and the LINE quota it uses, then send,
schedule, or cancel. The steps live in the database: any replica takes the next message."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from db.models import ConversationState
from handlers.broadcast.audience import Audience
from handlers.broadcast.phrases import audience_phrase
from handlers.broadcast.usecases import create_broadcast, preview
from handlers.core.commands import CommandRegistry
from handlers.core.messages import Button, Reply, ReplyKind
from handlers.core.turn import Turn
from handlers.schedule import store as schedule_store

FLOW = "broadcast"
EXPIRES = timedelta(minutes=30)
MAX_TEXT = 4000  # under Telegram's 4,096 characters with the heading; LINE allows 5,000


async def state_of(turn: Turn) -> ConversationState | None:
    state = await turn.db.get(ConversationState, turn.delegate.id)
    if state is not None and (state.flow != FLOW or turn.now - state.updated_at > EXPIRES):
        await turn.db.delete(state)
        return None
    return state


def _lang(turn: Turn) -> str:
    """The organiser's own language: the texts they type are in French, then Japanese, then
    English, and the wizard should not answer each one in the language it is written in."""
    return turn.delegate.language or turn.lang


def _reply(
    turn: Turn, kind: ReplyKind, message_id: str, buttons: tuple[Button, ...] = (), **args: object
) -> Reply:
    lang = _lang(turn)
    return Reply(kind, turn.deps.t(lang, message_id, **args), lang, buttons=buttons)


def _cancel_button(turn: Turn) -> Button:
    return Button(turn.deps.t(_lang(turn), "button-cancel"), "/broadcast cancel")


def _ask(turn: Turn, step: str) -> Reply:
    buttons = [_cancel_button(turn)]
    if step == "en":
        buttons.insert(0, Button(turn.deps.t(_lang(turn), "button-skip"), "/broadcast skip"))
    if step == "audience":
        buttons = [*_audience_buttons(turn), _cancel_button(turn)]
    return _reply(turn, ReplyKind.BROADCAST, f"broadcast-ask-{step}", tuple(buttons))


def _audience_buttons(turn: Turn) -> list[Button]:
    t, lang = turn.deps.t, _lang(turn)
    buttons = [
        Button(t(lang, "audience-all"), "/broadcast to all"),
        Button(t(lang, "audience-language", language="fr"), "/broadcast to lang:fr"),
        Button(t(lang, "audience-language", language="ja"), "/broadcast to lang:ja"),
        Button(t(lang, "audience-channel", channel="Telegram"), "/broadcast to channel:telegram"),
        Button(t(lang, "audience-channel", channel="LINE"), "/broadcast to channel:line"),
    ]
    buttons += [
        Button(
            t(lang, "audience-track", track=track.short.get(lang)),
            f"/broadcast to track:{track.code}",
        )
        for track in turn.deps.conference.tracks
        if track.workshop
    ]
    buttons.append(Button(t(lang, "audience-session"), "/broadcast to session"))
    return buttons


async def _audience_phrase(turn: Turn, audience: Audience) -> str:
    return await audience_phrase(turn.deps, turn.db, _lang(turn), audience)


async def broadcast(turn: Turn, argument: str) -> list[Reply]:
    state = await state_of(turn)
    word, _, rest = argument.strip().partition(" ")
    if word == "cancel":
        if state is not None:
            await turn.db.delete(state)
        return [_reply(turn, ReplyKind.BROADCAST, "broadcast-cancelled")]
    if state is None or not argument:
        if state is not None:
            await turn.db.delete(state)
            await turn.db.flush()
        turn.db.add(
            ConversationState(
                delegate_id=turn.delegate.id, flow=FLOW, step="fr", data={}, updated_at=turn.now
            )
        )
        return [_ask(turn, "fr")]
    state.updated_at = turn.now
    if word == "skip" and state.step == "en":
        return [_next(turn, state, "audience")]
    if word == "to" and state.step == "audience":
        if rest == "session":
            return [_next(turn, state, "session")]
        return await _set_audience(turn, state, rest)
    if word == "send" and state.step == "preview":
        return await _send(turn, state, scheduled=None)
    return await step(turn, state, argument)


def _next(turn: Turn, state: ConversationState, step: str) -> Reply:
    state.step = step
    return _ask(turn, step)


async def step(turn: Turn, state: ConversationState, text: str) -> list[Reply]:
    """Free text while a broadcast is being written: the answer to the current step."""
    text = text.strip()
    data: dict[str, Any] = dict(state.data)
    if state.step in ("fr", "ja", "en"):
        if not text:
            return [_ask(turn, state.step)]
        if len(text) > MAX_TEXT:
            return [_reply(turn, ReplyKind.ERROR, "broadcast-too-long", max=MAX_TEXT)]
        data[state.step] = text
        state.data = data
        return [_next(turn, state, {"fr": "ja", "ja": "en", "en": "audience"}[state.step])]
    if state.step == "session":
        session = await schedule_store.session_by_id(turn.db, text)
        if session is None:
            return [
                _reply(
                    turn, ReplyKind.ERROR, "session-unknown", (_cancel_button(turn),), id=text[:64]
                )
            ]
        return await _set_audience(turn, state, f"session:{session.id}")
    if state.step == "preview":
        when = _parse_time(turn, text)
        if when is None or when <= turn.now:
            return [_reply(turn, ReplyKind.ERROR, "broadcast-bad-time", (_cancel_button(turn),))]
        return await _send(turn, state, scheduled=when)
    return [_ask(turn, state.step)]


def _parse_time(turn: Turn, text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("/", "-"))
    except ValueError:
        try:
            hour, minute = (int(x) for x in text.replace("h", ":").split(":", 1))
            local = turn.now.astimezone(turn.deps.tz).replace(
                hour=hour, minute=minute, second=0, microsecond=0
            )
        except ValueError:
            return None
        return local if local > turn.now else local + timedelta(days=1)
    return moment if moment.tzinfo else moment.replace(tzinfo=turn.deps.tz)


async def _set_audience(turn: Turn, state: ConversationState, spec: str) -> list[Reply]:
    try:
        audience = Audience.parse(spec)
    except ValueError:
        return [_ask(turn, "audience")]
    state.data = {**state.data, "audience": str(audience)}
    state.step = "preview"
    return await _preview(turn, state, audience)


async def _preview(turn: Turn, state: ConversationState, audience: Audience) -> list[Reply]:
    deps, lang = turn.deps, _lang(turn)
    seen = await preview(
        turn.db,
        audience,
        default_language=deps.default_language,
        pushable=deps.pushable,
        quota=deps.quota,
    )
    summary = seen.summary
    replies = []
    for code in ("fr", "ja", "en"):
        if state.data.get(code):
            heading = deps.t(lang, "broadcast-preview", language=code)  # named from the code
            replies.append(
                Reply(
                    ReplyKind.BROADCAST,
                    f"{heading}\n{deps.t(code, 'broadcast-heading')}\n{state.data[code]}",
                    lang,
                )
            )
    lines = [
        deps.t(
            lang,
            "broadcast-recipients",
            audience=await _audience_phrase(turn, audience),
            total=summary.total,
            fr=summary.by_language.get("fr", 0),
            ja=summary.by_language.get("ja", 0),
            en=summary.by_language.get("en", 0),
            telegram=summary.by_channel.get("telegram", 0),
            line=summary.by_channel.get("line", 0),
        )
    ]
    quota, line_count = seen.quota, seen.line_messages
    if quota is not None and line_count:
        if quota.remaining is None:
            lines.append(deps.t(lang, "broadcast-quota-unlimited", uses=line_count))
        else:
            lines.append(
                deps.t(
                    lang,
                    "broadcast-quota",
                    uses=line_count,
                    remaining=quota.remaining,
                    limit=quota.limit or 0,
                )
            )
            if seen.line_missing:
                lines.append(deps.t(lang, "broadcast-quota-short", missing=seen.line_missing))
    lines.append(deps.t(lang, "broadcast-confirm"))
    buttons = (Button(deps.t(lang, "button-send"), "/broadcast send"), _cancel_button(turn))
    replies.append(Reply(ReplyKind.BROADCAST, "\n".join(lines), lang, buttons=buttons))
    return replies


async def _send(turn: Turn, state: ConversationState, scheduled: datetime | None) -> list[Reply]:
    data = dict(state.data)
    audience = Audience.parse(str(data.get("audience", "all")))
    broadcast, summary = await create_broadcast(
        turn.db,
        texts={k: str(data.get(k, "")) for k in ("fr", "ja", "en")},
        audience=audience,
        actor=turn.actor,
        reporter_id=turn.delegate.id,
        send_at=scheduled or turn.now,
        now=turn.now,
        default_language=turn.deps.default_language,
        pushable=turn.deps.pushable,
    )
    await turn.db.delete(state)
    who = await _audience_phrase(turn, audience)
    if scheduled is not None:
        when = scheduled.astimezone(turn.deps.tz).strftime("%Y-%m-%d %H:%M")
        return [
            _reply(
                turn,
                ReplyKind.BROADCAST,
                "broadcast-scheduled",
                id=broadcast.id,
                count=summary.total,
                when=when,
                audience=who,
            )
        ]
    return [
        _reply(
            turn,
            ReplyKind.BROADCAST,
            "broadcast-queued",
            id=broadcast.id,
            count=summary.total,
            audience=who,
        )
    ]


async def continue_flow(turn: Turn, text: str) -> list[Reply] | None:
    """Free text while an organiser is writing a broadcast: the answer to its current step.

    Only organisers have a flow to continue, so a delegate's turn does not read it: the role is
    checked first, and an organiser removed meanwhile is understood as any delegate (the flow
    they left expires).
    """
    if not turn.is_organiser:
        return None
    state = await state_of(turn)
    if state is None:
        return None
    turn.understood_as("broadcast", state.step)
    return await step(turn, state, turn.said or text)  # the organiser's own words, as typed


def register(commands: CommandRegistry) -> None:
    commands.command("broadcast", organisers_only=True)(broadcast)
