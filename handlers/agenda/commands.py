"""A delegate's own agenda, what they follow, their reminders, and forgetting them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from db.models import ProgrammeSession, SessionStatus
from handlers.agenda import store
from handlers.core.commands import CommandRegistry, Menu
from handlers.core.messages import Attachment, Button, Reply, ReplyKind
from handlers.core.turn import Turn
from handlers.feeds import tokens
from handlers.feeds.feed import agenda_url, programme_url
from handlers.notify.options import NotifyOptions
from handlers.notify.reminders import reschedule_reminders
from handlers.schedule import store as schedule_store
from handlers.schedule.cards import (
    card,
    day_label,
    list_of,
    local_day,
    pick,
    programme_line,
    quoted,
    track_phrase,
)
from handlers.schedule.ics import to_ics
from handlers.schedule.model import row_from_model

REMINDER_CHOICES = (5, 10, 15, 30, 60)


async def add(turn: Turn, argument: str) -> list[Reply]:
    session = await schedule_store.session_by_id(turn.db, argument) if argument else None
    if session is None:
        return [turn.reply(ReplyKind.ERROR, "session-unknown", id=argument[:64])]
    if session.status == SessionStatus.CANCELLED:
        title = quoted(turn.lang, pick(session, "title", turn.lang))
        return [turn.reply(ReplyKind.ERROR, "agenda-cancelled", title=title)]
    added = await store.add_to_agenda(
        turn.db, turn.delegate, session, NotifyOptions.of(turn.deps, turn.now)
    )
    turn.deps.agendas.forget(turn.delegate.id)
    message = "agenda-added" if added else "agenda-already"
    buttons = (
        Button(turn.deps.t(turn.lang, "button-agenda"), "/agenda"),
        Button(turn.deps.t(turn.lang, "button-agenda-remove"), f"/remove {session.id}"),
    )
    title = quoted(turn.lang, pick(session, "title", turn.lang))
    return [turn.reply(ReplyKind.AGENDA, message, buttons, title=title)]


async def remove(turn: Turn, argument: str) -> list[Reply]:
    session = await schedule_store.session_by_id(turn.db, argument) if argument else None
    removed = await store.remove_from_agenda(turn.db, turn.delegate, argument)
    turn.deps.agendas.forget(turn.delegate.id)
    title = quoted(turn.lang, pick(session, "title", turn.lang) if session else argument[:64])
    message = "agenda-removed" if removed else "agenda-not-there"
    buttons = (Button(turn.deps.t(turn.lang, "button-agenda"), "/agenda"),)
    return [turn.reply(ReplyKind.AGENDA, message, buttons, title=title)]


async def show(turn: Turn, argument: str) -> list[Reply]:
    deps, lang = turn.deps, turn.lang
    sessions = await store.agenda_sessions(turn.db, turn.delegate.id)
    word, _, rest = argument.strip().lower().partition(" ")
    if word == "ics" and deps.public_url:
        return await _feed(turn, sessions, renew=rest.strip() == "new")
    if word == "ics" and turn.message.files:
        return [_ics(turn, sessions)]
    if not sessions:
        return [
            turn.reply(
                ReplyKind.AGENDA,
                "agenda-empty",
                (Button(deps.t(lang, "button-programme"), "/programme"),),
            )
        ]
    live = [s for s in sessions if s.status != SessionStatus.CANCELLED]
    clashes = {
        s.id
        for s in live
        for other in live
        if other.id != s.id and s.starts_at < other.ends_at and other.starts_at < s.ends_at
    }
    by_day: dict[date, list[str]] = defaultdict(list)
    for s in sessions:
        c = card(deps, lang, s)
        line = programme_line(deps, lang, c)
        if c.cancelled:
            line = f"{line} {c.status_label}"
        if s.id in clashes:
            line = f"{line} {deps.t(lang, 'agenda-clash')}"
        by_day[local_day(deps, s.starts_at)].append(line)
    lines = [deps.t(lang, "agenda-heading", count=len(sessions))]
    if argument.strip().lower() == "ics":  # a channel that cannot send files: the list instead
        lines.insert(0, deps.t(lang, "agenda-ics-unavailable"))
    for day, day_lines in sorted(by_day.items()):
        lines += ["", day_label(deps, lang, day), *day_lines]
    if clashes:
        lines += ["", deps.t(lang, "agenda-clash-note")]
    agenda = frozenset(s.id for s in sessions)
    return [
        Reply(
            ReplyKind.AGENDA,
            "\n".join(lines),
            lang,
            buttons=(
                (Button(deps.t(lang, "button-agenda-ics"), "/agenda ics"),)
                if turn.message.files or deps.public_url
                else ()
            ),
            cards=tuple(card(deps, lang, s, agenda) for s in sessions[:10]),
        )
    ]


async def _feed(turn: Turn, sessions: Sequence[ProgrammeSession], *, renew: bool) -> list[Reply]:
    """The delegate's own calendar feed, which their calendar polls: a link, on every
    platform (LINE cannot carry files); Telegram also gets today's file, for a calendar that
    only imports. `renew` issues a new link, and the old one stops working."""
    deps, lang = turn.deps, turn.lang
    if renew:
        feed = await tokens.issue(turn.db, turn.delegate.id, turn.now)
    else:
        feed = await tokens.current_or_new(turn.db, turn.delegate.id, turn.now)
    text = turn.t(
        "agenda-feed-renewed" if renew else "agenda-feed",
        count=len(sessions),
        url=agenda_url(deps.public_url, feed.token),
        programme=programme_url(deps.public_url, lang),
    )
    buttons = (
        Button(turn.t("button-agenda-feed-new"), "/agenda ics new"),
        Button(turn.t("button-agenda"), "/agenda"),
    )
    reply = Reply(ReplyKind.AGENDA, text, lang, buttons=buttons)
    if turn.message.files and not renew:
        return [reply, _ics(turn, sessions)]
    return [reply]


def _ics(turn: Turn, sessions: Sequence[ProgrammeSession]) -> Reply:
    rows = [row_from_model(s) for s in sessions]
    data = to_ics(
        rows,
        turn.deps.tz,
        language=turn.lang,
        calendar_name=turn.deps.t(turn.lang, "agenda-calendar-name"),
        uid_domain="confbot",
    )
    lines = [turn.deps.t(turn.lang, "agenda-ics", count=len(rows))]
    return Reply(
        ReplyKind.AGENDA,
        "\n".join(lines),
        turn.lang,
        attachment=Attachment("agenda.ics", "text/calendar", data),
    )


def _target(turn: Turn, argument: str) -> str | None:
    word = argument.strip().lower()
    if word in {"all", "tout", "tous", "全て", "すべて"}:
        return store.ALL
    codes = {t.code for t in turn.deps.conference.tracks}
    return word if word in codes else None


async def _set_follow(turn: Turn, argument: str, on: bool) -> list[Reply]:
    target = _target(turn, argument)
    if target is None:
        return [_follow_menu(turn)]
    if on:
        await store.follow(turn.db, turn.delegate.id, target)
    else:
        await store.unfollow(turn.db, turn.delegate.id, target)
    message = "follow-on" if on else "follow-off"
    return [
        turn.reply(ReplyKind.SETTINGS, message, _settings_buttons(turn), what=_label(turn, target))
    ]


async def follow(turn: Turn, argument: str) -> list[Reply]:
    return await _set_follow(turn, argument, on=True)


async def unfollow(turn: Turn, argument: str) -> list[Reply]:
    return await _set_follow(turn, argument, on=False)


def _label(turn: Turn, target: str) -> str:
    """What is followed, as the sentence names it: « l'atelier Économie », 「プログラム全体」."""
    if target == store.ALL:
        return turn.deps.t(turn.lang, "follow-all-changes")
    return track_phrase(turn.deps, turn.lang, target)


