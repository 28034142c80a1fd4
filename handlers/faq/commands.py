"""The FAQ in the conversation: /faq (topics, a topic's page, an entry), "none of these",
the organisers' /unanswered, and the free-text understanders: a sure answer first; then, after
the session search has had its turn, "did you mean" or the honest fallback."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from db.models import UnansweredQuestion, UnansweredReason
from handlers.core.commands import CommandRegistry, Menu
from handlers.core.messages import Button, Reply, ReplyKind
from handlers.core.turn import Turn
from handlers.core.understanding import Outcome as Understood
from handlers.faq import replies
from handlers.faq.matcher import FaqEntry, FaqMatcher, Match, Outcome
from handlers.faq.store import record_unanswered
from handlers.faq.unanswered import unanswered_groups

MATCH = "faq.match"  # the turn's memo: the matcher's verdict on the text, computed once


async def _matched(turn: Turn, text: str) -> tuple[FaqMatcher, Match]:
    if MATCH not in turn.memo:
        matcher = await turn.deps.faq.matcher(turn.db)
        turn.memo[MATCH] = (matcher, matcher.match(text, turn.lang))
    found: tuple[FaqMatcher, Match] = turn.memo[MATCH]
    return found


async def answer(turn: Turn, text: str) -> list[Reply] | None:
    """An entry the matcher is sure of."""
    matcher, match = await _matched(turn, text)
    if match.outcome is Outcome.ANSWER and match.best is not None:
        return _answered(turn, matcher, match.best)
    return None


def _answered(turn: Turn, matcher: FaqMatcher, entry: FaqEntry) -> list[Reply]:
    turn.understood_as("faq", entry.id)
    return [replies.answer(turn.deps, turn.lang, matcher, entry)]


async def answer_entry(turn: Turn, entry_id: str) -> list[Reply] | None:
    """An entry named by someone else than the matcher (the classifier); None if it is not
    served any more."""
    matcher = await turn.deps.faq.matcher(turn.db)
    entry = matcher.by_id.get(entry_id)
    return None if entry is None else _answered(turn, matcher, entry)


async def keep_question(
    turn: Turn, text: str, reason: UnansweredReason, candidates: Sequence[str] = ()
) -> int:
    """Keeps the turn's question for the organisers, as the delegate typed it; its id, which
    "none of these" and "something else?" refer to."""
    return await record_unanswered(
        turn.db,
        delegate_id=turn.delegate.id,
        channel=turn.message.channel,
        language=turn.lang,
        text=turn.said or text,
        reason=reason,
        candidates=candidates,
        now=turn.now,
    )


def _answered_with_doubt(turn: Turn, matcher: FaqMatcher, entry: FaqEntry, pending: int) -> Reply:
    """The entry's answer, with "something else?" under it, which passes the question kept as
    `pending` to the organisers."""
    turn.understood_as("faq", entry.id)
    reply = replies.answer(turn.deps, turn.lang, matcher, entry)
    other = Button(turn.t("button-not-this"), f"/faq-none {pending}")
    more = 1 if reply.buttons and reply.buttons[0].payload.endswith(" more") else 0
    buttons = (*reply.buttons[:more], other, *reply.buttons[more:])
    return dataclasses.replace(reply, buttons=buttons)


async def answer_doubtful(turn: Turn, text: str, entry_id: str) -> list[Reply] | None:
    """An entry someone else than the matcher thinks likely (the classifier, fairly sure),
    answered as the matcher answers its one plausible entry: with "something else?", the
    question kept until the delegate says the answer was not it. None if it is not served."""
    matcher = await turn.deps.faq.matcher(turn.db)
    entry = matcher.by_id.get(entry_id)
    if entry is None:
        return None
    pending = await keep_question(turn, text, UnansweredReason.CLARIFY, [entry.id])
    return [_answered_with_doubt(turn, matcher, entry, pending)]


async def clarify_or_fallback(turn: Turn, text: str) -> list[Reply]:
    """The end of the chain: "did you mean" when some entries are close, else the fallback;
    either way the question is kept for the organisers."""
    matcher, match = await _matched(turn, text)
    candidates = [c.entry.id for c in match.candidates[:3]]
    reason = (
        UnansweredReason.CLARIFY if match.outcome is Outcome.CLARIFY else UnansweredReason.FALLBACK
    )
    pending = await keep_question(turn, text, reason, candidates)
    if reason is UnansweredReason.CLARIFY:
        suggestions = matcher.suggestions(match)
        if len(suggestions) == 1:
            # One plausible entry: answered (a "did you mean" with a single choice costs a tap
            # for nothing), with a way to say it was not the question.
            return [_answered_with_doubt(turn, matcher, suggestions[0], pending)]
        offered = tuple(e.id for e in suggestions)
        turn.understood_as("faq", offered[0], Understood.CLARIFIED, offered)
        return [replies.clarify(turn.deps, turn.lang, suggestions, pending)]
    turn.understood_as("", outcome=Understood.FALLBACK)
    return [turn.reply(ReplyKind.FALLBACK, "fallback", turn.menu())]


async def faq(turn: Turn, argument: str) -> list[Reply]:
    deps, lang = turn.deps, turn.lang
    matcher = await deps.faq.matcher(turn.db)
    if not argument:
        return [replies.topic_menu(deps, lang, matcher)]
    if argument.startswith("topic:"):
        topic, _, page = argument.removeprefix("topic:").partition(" ")
        number = int(page) if page.strip().isdigit() else 1
        return [replies.topic_page(deps, lang, matcher, topic.strip(), number)]
    entry_id, _, more = argument.partition(" ")
    entry = matcher.by_id.get(entry_id)
    if entry is None:
        return [replies.topic_menu(deps, lang, matcher, "faq-unknown-entry")]
    return [replies.answer(deps, lang, matcher, entry, rest=more == "more")]


async def none_of_these(turn: Turn, argument: str) -> list[Reply]:
    """ "None of these": the question becomes an unanswered one for the organisers."""
    row = await turn.db.get(UnansweredQuestion, int(argument)) if argument.isdigit() else None
    if (
        row is not None
        and row.delegate_id == turn.delegate.id
        and row.reason is UnansweredReason.CLARIFY
    ):
        row.reason = UnansweredReason.NONE
    matcher = await turn.deps.faq.matcher(turn.db)
    return [replies.topic_menu(turn.deps, turn.lang, matcher, "faq-none-noted")]


async def unanswered(turn: Turn, _argument: str) -> list[Reply]:
    total, groups = await unanswered_groups(turn.db, turn.deps.faq)
    if not groups:
        return [turn.reply(ReplyKind.HELP, "unanswered-none")]
    lines = [turn.t("unanswered-heading", count=total, groups=len(groups))]
    for group in groups[:15]:
        languages = ", ".join(f"{k} {v}" for k, v in sorted(group.languages.items()))
        lines.append(
            turn.t(
                "unanswered-line",
                count=group.count,
                languages=languages,
                example=group.examples[0][:120],
            )
        )
    return [Reply(ReplyKind.HELP, "\n".join(lines), turn.lang)]


def register(commands: CommandRegistry) -> None:
    commands.command(
        "faq",
        menu=Menu.BUTTONS | Menu.HELP | Menu.CHAT_MENU | Menu.RICH_MENU,
        position=50,
        public=True,
    )(faq)
    commands.command("faq-none")(none_of_these)
    commands.command("unanswered", organisers_only=True, menu=Menu.HELP, position=95)(unanswered)
