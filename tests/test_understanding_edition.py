"""Wrong kanji are repaired towards the FAQ and programme the app serves: those organisers
store (an import, an edit), not the files bundled with the code. Through the conversation,
on the database."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

from bot.app import App
from handlers.core.homophones import Edition, repair
from handlers.faq.store import load_faq, replace_faq
from handlers.schedule.store import load_rows
from handlers.schedule.usecases import replace_programme
from tests.chat import Chat
from tests.conftest import FixedClock

# 市民協働 (citizens working with the town) is in no bundled text; the IME offers 市民共同 first.
COLLABORATION: dict[str, Any] = {
    "id": "topic-citizen-collaboration",
    "topic": "topics",
    "title": {"fr": "Co-construction citoyenne", "ja": "市民協働", "en": "Citizen collaboration"},
    "answer": {
        "fr": "Les projets menés avec les habitants relèvent de l'atelier 2 « Société ».",
        "ja": "住民と一緒に進める取組は第2分科会 社会で発表できます。",
        "en": "Projects run with residents belong to workshop 2, Society.",
    },
    "questions": {
        "fr": ["Où présenter un projet mené avec les habitants ?"],
        "ja": ["市民協働の取組はどの分科会ですか", "住民と進めるまちづくりの発表先は？"],
        "en": ["Where do we present a project run with residents?"],
    },
    "keywords": {"fr": ["co-construction"], "ja": ["市民協働"], "en": ["citizen collaboration"]},
}


async def served(app: App) -> Edition:
    """The edition the next message is read with."""
    async with app.sessionmaker() as db:
        return await app.deps.edition(db)


async def replace_faq_with(app: App, clock: FixedClock, entries: list[dict[str, Any]]) -> None:
    async with app.sessionmaker.begin() as db:
        await replace_faq(db, entries, actor="organiser", now=clock.now)


async def bundled_faq(app: App) -> list[dict[str, Any]]:
    async with app.sessionmaker() as db:
        return await load_faq(db)


async def test_a_keyword_of_the_imported_faq_is_repaired_towards(
    app: App, clock: FixedClock, ja: Chat
) -> None:
    asked = "市民共同の取組はどの分科会で発表できますか"
    assert repair(asked, await served(app)) == asked  # no such word in the bundled FAQ

    await replace_faq_with(app, clock, [*await bundled_faq(app), COLLABORATION])

    assert repair(asked, await served(app)) == "市民協働の取組はどの分科会で発表できますか"
    assert await ja.understood(asked) == ("faq", "topic-citizen-collaboration")


async def test_a_session_added_to_the_programme_is_repaired_towards(
    app: App, clock: FixedClock, ja: Chat
) -> None:
    asked = "里山再製の見学は何時から？"
    assert repair(asked, await served(app)) == asked
    async with app.sessionmaker.begin() as db:
        rows = await load_rows(db)
        visit = next(r for r in rows if r.id == "visit-asahata")
        added = dataclasses.replace(
            visit,
            id="visit-satoyama",
            starts_at=visit.starts_at + timedelta(days=1),
            ends_at=visit.ends_at + timedelta(days=1),
            title_ja="専門視察：里山再生の現場",
            title_fr="Visite professionnelle : restauration d'un satoyama",
            title_en="Professional visit: satoyama restoration",
        )
        await replace_programme(
            db, [*rows, added], source="tests", sample=False, actor="organiser", now=clock.now
        )

    assert repair(asked, await served(app)) == "里山再生の見学は何時から？"
    assert await ja.understood(asked) == ("schedule.search", "visit-satoyama")


async def test_a_word_the_faq_no_longer_has_is_no_longer_repaired_towards(
    app: App, clock: FixedClock, ja: Chat
) -> None:
    asked = "学校休職の取組はどの分科会ですか"
    assert repair(asked, await served(app)) == "学校給食の取組はどの分科会ですか"

    entries = [e for e in await bundled_faq(app) if e["id"] != "topic-school-meals"]
    await replace_faq_with(app, clock, entries)

    assert repair(asked, await served(app)) == asked


async def test_an_empty_edition_repairs_the_commands_words_alone(app: App) -> None:
    empty = Edition.of(())
    assert repair("分化会の時間", empty) == "分科会の時間"
    assert repair("朝畑の緑地へ行くバス", empty) == "朝畑の緑地へ行くバス"  # a programme name
    assert repair("朝畑の緑地へ行くバス", await served(app)) == "麻機の緑地へ行くバス"