def _follow_menu(turn: Turn) -> Reply:
    workshops = [t for t in turn.deps.conference.tracks if t.workshop]
    buttons = tuple(
        Button(
            turn.deps.t(turn.lang, "button-follow-track", track=t.short.get(turn.lang)),
            f"/follow {t.code}",
        )
        for t in workshops
    )
    buttons += (Button(turn.deps.t(turn.lang, "button-follow-all"), "/follow all"),)
    return turn.reply(ReplyKind.SETTINGS, "follow-choose", buttons)


def _settings_buttons(turn: Turn) -> tuple[Button, ...]:
    return (Button(turn.deps.t(turn.lang, "button-settings"), "/settings"),)


async def settings(turn: Turn, _argument: str) -> list[Reply]:
    deps, lang, delegate = turn.deps, turn.lang, turn.delegate
    followed = await store.subscriptions(turn.db, delegate.id)
    minutes = delegate.reminder_minutes or deps.reminder_minutes
    workshops = [t for t in deps.conference.tracks if t.workshop]
    names = [t.name.get(lang) for t in workshops if t.code in followed]
    lines = [
        deps.t(lang, "settings-heading"),
        deps.t(
            lang,
            "settings-all-changes",
            state=deps.t(lang, "state-on" if store.ALL in followed else "state-off"),
        ),
        deps.t(
            lang,
            "settings-workshops",
            workshops=list_of(deps, lang, names) or deps.t(lang, "state-none"),
        ),
        deps.t(
            lang,
            "settings-reminders",
            state=deps.t(lang, "state-on" if delegate.reminders else "state-off"),
            minutes=minutes,
        ),
        deps.t(
            lang,
            "settings-language",
            language=deps.t(lang, "language-name", code=delegate.language or lang),
        ),
    ]
    buttons: list[Button] = []
    if store.ALL in followed:
        buttons.append(Button(deps.t(lang, "button-unfollow-all"), "/unfollow all"))
    else:
        buttons.append(Button(deps.t(lang, "button-follow-all"), "/follow all"))
    for track in workshops:
        verb = "unfollow" if track.code in followed else "follow"
        label = deps.t(lang, f"button-{verb}-track", track=track.short.get(lang))
        buttons.append(Button(label, f"/{verb} {track.code}"))
    if delegate.reminders:
        buttons.append(Button(deps.t(lang, "button-reminders-off"), "/reminders off"))
        buttons += [
            Button(deps.t(lang, "button-reminder-minutes", minutes=m), f"/reminders {m}")
            for m in REMINDER_CHOICES
            if m != minutes
        ][:4]
    else:
        buttons.append(Button(deps.t(lang, "button-reminders-on"), "/reminders on"))
    buttons.append(Button(deps.t(lang, "button-lang"), "/lang"))
    buttons.append(Button(deps.t(lang, "button-forget"), "/forget"))
    return [Reply(ReplyKind.SETTINGS, "\n".join(lines), lang, buttons=tuple(buttons))]


