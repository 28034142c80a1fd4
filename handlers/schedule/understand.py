"""Schedule questions in free text: a day's programme, now, next, all the workshops, when and
where a workshop or a named session is ("le pot de bienvenue c'est où ?", 「閉会式はどこ」),
the venue; and, later in the chain, a search in titles, rooms and speakers."""

from __future__ import annotations

import dataclasses
import re

from handlers.core.messages import Reply
from handlers.core.text import latin
from handlers.core.turn import Turn
from handlers.schedule import intents, replies
from handlers.schedule.cards import day_label, local_day
from handlers.schedule.commands import programme_of
from handlers.schedule.described import described_sessions
from handlers.schedule.names import named_sessions, titled_session
from handlers.schedule.replies import MAX_CARDS, Programme


async def answer_question(turn: Turn, text: str) -> list[Reply] | None:
    """Free text that asks about the schedule: when, where, now, next, a day."""
    shown = await programme_of(turn)
    deps, lang = turn.deps, turn.lang
    today = local_day(deps, turn.now)
    intent = intents.parse(text, deps.conference.tracks, today, shown.days(deps))
    # « pourriez-vous me rappeler ce qui est prévu aujourd'hui ? »: the day's programme, whatever
    # sessions the context names before it
    days_programme = intent is not None and intent.kind is intents.IntentKind.DAY
    days_programme = days_programme and intents.asks_a_days_programme(text)
    described = None if days_programme else _described(turn, text, intent, shown)
    if described is not None:
        return described
    if intent is None:
        return await _named_session(turn, text)
    if intent.kind is intents.IntentKind.DAY and not days_programme:
        # "le sanctuaire Sengen cet après-midi, c'est à quelle heure ?": a session, on that day
        named = await _named_session(turn, text)
        if named is not None:
            return named
    if intent.kind is intents.IntentKind.VENUE and intents.asks_when(text):
        # 「分科会報告は何時から、どこの会場ですか」: when and in which room that session is
        found = named_sessions(text, shown.sessions, deps.conference.tracks)
        if len(found) == 1:
            turn.understood_as("schedule.search", found[0].id)
            return [replies.search_reply(deps, lang, shown, found)]
    if intent.kind is intents.IntentKind.TRACK:
        # "la visite d'Asahata, c'est où ?": one of the kind's sessions, named by its title
        found = named_sessions(text, shown.sessions, deps.conference.tracks)
        kind = [s for s in shown.sessions if found and s.track_code == found[0].track_code]
        if len(found) == 1 and len(kind) > 1:
            turn.understood_as("schedule.search", found[0].id)
            return [replies.search_reply(deps, lang, shown, found)]
    if intent.kind is intents.IntentKind.WORKSHOPS:
        titled = titled_session(text, shown.sessions)
        if titled is not None:  # "la restitution des ateliers": one session, by its title
            turn.understood_as("schedule.search", titled.id)
            return [replies.search_reply(deps, lang, shown, [titled])]
    return await _reply_to(turn, intent, shown)


async def answer_kind(turn: Turn, kind: intents.IntentKind) -> list[Reply]:
    """A schedule question whose kind is known and that names nothing (now, next, the
    workshops, the venue): answered as if the rules had read it."""
    return await _reply_to(turn, intents.ScheduleIntent(kind), await programme_of(turn))


async def _reply_to(turn: Turn, intent: intents.ScheduleIntent, shown: Programme) -> list[Reply]:
    deps, lang = turn.deps, turn.lang
    today = local_day(deps, turn.now)
    detail = intent.track or (intent.day.isoformat() if intent.day else "")
    turn.understood_as(f"schedule.{intent.kind}", detail)
    if not shown.sessions:
        return [replies.empty_programme(deps, lang)]
    days = shown.days(deps)
    outside = not days[0] <= today <= days[-1]
    asks_now = intent.kind in (intents.IntentKind.NOW, intents.IntentKind.NEXT)
    if outside and (asks_now or (intent.kind is intents.IntentKind.DAY and intent.day not in days)):
        # Before the Rencontres, "now" or "tomorrow" is the countdown; after them, that they
        # have ended (with the days to look back at).
        return [replies.overview(deps, lang, shown, turn.now)]
    if today > days[-1] and intent.kind is not intents.IntentKind.VENUE:
        reply = _answer(turn, intent, shown)
        note = turn.t("programme-ended-note", last=day_label(deps, lang, days[-1]))
        return [dataclasses.replace(reply, text=f"{note}\n\n{reply.text}")]
    return [_answer(turn, intent, shown)]


