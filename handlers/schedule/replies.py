"""Schedule answers: a day's programme, now, next, the workshops, one session, the venue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from rapidfuzz import fuzz

from db.models import ProgrammeSession, SessionStatus
from handlers.core.messages import Button, Reply, ReplyKind
from handlers.core.text import kana, latin
from handlers.core.translate import Translate
from handlers.deps import Deps
from handlers.schedule.cards import (
    card,
    day_label,
    list_of,
    local_day,
    pick,
    programme_line,
    quoted,
    room_in_title,
    room_label,
    when_label,
)
from handlers.schedule.usecases import EditError

MAX_CARDS = 10  # LINE Flex carousels hold at most 12 bubbles; lists stay short anyway


@dataclass(frozen=True)
class Programme:
    """The stored programme as one conversation turn sees it."""

    sessions: Sequence[ProgrammeSession]
    sample: bool
    agenda: frozenset[str] = frozenset()  # the delegate's own sessions: add/remove buttons

    def days(self, deps: Deps) -> list[date]:
        return sorted({local_day(deps, s.starts_at) for s in self.sessions})

    def on(self, deps: Deps, day: date) -> list[ProgrammeSession]:
        return [s for s in self.sessions if local_day(deps, s.starts_at) == day]


def _with_notice(deps: Deps, lang: str, programme: Programme, text: str) -> str:
    if programme.sample:
        return f"{text}\n\n{deps.t(lang, 'programme-sample-notice')}"
    return text


def day_buttons(
    deps: Deps, lang: str, programme: Programme, skip: date | None = None
) -> tuple[Button, ...]:
    return tuple(
        Button(day_label(deps, lang, d), f"/programme {d.isoformat()}")
        for d in programme.days(deps)
        if d != skip
    )


def empty_programme(deps: Deps, lang: str) -> Reply:
    return Reply(ReplyKind.SCHEDULE, deps.t(lang, "programme-empty"), lang)


def day_reply(deps: Deps, lang: str, programme: Programme, day: date, heading: str = "") -> Reply:
    sessions = programme.on(deps, day)
    label = day_label(deps, lang, day)
    if not sessions:
        days = list_of(deps, lang, (day_label(deps, lang, d) for d in programme.days(deps)))
        text = deps.t(lang, "programme-day-empty", day=label, days=days)
        return Reply(ReplyKind.SCHEDULE, text, lang, buttons=day_buttons(deps, lang, programme))
    zone = sessions[0].starts_at.astimezone(deps.tz).tzname() or ""
    lines = [heading] if heading else []
    lines.append(deps.t(lang, "programme-day-heading", day=label, zone=zone, count=len(sessions)))
    lines += [_line(deps, lang, s) for s in sessions]
    return Reply(
        ReplyKind.SCHEDULE,
        _with_notice(deps, lang, programme, "\n".join(lines)),
        lang,
        buttons=day_buttons(deps, lang, programme, skip=day),
        cards=tuple(card(deps, lang, s, programme.agenda) for s in sessions[:MAX_CARDS]),
    )


def _line(deps: Deps, lang: str, s: ProgrammeSession) -> str:
    c = card(deps, lang, s)
    text = programme_line(deps, lang, c)
    return f"{text} {c.status_label}".rstrip() if c.cancelled else text


def overview(deps: Deps, lang: str, programme: Programme, now: datetime) -> Reply:
    """`/programme` with no day: countdown before, today during, "it has ended" after."""
    days = programme.days(deps)
    if not days:
        return empty_programme(deps, lang)
    today = local_day(deps, now)
    if today < days[0]:
        heading = deps.t(
            lang,
            "programme-countdown",
            days=(days[0] - today).days,
            first=day_label(deps, lang, days[0]),
        )
        return day_reply(deps, lang, programme, days[0], heading)
    if today > days[-1]:
        text = deps.t(lang, "programme-ended", last=day_label(deps, lang, days[-1]))
        return Reply(ReplyKind.SCHEDULE, text, lang, buttons=day_buttons(deps, lang, programme))
    return day_reply(deps, lang, programme, today if today in days else days[0])


def now_reply(deps: Deps, lang: str, programme: Programme, now: datetime) -> Reply:
    running = [
        s
        for s in programme.sessions
        if s.starts_at <= now < s.ends_at and s.status != SessionStatus.CANCELLED
    ]
    if not running:
        upcoming = next_reply(deps, lang, programme, now)
        text = f"{deps.t(lang, 'now-nothing')}\n{upcoming.text}"
        return Reply(ReplyKind.SCHEDULE, text, lang, upcoming.buttons, upcoming.cards)
    lines = [deps.t(lang, "now-heading", count=len(running))]
    lines += [_line(deps, lang, s) for s in running]
    return Reply(
        ReplyKind.SCHEDULE,
        _with_notice(deps, lang, programme, "\n".join(lines)),
        lang,
        buttons=(Button(deps.t(lang, "button-next"), "/next"),),
        cards=tuple(card(deps, lang, s, programme.agenda) for s in running[:MAX_CARDS]),
    )


def next_reply(deps: Deps, lang: str, programme: Programme, now: datetime) -> Reply:
    upcoming = [
        s for s in programme.sessions if s.starts_at > now and s.status != SessionStatus.CANCELLED
    ]
    if not upcoming:
        text = deps.t(lang, "next-nothing")
        return Reply(ReplyKind.SCHEDULE, text, lang, buttons=day_buttons(deps, lang, programme))
    slot = [s for s in upcoming if s.starts_at == upcoming[0].starts_at]
    lines = [
        deps.t(
            lang,
            "next-heading",
            when=when_label(deps, lang, slot[0].starts_at, slot[0].ends_at),
            count=len(slot),
        )
    ]
    lines += [_line(deps, lang, s) for s in slot]
    return Reply(
        ReplyKind.SCHEDULE,
        _with_notice(deps, lang, programme, "\n".join(lines)),
        lang,
        buttons=(Button(deps.t(lang, "button-today"), "/programme"),),
        cards=tuple(card(deps, lang, s, programme.agenda) for s in slot[:MAX_CARDS]),
    )


def track_reply(deps: Deps, lang: str, programme: Programme, track: str, day: date | None) -> Reply:
    """'Quand a lieu l'atelier environnement ?': one sentence per session of the track."""
    sessions = [s for s in programme.sessions if s.track_code == track]
    if day is not None:
        sessions = [s for s in sessions if local_day(deps, s.starts_at) == day] or sessions
    name = next((t.name.get(lang) for t in deps.conference.tracks if t.code == track), track)
    if not sessions:
        text = deps.t(lang, "track-no-session", track=quoted(lang, name))
        return Reply(ReplyKind.SCHEDULE, text, lang)
    lines = [session_sentence(deps, lang, s) for s in sessions[:MAX_CARDS]]
    return Reply(
        ReplyKind.SCHEDULE,
        _with_notice(deps, lang, programme, "\n".join(lines)),
        lang,
        cards=tuple(card(deps, lang, s, programme.agenda) for s in sessions[:MAX_CARDS]),
    )


