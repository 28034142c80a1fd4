"""Fluent catalogues: every user-facing string comes from `locales/{fr,ja,en}/*.ftl`."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fluent.runtime import FluentLocalization, FluentResourceLoader

from bot.paths import LOCALES_DIR
from bot.settings import SUPPORTED_LANGUAGES

log = logging.getLogger(__name__)


class Catalogues:
    """One FluentLocalization per language, each falling back to English, then French.

    Bidi isolation marks are off: Telegram and LINE would show them as stray characters.
    """

    def __init__(self, directory: Path = LOCALES_DIR) -> None:
        loader = FluentResourceLoader(str(directory / "{locale}"))
        files = sorted(p.name for p in (directory / "en").glob("*.ftl"))
        self._by_language = {
            lang: FluentLocalization(
                list(dict.fromkeys([lang, "en", "fr"])), files, loader, use_isolating=False
            )
            for lang in SUPPORTED_LANGUAGES
        }

    def __call__(self, language: str, message_id: str, /, **args: Any) -> str:
        localization = self._by_language.get(language) or self._by_language["fr"]
        text: str = localization.format_value(message_id, args)
        if text == message_id:
            log.error("missing message %s (%s)", message_id, language)
        return text
