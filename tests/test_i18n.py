"""The three catalogues say the same things, and dates read as each language writes them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fluent.syntax import FluentParser, ast, visitor

from bot.i18n import Catalogues
from bot.paths import LOCALES_DIR
from handlers.core.conference import ConferenceInfo, Localised
from handlers.deps import Deps
from handlers.schedule.cards import day_label, when_label

LANGS = ("fr", "ja", "en")


class _Variables(visitor.Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)
        self.generic_visit(node)


def _messages(lang: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.ftl")):
        resource = FluentParser().parse(path.read_text(encoding="utf-8"))
        junk = [e for e in resource.body if isinstance(e, ast.Junk)]
        assert not junk, f"{path}: syntax error {junk[0].annotations}"
        for entry in resource.body:
            if isinstance(entry, ast.Message):
                assert entry.id.name not in found, f"{path}: {entry.id.name} defined twice"
                names = _Variables()
                names.visit(entry)
                found[entry.id.name] = names.names
    return found


def test_catalogues_have_the_same_ids_and_variables() -> None:
    catalogues = {lang: _messages(lang) for lang in LANGS}
    assert catalogues["fr"], "no messages found"
    for lang in ("ja", "en"):
        assert catalogues[lang].keys() == catalogues["fr"].keys(), lang
        for message_id, names in catalogues["fr"].items():
            assert catalogues[lang][message_id] == names, (lang, message_id)


def test_same_files_in_every_language() -> None:
    files = {lang: sorted(p.name for p in (LOCALES_DIR / lang).glob("*.ftl")) for lang in LANGS}
    assert files["fr"] == files["ja"] == files["en"]


def test_every_message_id_used_in_python_exists() -> None:
    import re

    ids = set(_messages("fr"))
    root = Path(__file__).resolve().parent.parent
    used: set[str] = set()
    for folder in ("bot", "handlers"):
        for path in (root / folder).rglob("*.py"):
            used |= set(re.findall(r"""\bt\(\s*[\w.]+,\s*["']([a-z0-9-]+)["']""", path.read_text()))
    assert used, "the scan found no message ids"
    assert used - ids == set()


@pytest.fixture
def deps() -> Deps:
    info = ConferenceInfo(1, Localised(), Localised(), Localised())
    return Deps(
        sessionmaker=None,  # type: ignore[arg-type]
        t=Catalogues(),
        clock=lambda: datetime.now(UTC),
        tz=ZoneInfo("Asia/Tokyo"),
        conference=info,
        faq=None,  # type: ignore[arg-type]
    )


def test_day_and_time_formats(deps: Deps) -> None:
    start = datetime(2024, 11, 20, 4, 30, tzinfo=UTC)  # 13:30 JST
    end = datetime(2024, 11, 20, 6, 0, tzinfo=UTC)
    assert when_label(deps, "ja", start, end) == "11月20日(水) 13:30〜15:00（JST）"
    assert when_label(deps, "fr", start, end) == "mer. 20 nov., 13 h 30–15 h 00 (JST)"
    assert when_label(deps, "en", start, end) == "Wed 20 Nov, 13:30–15:00 (JST)"
    assert day_label(deps, "ja", date(2024, 11, 18)) == "11月18日(月)"


def test_missing_message_shows_its_id_not_a_crash() -> None:
    assert Catalogues()("fr", "no-such-message") == "no-such-message"


def test_no_bidi_isolation_marks() -> None:
    text = Catalogues()("fr", "unknown-command", command="/x")
    assert "\u2068" not in text and "/x" in text
