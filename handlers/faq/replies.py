"""FAQ answers, "did you mean", the topic menu and the honest fallback."""

from __future__ import annotations

from collections.abc import Sequence

from handlers.core.messages import Button, Reply, ReplyKind
from handlers.deps import Deps
from handlers.faq.matcher import FaqEntry, FaqMatcher

TOPICS = ("theme", "history", "sdgs", "workshops", "topics", "practical")
PAGE = 10  # LINE quick replies hold 13 items: a page of entries, "more" and "back" fit


# A first message that reads on a phone without scrolling (characters; Japanese is denser);
# the rest comes with "read more". An answer at most a quarter longer is sent whole.
FIRST_PART = {"ja": 200, "fr": 400, "en": 400}
_BREAKS = ("\n", "。", ". ", "! ", "? ", "！", "？")


def split_answer(text: str, language: str) -> tuple[str, str]:
    """The answer's first part and the rest ("" when it is short), cut after a paragraph or a
    sentence."""
    limit = FIRST_PART.get(language, 400)
    if len(text) <= limit * 1.25:
        return text, ""
    window = text[: limit + 1]
    cut = max((window.rfind(mark) + len(mark) for mark in _BREAKS), default=-1)
    if cut < limit // 3:
        space = window.rfind(" ")
        cut = space if space > limit // 3 else limit
    return text[:cut].rstrip(), text[cut:].strip()


def answer(
    deps: Deps, lang: str, matcher: FaqMatcher, entry: FaqEntry, *, rest: bool = False
) -> Reply:
    """The entry's answer, its first part only when long (`rest`: the part after it)."""
    first, more = split_answer(entry.answer.get(lang), lang)
    related = [matcher.by_id[r] for r in entry.related if r in matcher.by_id]
    buttons = tuple(Button(e.title.get(lang), f"/faq {e.id}") for e in related[:3])
    buttons += (Button(deps.t(lang, "button-faq"), "/faq"),)
    if more and not rest:
        buttons = (Button(deps.t(lang, "button-read-more"), f"/faq {entry.id} more"), *buttons)
    return Reply(
        ReplyKind.FAQ,
        more if rest and more else first,
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