def session_sentence(deps: Deps, lang: str, s: ProgrammeSession) -> str:
    """« Title » : when, room. – the room left out when the title already names it."""
    cancelled = s.status == SessionStatus.CANCELLED
    title, room = pick(s, "title", lang), room_label(deps, lang, s)
    when = when_label(deps, lang, s.starts_at, s.ends_at)
    if room_in_title(title, room):
        message = "session-sentence-cancelled-no-room" if cancelled else "session-sentence-no-room"
        return deps.t(lang, message, title=title, when=when)
    message = "session-sentence-cancelled" if cancelled else "session-sentence"
    return deps.t(lang, message, title=title, when=when, room=room)


def workshops_reply(deps: Deps, lang: str, programme: Programme) -> Reply:
    codes = [t.code for t in sorted(deps.conference.tracks, key=lambda t: t.position) if t.workshop]
    sessions = [s for code in codes for s in programme.sessions if s.track_code == code]
    lines = [deps.t(lang, "workshops-heading", count=len(codes))]
    lines += [session_sentence(deps, lang, s) for s in sessions]
    if not sessions:
        lines.append(deps.t(lang, "workshops-none-scheduled"))
    return Reply(
        ReplyKind.SCHEDULE,
        _with_notice(deps, lang, programme, "\n".join(lines)),
        lang,
        cards=tuple(card(deps, lang, s, programme.agenda) for s in sessions[:MAX_CARDS]),
    )


