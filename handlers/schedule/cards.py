"""Dates, times and session cards in the delegate's language, in the venue's time zone.

The babel patterns (e.g. `EEE d MMM` in French, `M月d日(E)` in Japanese) are catalogue
messages, so a translator can change them without touching the code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, time
from functools import lru_cache

from babel.dates import format_date, format_time

from db.models import ProgrammeSession, SessionStatus
from handlers.core.messages import Button, SessionCard
from handlers.deps import Deps


@lru_cache(maxsize=4096)
def _format_date(day: date, pattern: str, language: str) -> str:
    return str(format_date(day, pattern, locale=language))


@lru_cache(maxsize=4096)
def _format_time(moment: time, pattern: str, language: str) -> str:
    return str(format_time(moment, pattern, locale=language))


def day_label(deps: Deps, language: str, day: date) -> str:
    return _format_date(day, deps.t(language, "fmt-day-pattern"), language)


def time_label(deps: Deps, language: str, moment: datetime) -> str:
    local = moment.astimezone(deps.tz).time()
    return _format_time(local, deps.t(language, "fmt-time-pattern"), language)


def zone_name(deps: Deps, moment: datetime) -> str:
    return moment.astimezone(deps.tz).tzname() or str(deps.tz)


def local_day(deps: Deps, moment: datetime) -> date:
    return moment.astimezone(deps.tz).date()


def when_label(deps: Deps, language: str, start: datetime, end: datetime) -> str:
    return deps.t(
        language,
        "fmt-when",
        day=day_label(deps, language, local_day(deps, start)),
        start=time_label(deps, language, start),
        end=time_label(deps, language, end),
        zone=zone_name(deps, start),
    )


def pick(obj: object, name: str, language: str) -> str:
    """The field in the language, else French, else Japanese: a title is never blank."""
    for lang in (language, "fr", "ja"):
        value = getattr(obj, f"{name}_{lang}", "") or ""
        if value:
            return str(value)
    return ""


def room_label(deps: Deps, language: str, session: ProgrammeSession) -> str:
    if session.room is None:
        return deps.t(language, "room-unknown")
    return pick(session.room, "name", language)


def track_label(language: str, session: ProgrammeSession) -> str:
    return pick(session.track, "name", language)


def list_of(deps: Deps, language: str, items: Iterable[str]) -> str:
    """Items joined as the language joins a list: 「、」 in Japanese, ", " in French and English."""
    return deps.t(language, "list-separator").join(items)


_JA_INNER = str.maketrans("「」", "『』")


def quoted(language: str, text: str) -> str:
    """A title or a name as it reads inside the message's own 「」: its Japanese brackets
    become 『』 (never 「 inside 「).

    Only for replies without cards: Telegram finds a card's title verbatim in the text, so
    the Japanese messages that come with cards name the title without quotation marks."""
    return text.translate(_JA_INNER) if language == "ja" else text


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("’", "'").casefold().strip()


_LATIN = r"0-9a-z\u00c0-\u024f"  # after casefold: "Salle 1" is not in "Salle 10"


def room_in_title(title: str, room: str) -> bool:
    """The title already names the room (麻機地区の緑地 in 「専門視察：麻機地区の緑地」,
    « Espace vert d'Asahata » in « Visite professionnelle : espace vert d'Asahata »): a line
    then shows it once."""
    folded = _folded(room)
    if not folded:
        return False
    pattern = rf"(?<![{_LATIN}]){re.escape(folded)}(?![{_LATIN}])"
    return re.search(pattern, _folded(title)) is not None


def programme_line(deps: Deps, language: str, c: SessionCard) -> str:
    """One line of a day's programme or of an agenda: time, title, room (once)."""
    if room_in_title(c.title, c.room):
        return deps.t(language, "programme-line-no-room", time=c.time, title=c.title)
    return deps.t(language, "programme-line", time=c.time, title=c.title, room=c.room)


def track_phrase(deps: Deps, language: str, code: str) -> str:
    """A track as a sentence names it: « l'atelier Économie », 「経済分科会」, "the Economy
    workshop"; another kind of session: « les sessions de type “Visite” »."""
    track = next((t for t in deps.conference.tracks if t.code == code), None)
    if track is None:
        return code
    if track.workshop:
        return deps.t(language, "track-workshop-phrase", track=track.short.get(language))
    return deps.t(language, "track-other-phrase", track=quoted(language, track.name.get(language)))


def card(
    deps: Deps,
    language: str,
    session: ProgrammeSession,
    agenda: frozenset[str] | None = None,
) -> SessionCard:
    """A session card; with the delegate's agenda, its add/remove button too."""
    cancelled = session.status == SessionStatus.CANCELLED
    buttons = [Button(deps.t(language, "button-details"), f"/session {session.id}")]
    if agenda is not None and session.id in agenda:
        buttons.append(Button(deps.t(language, "button-agenda-remove"), f"/remove {session.id}"))
    elif agenda is not None and not cancelled:
        buttons.append(Button(deps.t(language, "button-agenda-add"), f"/add {session.id}"))
    local_start = session.starts_at.astimezone(deps.tz)
    return SessionCard(
        session_id=session.id,
        title=pick(session, "title", language),
        day=day_label(deps, language, local_start.date()),
        time=deps.t(
            language,
            "fmt-time-range",
            start=time_label(deps, language, session.starts_at),
            end=time_label(deps, language, session.ends_at),
        ),
        when=when_label(deps, language, session.starts_at, session.ends_at),
        room=room_label(deps, language, session),
        track=session.track_code,
        track_label=track_label(language, session),
        colour=session.track.colour,
        speakers=tuple(session.speakers or ()),
        cancelled=cancelled,
        status_label=deps.t(language, "status-cancelled") if cancelled else "",
        buttons=tuple(buttons),
    )