def _answer(turn: Turn, intent: intents.ScheduleIntent, shown: Programme) -> Reply:
    deps, lang = turn.deps, turn.lang
    match intent.kind:
        case intents.IntentKind.NOW:
            return replies.now_reply(deps, lang, shown, turn.now)
        case intents.IntentKind.NEXT:
            return replies.next_reply(deps, lang, shown, turn.now)
        case intents.IntentKind.WORKSHOPS:
            turn.understood_as("workshops")
            return replies.workshops_reply(deps, lang, shown)
        case intents.IntentKind.TRACK:
            assert intent.track is not None
            return replies.track_reply(deps, lang, shown, intent.track, intent.day)
        case intents.IntentKind.DAY:
            assert intent.day is not None
            return replies.day_reply(deps, lang, shown, intent.day)
        case intents.IntentKind.VENUE:
            return replies.venue_reply(deps, lang, shown)
        case _:
            days = shown.days(deps)
            if local_day(deps, turn.now) > days[-1]:  # the whole programme, to look back
                return replies.day_reply(deps, lang, shown, days[0])
            return replies.overview(deps, lang, shown, turn.now)


# A second question joined to the first ("c'est à quelle heure et faut-il une cravate ?",
# "what time is it and do we need to dress up?"): the first is a question of its own.
_FIRST_QUESTION = re.compile(
    r",? (?:et|and) (?=(?:faut[- ]il|il faut|est-ce qu|y a|on doit|do |does |is |are |should |can |"
    r"must ))"
)


def _described(
    turn: Turn, text: str, intent: intents.ScheduleIntent | None, shown: Programme
) -> list[Reply] | None:
    """When or where a session described is ("le truc au sanctuaire cet aprem", 「木曜の朝の
    パネル」): that session, when the description tells it apart, rather than the day's
    programme, the kind's list or the workshops."""
    if not intents.asks_when_or_where(text):
        first = _FIRST_QUESTION.split(latin(text), maxsplit=1)[0]
        if first == latin(text) or not intents.asks_when_or_where(first):
            return None
        text = first  # "…c'est à quelle heure et faut-il une tenue ?": the time is answered
    deps = turn.deps
    kind = intent.kind if intent is not None else None
    found = described_sessions(
        text, shown.sessions, deps.conference.tracks, deps.tz, local_day(deps, turn.now)
    )
    if not found:
        return None
    if len(found) > 1:
        if kind is not intents.IntentKind.DAY or len(found) > MAX_CARDS:
            return None  # several of a kind: the kind's answer lists them
        # 「明日の午後の分科会はどこ？」: the day's sessions of that kind, not the whole day
        turn.understood_as("schedule.search", ",".join(s.id for s in found))
        return [replies.search_reply(deps, turn.lang, shown, found)]
    if kind is intents.IntentKind.TRACK:
        assert intent is not None
        if all(s.track_code != intent.track for s in shown.sessions if s is not found[0]):
            return None  # the only session of the kind: the kind's answer is the same
    elif kind is intents.IntentKind.WORKSHOPS:
        workshops = {t.code for t in deps.conference.tracks if t.workshop}
        if found[0].track_code in workshops:
            return None  # one of the workshops: their list answers it
    elif kind not in (None, intents.IntentKind.DAY, intents.IntentKind.PROGRAMME):
        return None  # 「最後のやつって何時に終わる予定？」: 予定 is when it ends, not the programme
    turn.understood_as("schedule.search", ",".join(s.id for s in found))
    return [replies.search_reply(deps, turn.lang, shown, found)]


async def _named_session(turn: Turn, text: str) -> list[Reply] | None:
    """When or where a session named by its words is: its sentence and card."""
    if not intents.asks_when_or_where(text):
        return None
    shown = await programme_of(turn)
    found = named_sessions(text, shown.sessions, turn.deps.conference.tracks)[:MAX_CARDS]
    if not found:
        return None
    turn.understood_as("schedule.search", ",".join(s.id for s in found))
    return [replies.search_reply(turn.deps, turn.lang, shown, found)]


async def find_sessions(turn: Turn, text: str) -> list[Reply] | None:
    """Free text naming a session: words of its title, room or speakers."""
    shown = await programme_of(turn)
    found = replies.search_sessions(text, shown)
    if not found:
        return None
    turn.understood_as("schedule.search", ",".join(s.id for s in found))
    return [replies.search_reply(turn.deps, turn.lang, shown, found)]
