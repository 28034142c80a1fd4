"""Every reason a programme file is refused, and every warning of an import, can be said in each
language of the console."""

from __future__ import annotations

from fluent.syntax import FluentParser, ast

from bot.i18n import Catalogues
from bot.paths import LOCALES_DIR
from handlers.schedule.files import ProblemKind, WarningKind
from handlers.schedule.formats import ForeignFormat

LANGS = ("fr", "ja", "en")


def _ids(lang: str) -> set[str]:
    resource = FluentParser().parse((LOCALES_DIR / lang / "console.ftl").read_text("utf-8"))
    return {e.id.name for e in resource.body if isinstance(e, ast.Message)}


def test_each_problem_kind_has_its_text_in_every_language() -> None:
    for lang in LANGS:
        ids = _ids(lang)
        missing = {k.value for k in ProblemKind if f"programme-problem-{k.value}" not in ids}
        assert missing == set(), lang
        places = ("line", "row", "file", "column", "at")
        assert {f"programme-problem-{p}" for p in places} <= ids, lang


def test_each_warning_kind_has_its_text_in_every_language() -> None:
    for lang in LANGS:
        ids = _ids(lang)
        missing = {k.value for k in WarningKind if f"programme-warning-{k.value}" not in ids}
        assert missing == set(), lang


def test_each_unsupported_format_is_named_in_every_language() -> None:
    t = Catalogues()
    for lang in LANGS:
        texts = {
            t(lang, "programme-problem-unsupported-format", looks_like=f.value, value="<html>")
            for f in ForeignFormat
        }
        assert len(texts) == len(ForeignFormat), lang  # none falls back on another's text


def test_problem_texts_read_as_each_language_writes_them() -> None:
    t = Catalogues()
    place = t(
        "fr",
        "programme-problem-column",
        place=t("fr", "programme-problem-line", line="5"),
        column="start",
    )
    message = t("fr", "programme-problem-bad-time", value="25:00", expected="HH:MM")
    assert t("fr", "programme-problem-at", place=place, message=message) == (
        "ligne 5, colonne start : « 25:00 » n'est pas une heure au format HH:MM."
    )
    assert t("fr", "programme-problem-bad-date", value="2026-13-01", expected="YYYY-MM-DD") == (
        "« 2026-13-01 » n'est pas une date au format AAAA-MM-JJ."
    )
    place = t(
        "ja",
        "programme-problem-column",
        place=t("ja", "programme-problem-line", line="5"),
        column="start",
    )
    message = t("ja", "programme-problem-bad-time", value="25:00", expected="HH:MM")
    assert t("ja", "programme-problem-at", place=place, message=message) == (
        "5行目の「start」列：「25:00」は時刻（HH:MM）として読めません。"
    )
