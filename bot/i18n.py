"""Fluent catalogues: every user-facing string comes from `locales/{fr,ja,en}/*.ftl`."""

from __future__ import annotations

import logging
from functools import lru_cache
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

    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or LOCALES_DIR
        loader = FluentResourceLoader(str(directory / "{locale}"))
        files = sorted(p.name for p in (directory / "en").glob("*.ftl"))
        self._by_language = {
            lang: FluentLocalization(
                list(dict.fromkeys([lang, "en", "fr"])), files, loader, use_isolating=False
            )
            for lang in SUPPORTED_LANGUAGES
        }

    def __call__(self, language: str, message_id: str, /, **args: Any) -> str:
        try:
            return self._cached(language, message_id, tuple(sorted(args.items())))
        except TypeError:  # an argument that cannot be a cache key
            return self._format(language, message_id, args)

    @lru_cache(maxsize=20_000)  # noqa: B019 - one Catalogues per process, kept for its lifetime
    def _cached(self, language: str, message_id: str, args: tuple[tuple[str, Any], ...]) -> str:
        # The same labels (days, times, buttons) are formatted again and again: a turn that
        # shows a day's programme formats some sixty messages.
        return self._format(language, message_id, dict(args))

    def _format(self, language: str, message_id: str, args: dict[str, Any]) -> str:
        localization = self._by_language.get(language) or self._by_language["fr"]
        text: str = localization.format_value(message_id, args)
        if text == message_id:
            log.error("missing message %s (%s)", message_id, language)
        return text