async def reminders(turn: Turn, argument: str) -> list[Reply]:
    word = argument.strip().lower()
    delegate = turn.delegate
    if word in {"off", "non", "no", "オフ"}:
        delegate.reminders = False
    elif word in {"on", "oui", "yes", "オン"}:
        delegate.reminders = True
    elif word.isdigit() and 1 <= int(word) <= 24 * 60:
        delegate.reminders, delegate.reminder_minutes = True, int(word)
    else:
        return await settings(turn, "")
    await reschedule_reminders(turn.db, delegate, NotifyOptions.of(turn.deps, turn.now))
    return await settings(turn, "")


async def forget(turn: Turn, argument: str) -> list[Reply]:
    """Erases the delegate after a confirmation: agenda, follows, questions, messages."""
    word = argument.strip().lower()
    buttons = (
        Button(turn.deps.t(turn.lang, "button-forget-confirm"), "/forget yes"),
        Button(turn.deps.t(turn.lang, "button-cancel"), "/forget no"),
    )
    if word == "no":
        return [turn.reply(ReplyKind.SETTINGS, "forget-cancelled")]
    if word != "yes":
        return [turn.reply(ReplyKind.SETTINGS, "forget-confirm", buttons)]
    await store.forget_delegate(turn.db, turn.delegate, actor=turn.actor, now=turn.now)
    turn.deps.agendas.forget(turn.delegate.id)
    return [turn.reply(ReplyKind.SETTINGS, "forget-done")]


def register(commands: CommandRegistry) -> None:
    mine = Menu.HELP | Menu.CHAT_MENU
    commands.command("agenda", menu=mine | Menu.RICH_MENU, position=60)(show)
    commands.command("add")(add)
    commands.command("remove")(remove)
    commands.command("follow")(follow)
    commands.command("unfollow")(unfollow)
    commands.command("settings", menu=mine, position=70)(settings)
    commands.command("reminders")(reminders)
    commands.command("forget", menu=Menu.HELP, position=75)(forget)
