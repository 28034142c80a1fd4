"""FAQ answers, "did you mean", the topic menu and the honest fallback."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.core.messages import Button, Reply, ReplyKind
from handlers.deps import Deps
from handlers.faq.matcher import FaqEntry, FaqMatcher

TOPICS = ("theme", "history", "sdgs", "workshops", "topics", "practical")
PAGE = 10  # LINE quick replies hold 13 items: a page of entries, "more" and "back" fit


def answer(deps: Deps, lang: str, matcher: FaqMatcher, entry: FaqEntry) -> Reply:
    related = [matcher.by_id[r] for r in entry.related if r in matcher.by_id]
    buttons = tuple(Button(e.title.get(lang), f"/faq {e.id}") for e in related[:3])
    buttons += (Button(deps.t(lang, "button-faq"), "/faq"),)
    return Reply(
        ReplyKind.FAQ,
        entry.answer.get(lang),
        lang,
        buttons=buttons,
        extra={"faq_id": entry.id},
    )


def clarify(deps: Deps, lang: str, suggestions: Sequence[FaqEntry], pending_id: int) -> Reply:
    buttons = tuple(Button(e.title.get(lang), f"/faq {e.id}") for e in suggestions)
    buttons += (Button(deps.t(lang, "button-none-of-these"), f"/faq-none {pending_id}"),)
    return Reply(ReplyKind.CLARIFY, deps.t(lang, "faq-did-you-mean"), lang, buttons=buttons)


def topic_menu(deps: Deps, lang: str, matcher: FaqMatcher, heading: str = "faq-topics") -> Reply:
    present = {e.topic for e in matcher.entries}
    buttons = tuple(
        Button(deps.t(lang, f"faq-topic-{topic}"), f"/faq topic:{topic}")
        for topic in TOPICS
        if topic in present
    )
    return Reply(ReplyKind.HELP, deps.t(lang, heading), lang, buttons=buttons)


def topic_page(deps: Deps, lang: str, matcher: FaqMatcher, topic: str, page: int) -> Reply:
    entries = [e for e in matcher.entries if e.topic == topic]
    if not entries:
        return topic_menu(deps, lang, matcher)
    pages = max(1, -(-len(entries) // PAGE))
    page = min(max(page, 1), pages)
    shown = entries[(page - 1) * PAGE : page * PAGE]
    buttons = tuple(Button(e.title.get(lang), f"/faq {e.id}") for e in shown)
    if page < pages:
        buttons += (Button(deps.t(lang, "button-more"), f"/faq topic:{topic} {page + 1}"),)
    buttons += (Button(deps.t(lang, "button-faq"), "/faq"),)
    text = deps.t(lang, "faq-topic-heading", topic=deps.t(lang, f"faq-topic-{topic}"))
    return Reply(ReplyKind.HELP, text, lang, buttons=buttons)
