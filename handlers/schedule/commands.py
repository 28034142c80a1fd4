"""The schedule in the conversation: /programme, /now, /next, /workshops, /session, the
organisers' /set, and the free-text schedule questions ("programme de demain",
「環境分科会は何時から？」) and session searches (words of a title, a room, a speaker)."""

from __future__ import annotations

from handlers.core import store as core_store
from handlers.core.commands import CommandRegistry, Menu
from handlers.core.messages import Button, Reply, ReplyKind
from handlers.core.turn import Turn
from handlers.notify.options import NotifyOptions
from handlers.schedule import intents, replies
from handlers.schedule.cards import local_day
from handlers.schedule.model import EDITABLE
from handlers.schedule.replies import Programme
from handlers.schedule.usecases import EditError, SessionNotFound, edit_session


async def programme_of(turn: Turn) -> Programme:
    """The programme as this delegate sees it (with their agenda for the card buttons)."""
    sessions, sample = await turn.deps.programme.get(turn.db)
    agenda = await turn.deps.agendas.get(turn.db, turn.delegate.id)
    return Programme(sessions, sample, agenda)


async def programme(turn: Turn, argument: str) -> list[Reply]:
    deps, lang = turn.deps, turn.lang
    shown = await programme_of(turn)
    if not shown.sessions:
        return [replies.empty_programme(deps, lang)]
    if not argument:
        return [replies.overview(deps, lang, shown, turn.now)]
    day = intents.parse_day(argument, local_day(deps, turn.now), shown.days(deps))
    if day is None:
        buttons = replies.day_buttons(deps, lang, shown)
        return [turn.reply(ReplyKind.ERROR, "programme-bad-day", buttons, day=argument[:40])]
    return [replies.day_reply(deps, lang, shown, day)]


async def now(turn: Turn, _argument: str) -> list[Reply]:
    shown = await programme_of(turn)
    if not shown.sessions:
        return [replies.empty_programme(turn.deps, turn.lang)]
    return [replies.now_reply(turn.deps, turn.lang, shown, turn.now)]


async def next_sessions(turn: Turn, _argument: str) -> list[Reply]:
    shown = await programme_of(turn)
    if not shown.sessions:
        return [replies.empty_programme(turn.deps, turn.lang)]
    return [replies.next_reply(turn.deps, turn.lang, shown, turn.now)]


async def workshops(turn: Turn, _argument: str) -> list[Reply]:
    return [replies.workshops_reply(turn.deps, turn.lang, await programme_of(turn))]


async def session(turn: Turn, argument: str) -> list[Reply]:
    shown = await programme_of(turn)
    found = next((s for s in shown.sessions if s.id == argument), None)
    if found is None:
        buttons = (Button(turn.t("button-programme"), "/programme"),)
        return [turn.reply(ReplyKind.ERROR, "session-unknown", buttons, id=argument[:64])]
    return [replies.session_reply(turn.deps, turn.lang, shown, found)]


async def set_field(turn: Turn, argument: str) -> list[Reply]:
    """`/set ID field value`: one field of one session, as organisers say it."""
    session_id, _, rest = argument.strip().partition(" ")
    field, _, value = rest.strip().partition(" ")
    separator = turn.t("list-separator")  # 「、」 in Japanese, ", " in French and English
    fields = separator.join(EDITABLE)
    if field not in EDITABLE or not value.strip():
        return [turn.reply(ReplyKind.ERROR, "set-usage", fields=fields)]
    try:
        diff = await edit_session(
            turn.db,
            session_id,
            [(field, value)],
            tz=turn.deps.tz,
            actor=turn.actor,
            source="chat",
            notify=NotifyOptions.of(turn.deps, turn.now, source=turn.actor),
        )
    except SessionNotFound:
        buttons = (Button(turn.t("button-programme"), "/programme"),)
        return [turn.reply(ReplyKind.ERROR, "session-unknown", buttons, id=session_id[:64])]
    except EditError as exc:
        reason = replies.edit_error(turn.deps.t, turn.lang, exc, value)
        return [turn.reply(ReplyKind.ERROR, "set-invalid", reason=reason)]
    core_store.audit(
        turn.db,
        actor=turn.actor,
        action="programme.set",
        now=turn.now,
        session=session_id,
        field=field,
        value=value[:200],
    )
    changed = [c.field for change in diff.changed for c in change.changes]
    if not changed:
        return [turn.reply(ReplyKind.SESSION, "set-unchanged", id=session_id)]
    return [
        turn.reply(ReplyKind.SESSION, "set-done", id=session_id, fields=separator.join(changed))
    ]


def register(commands: CommandRegistry) -> None:
    everywhere = Menu.BUTTONS | Menu.HELP | Menu.CHAT_MENU | Menu.RICH_MENU
    commands.command("programme", aliases=("program",), menu=everywhere, position=10, public=True)(
        programme
    )
    commands.command("now", menu=everywhere, position=20, public=True)(now)
    commands.command(
        "next", menu=Menu.BUTTONS | Menu.HELP | Menu.CHAT_MENU, position=30, public=True
    )(next_sessions)
    commands.command("workshops", menu=everywhere, position=40, public=True)(workshops)
    commands.command("session", menu=Menu.HELP, position=45, public=True)(session)
    commands.command("set", organisers_only=True)(set_field)
