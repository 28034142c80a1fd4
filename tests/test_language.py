from __future__ import annotations

import pytest

from handlers.core.language import choose, detect, normalise_hint


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("環境分科会は何時から？", "ja"),
        ("あしたのよてい", "ja"),
        ("ｴｺﾂｰﾘｽﾞﾑ", "ja"),
        ("Quand a lieu l'atelier environnement ?", "fr"),
        ("programme de demain", "fr"),
        ("ou est la salle", "fr"),
        ("When is the environment workshop?", "en"),
        ("tomorrow's schedule", "en"),
        ("DX", None),
        ("ok", None),
        ("", None),
    ],
)
def test_detect(text: str, expected: str | None) -> None:
    assert detect(text) == expected


def test_order_message_then_stored_then_hint_then_default() -> None:
    assert choose(detect("明日の予定"), "fr", "en", "fr") == "ja"
    assert choose(detect("ok"), "ja", "fr", "fr") == "ja"
    assert choose(detect("ok"), None, "en-US", "fr") == "en"
    assert choose(detect("ok"), None, "de", "fr") == "fr"
    assert choose(detect(None), None, None, "ja") == "ja"


def test_hint_normalisation() -> None:
    assert normalise_hint("ja-JP") == "ja"
    assert normalise_hint("fr_FR") == "fr"
    assert normalise_hint("zh-hans") is None
    assert normalise_hint(None) is None