def session_reply(deps: Deps, lang: str, programme: Programme, session: ProgrammeSession) -> Reply:
    c = card(deps, lang, session, programme.agenda)
    lines = [
        c.title,
        deps.t(lang, "session-when", when=c.when),
        deps.t(lang, "session-room", room=c.room),
    ]
    lines.append(deps.t(lang, "session-track", track=c.track_label))
    if c.speakers:
        lines.append(deps.t(lang, "session-speakers", speakers=list_of(deps, lang, c.speakers)))
    if c.cancelled:
        lines.append(deps.t(lang, "session-cancelled"))
    description = pick(session, "description", lang)
    if description:
        lines += ["", description]
    day = local_day(deps, session.starts_at)
    return Reply(
        ReplyKind.SESSION,
        _with_notice(deps, lang, programme, "\n".join(lines)),
        lang,
        buttons=(Button(day_label(deps, lang, day), f"/programme {day.isoformat()}"),),
        cards=(c,),
    )


def venue_reply(deps: Deps, lang: str, programme: Programme) -> Reply:
    venue = deps.conference.venue.get(lang)
    city = deps.conference.city.get(lang)
    text = (
        deps.t(lang, "venue-known", venue=venue, city=city)
        if venue
        else deps.t(lang, "venue-unknown", city=city)
    )
    rooms = sorted({room_label(deps, lang, s) for s in programme.sessions if s.room is not None})
    if rooms:
        text += "\n" + deps.t(lang, "venue-rooms", rooms=list_of(deps, lang, rooms))
    return Reply(
        ReplyKind.SCHEDULE,
        _with_notice(deps, lang, programme, text),
        lang,
        buttons=(Button(deps.t(lang, "button-programme"), "/programme"),),
    )


def search_sessions(text: str, programme: Programme, limit: int = 5) -> list[ProgrammeSession]:
    """Sessions whose title, room or speakers contain the words of the question."""
    query_latin, query_kana = latin(text), kana(text)
    scored: list[tuple[float, ProgrammeSession]] = []
    for s in programme.sessions:
        fields = [s.title_fr, s.title_ja, s.title_en, *(s.speakers or [])]
        if s.room is not None:
            fields += [s.room.name_fr, s.room.name_ja, s.room.name_en]
        best = 0.0
        for value in filter(None, fields):
            if value.isascii() or query_latin.isascii():
                query, target = query_latin, latin(value)
            else:
                query, target = query_kana, kana(value)
            if len(query) < (3 if query.isascii() else 2) or len(query) > len(target) + 5:
                continue
            best = max(best, fuzz.partial_ratio(query, target))
        if best >= 90:
            scored.append((best, s))
    scored.sort(key=lambda pair: (-pair[0], pair[1].starts_at))
    return [s for _, s in scored[:limit]]


def search_reply(
    deps: Deps, lang: str, programme: Programme, found: Sequence[ProgrammeSession]
) -> Reply:
    lines = [deps.t(lang, "search-heading", count=len(found))]
    lines += [session_sentence(deps, lang, s) for s in found]
    return Reply(
        ReplyKind.SCHEDULE,
        _with_notice(deps, lang, programme, "\n".join(lines)),
        lang,
        cards=tuple(card(deps, lang, s, programme.agenda) for s in found),
    )


def edit_error(t: Translate, lang: str, error: EditError, value: str) -> str:
    """Why an organiser's edit was refused, in their language: the model's reason is English,
    for the command line, so the text is chosen from the field and the value."""
    value = value.strip()[:64]
    hour, _, minute = value.partition(":")
    a_time = hour.isdigit() and minute.isdigit() and len(minute) == 2
    if error.field == "end" and a_time and int(hour) < 24 and int(minute) < 60:
        return t(lang, "set-invalid-end", value=value)  # a time, but not after the start
    if error.field in ("start", "end"):
        return t(lang, "set-invalid-time", value=value)
    if error.field == "date":
        return t(lang, "set-invalid-date", value=value)
    if error.field == "status":
        return t(lang, "set-invalid-status", value=value)
    return t(lang, "set-invalid-value", value=value, field=error.field)
