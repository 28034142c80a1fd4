"""One conversation turn: an `Incoming` in, a list of `Reply` out.

Order of understanding: a command or a pressed button; then schedule questions; then the FAQ;
then words of a session's title, room or speaker; else an honest fallback.
"""

from __future__ import annotations

import logging

from db.models import UnansweredQuestion
from handlers.agenda import commands as agenda
from handlers.broadcast import wizard as broadcast
from handlers.core import store as queries
from handlers.core.deps import Deps
from handlers.core.language import SUPPORTED, choose, detect, normalise_hint
from handlers.core.messages import AlreadyHandled, Button, Event, Incoming, Reply, ReplyKind
from handlers.core.text import clean_input
from handlers.core.turn import Command, Turn
from handlers.faq import replies as faq_replies
from handlers.faq import store as faq_store
from handlers.faq.matcher import Outcome
from handlers.faq.unanswered import group_questions
from handlers.schedule import editing as organiser
from handlers.schedule import intents
from handlers.schedule import replies as schedule
from handlers.schedule.cards import local_day
from handlers.schedule.replies import Programme

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"fr": "Français", "ja": "日本語", "en": "English"}


class ConversationHandler:
    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self.commands: dict[str, Command] = {
            "start": self._start,
            "help": self._help,
            "programme": self._programme,
            "program": self._programme,
            "now": self._now,
            "next": self._next,
            "workshops": self._workshops,
            "session": self._session,
            "lang": self._lang,
            "language": self._lang,
            "faq": self._faq,
            "faq-none": self._faq_none,
            "unanswered": self._unanswered,
            **agenda.COMMANDS,
            **broadcast.COMMANDS,
            **organiser.COMMANDS,
        }

    async def handle(self, message: Incoming) -> list[Reply]:
        """The replies to one message; raises AlreadyHandled for an update handled before.

        The update id is recorded in the same transaction as everything the turn writes: one
        commit per update, and a turn that fails leaves no record that it was handled.
        """
        deps = self.deps
        now = deps.clock()
        async with deps.sessionmaker.begin() as db:
            if message.update_id is not None and not await queries.record_update(
                db, channel=message.channel, update_id=message.update_id, now=now
            ):
                raise AlreadyHandled(f"{message.channel}:{message.update_id}")
            text = clean_input(message.payload or message.text or "")
            detected = detect(None if text.startswith("/") else text)
            hint, default = message.language_hint, deps.default_language
            delegate, created = await queries.touch_delegate(
                db,
                channel=message.channel,
                user_id=message.user_id,
                display_name=clean_input(message.display_name),
                language=choose(detected, None, hint, default),  # a first contact's
                now=now,
            )
            if created:
                deps.agendas.prime(delegate.id)
            lang = choose(detected, delegate.language, hint, default)
            if delegate.language is None:
                delegate.language = lang
            turn = Turn(deps, db, delegate, lang, now, message)
            if message.event is Event.UNFOLLOW:
                delegate.active = False
                return []
            if message.event is Event.FOLLOW:
                return await self._start(turn, "")
            if message.event is Event.UNSUPPORTED or not text:
                return [self._reply(turn, ReplyKind.HELP, "unsupported-message", self._menu(turn))]
            if text.startswith("/"):
                return await self._command(turn, text)
            return await self._free_text(turn, text)

    async def _command(self, turn: Turn, text: str) -> list[Reply]:
        name, _, argument = text[1:].partition(" ")
        name = name.split("@", 1)[0].lower()  # Telegram groups send /cmd@botname
        command = self.commands.get(name)
        if command is None:
            return [
                Reply(
                    ReplyKind.ERROR,
                    self.deps.t(turn.lang, "unknown-command", command=f"/{name[:32]}"),
                    turn.lang,
                    buttons=self._menu(turn),
                )
            ]
        return await command(turn, argument.strip())

    async def _free_text(self, turn: Turn, text: str) -> list[Reply]:
        flow = await broadcast.state_of(turn)
        if flow is not None:  # an organiser is writing a broadcast: this is its next step
            return await broadcast.step(turn, flow, text)
        programme = await turn.programme()
        today = local_day(self.deps, turn.now)
        intent = intents.parse(text, self.deps.conference.tracks, today, programme.days(self.deps))
        if intent is not None:
            return [self._schedule(turn, programme, intent)]
        matcher = await self.deps.faq.matcher(turn.db)
        match = matcher.match(text, turn.lang)
        if match.outcome is Outcome.ANSWER and match.best is not None:
            return [faq_replies.answer(self.deps, turn.lang, matcher, match.best)]
        found = schedule.search_sessions(text, programme)
        if found:
            return [schedule.search_reply(self.deps, turn.lang, programme, found)]
        candidates = [c.entry.id for c in match.candidates[:3]]
        if match.outcome is Outcome.CLARIFY:
            pending = await self._record(turn, text, "clarify", candidates)
            suggestions = matcher.suggestions(match)
            return [faq_replies.clarify(self.deps, turn.lang, suggestions, pending.id)]
        await self._record(turn, text, "fallback", candidates)
        return [self._fallback(turn)]

    async def _record(
        self, turn: Turn, text: str, reason: str, candidates: list[str]
    ) -> UnansweredQuestion:
        return await faq_store.record_unanswered(
            turn.db,
            delegate_id=turn.delegate.id,
            channel=turn.message.channel,
            language=turn.lang,
            text=text,
            reason=reason,
            candidates=candidates,
            now=turn.now,
        )

    def _fallback(self, turn: Turn) -> Reply:
        return self._reply(turn, ReplyKind.FALLBACK, "fallback", self._menu(turn))

    def _schedule(self, turn: Turn, programme: Programme, intent: intents.ScheduleIntent) -> Reply:
        deps, lang = self.deps, turn.lang
        if not programme.sessions:
            return schedule.empty_programme(deps, lang)
        match intent.kind:
            case intents.IntentKind.NOW:
                return schedule.now_reply(deps, lang, programme, turn.now)
            case intents.IntentKind.NEXT:
                return schedule.next_reply(deps, lang, programme, turn.now)
            case intents.IntentKind.TRACK:
                assert intent.track is not None
                return schedule.track_reply(deps, lang, programme, intent.track, intent.day)
            case intents.IntentKind.DAY:
                assert intent.day is not None
                return schedule.day_reply(deps, lang, programme, intent.day)
            case intents.IntentKind.VENUE:
                return schedule.venue_reply(deps, lang, programme)
            case _:
                return schedule.overview(deps, lang, programme, turn.now)

    def _reply(
        self, turn: Turn, kind: ReplyKind, message_id: str, buttons: tuple[Button, ...] = ()
    ) -> Reply:
        return Reply(kind, self.deps.t(turn.lang, message_id), turn.lang, buttons=buttons)

    def _menu(self, turn: Turn) -> tuple[Button, ...]:
        t, lang = self.deps.t, turn.lang
        return (
            Button(t(lang, "button-programme"), "/programme"),
            Button(t(lang, "button-now"), "/now"),
            Button(t(lang, "button-next"), "/next"),
            Button(t(lang, "button-workshops"), "/workshops"),
            Button(t(lang, "button-faq-topics"), "/faq"),
            Button(t(lang, "button-language"), "/lang"),
            Button(t(lang, "button-help"), "/help"),
        )

    async def _start(self, turn: Turn, _argument: str) -> list[Reply]:
        deps, lang = self.deps, turn.lang
        programme = await turn.programme()
        welcome = deps.t(
            lang,
            "welcome",
            name=turn.delegate.display_name or "",
            conference=deps.conference.name.get(lang),
            city=deps.conference.city.get(lang),
        )
        status = schedule.overview(deps, lang, programme, turn.now)
        return [
            Reply(ReplyKind.HELP, welcome, lang, buttons=self._menu(turn)),
            status,
        ]

    async def _help(self, turn: Turn, _argument: str) -> list[Reply]:
        return [self._reply(turn, ReplyKind.HELP, "help", self._menu(turn))]

    async def _programme(self, turn: Turn, argument: str) -> list[Reply]:
        programme = await turn.programme()
        if not programme.sessions:
            return [schedule.empty_programme(self.deps, turn.lang)]
        if not argument:
            return [schedule.overview(self.deps, turn.lang, programme, turn.now)]
        today = local_day(self.deps, turn.now)
        day = intents.parse_day(argument, today, programme.days(self.deps))
        if day is None:
            return [
                Reply(
                    ReplyKind.ERROR,
                    self.deps.t(turn.lang, "programme-bad-day", day=argument[:40]),
                    turn.lang,
                    buttons=schedule.day_buttons(self.deps, turn.lang, programme),
                )
            ]
        return [schedule.day_reply(self.deps, turn.lang, programme, day)]

    async def _now(self, turn: Turn, _argument: str) -> list[Reply]:
        programme = await turn.programme()
        if not programme.sessions:
            return [schedule.empty_programme(self.deps, turn.lang)]
        return [schedule.now_reply(self.deps, turn.lang, programme, turn.now)]

    async def _next(self, turn: Turn, _argument: str) -> list[Reply]:
        programme = await turn.programme()
        if not programme.sessions:
            return [schedule.empty_programme(self.deps, turn.lang)]
        return [schedule.next_reply(self.deps, turn.lang, programme, turn.now)]

    async def _workshops(self, turn: Turn, _argument: str) -> list[Reply]:
        programme = await turn.programme()
        return [schedule.workshops_reply(self.deps, turn.lang, programme)]

    async def _session(self, turn: Turn, argument: str) -> list[Reply]:
        programme = await turn.programme()
        session = next((s for s in programme.sessions if s.id == argument), None)
        if session is None:
            return [
                Reply(
                    ReplyKind.ERROR,
                    self.deps.t(turn.lang, "session-unknown", id=argument[:64]),
                    turn.lang,
                    buttons=(Button(self.deps.t(turn.lang, "button-programme"), "/programme"),),
                )
            ]
        return [schedule.session_reply(self.deps, turn.lang, programme, session)]

    async def _lang(self, turn: Turn, argument: str) -> list[Reply]:
        chosen = normalise_hint(argument)
        if chosen is None:
            buttons = tuple(Button(LANGUAGE_NAMES[code], f"/lang {code}") for code in SUPPORTED)
            return [self._reply(turn, ReplyKind.LANGUAGE, "language-choose", buttons)]
        turn.delegate.language = chosen
        turn.lang = chosen
        queries.audit(
            turn.db,
            actor=turn.actor,
            action="delegate.language",
            now=turn.now,
            language=chosen,
        )
        return [self._reply(turn, ReplyKind.LANGUAGE, "language-set", self._menu(turn))]

    async def _faq(self, turn: Turn, argument: str) -> list[Reply]:
        matcher = await self.deps.faq.matcher(turn.db)
        if not argument:
            return [faq_replies.topic_menu(self.deps, turn.lang, matcher)]
        if argument.startswith("topic:"):
            topic, _, page = argument.removeprefix("topic:").partition(" ")
            number = int(page) if page.strip().isdigit() else 1
            return [faq_replies.topic_page(self.deps, turn.lang, matcher, topic.strip(), number)]
        entry = matcher.by_id.get(argument)
        if entry is None:
            return [faq_replies.topic_menu(self.deps, turn.lang, matcher, "faq-unknown-entry")]
        return [faq_replies.answer(self.deps, turn.lang, matcher, entry)]

    async def _faq_none(self, turn: Turn, argument: str) -> list[Reply]:
        """ "None of these": the question becomes an unanswered one for the organisers."""
        row = await turn.db.get(UnansweredQuestion, int(argument)) if argument.isdigit() else None
        if row is not None and row.delegate_id == turn.delegate.id and row.reason == "clarify":
            row.reason = "none"
        matcher = await self.deps.faq.matcher(turn.db)
        return [faq_replies.topic_menu(self.deps, turn.lang, matcher, "faq-none-noted")]

    async def _unanswered(self, turn: Turn, _argument: str) -> list[Reply]:
        if not turn.is_organiser:
            return [turn.refuse("unanswered")]
        matcher = await self.deps.faq.matcher(turn.db)
        rows = await faq_store.unanswered(turn.db)
        groups = group_questions(rows, matcher.normal_form)
        if not groups:
            return [self._reply(turn, ReplyKind.HELP, "unanswered-none")]
        lines = [self.deps.t(turn.lang, "unanswered-heading", count=len(rows), groups=len(groups))]
        for group in groups[:15]:
            languages = ", ".join(f"{k} {v}" for k, v in sorted(group.languages.items()))
            lines.append(
                self.deps.t(
                    turn.lang,
                    "unanswered-line",
                    count=group.count,
                    languages=languages,
                    example=group.examples[0][:120],
                )
            )
        return [Reply(ReplyKind.HELP, "\n".join(lines), turn.lang)]
