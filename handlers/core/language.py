"""Which language to answer in."""

from __future__ import annotations

import re
import unicodedata

SUPPORTED = ("fr", "ja", "en")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f\u4e00-\u9fff\u3400-\u4dbf]")
_FRENCH_WORDS = frozenset(
    [
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "du",
        "de",
        "au",
        "aux",
        "et",
        "est",
        "sont",
        "quand",
        "où",
        "ou",
        "quel",
        "quelle",
        "quels",
        "quelles",
        "qui",
        "que",
        "quoi",
        "comment",
        "pourquoi",
        "je",
        "tu",
        "il",
        "nous",
        "vous",
        "ils",
        "sur",
        "dans",
        "avec",
        "pour",
        "pas",
        "programme",
        "atelier",
        "ateliers",
        "demain",
        "aujourd'hui",
        "salle",
        "bonjour",
        "merci",
        "c'est",
        "qu'est-ce",
        "jour",
        "séance",
        "rencontres",
        "lieu",
        "heure",
        "thème",
        "theme",
        "société",
        "societe",
        "économie",
        "economie",
        "environnement",
        "mon",
        "ma",
        "mes",
        "est-ce",
    ]
)
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "is",
        "are",
        "when",
        "where",
        "what",
        "which",
        "who",
        "how",
        "why",
        "i",
        "you",
        "it",
        "we",
        "they",
        "on",
        "in",
        "with",
        "for",
        "not",
        "schedule",
        "workshop",
        "workshops",
        "tomorrow",
        "today",
        "room",
        "hello",
        "thanks",
        "day",
        "session",
        "sessions",
        "meeting",
        "venue",
        "time",
        "theme",
        "society",
        "economy",
        "environment",
        "my",
        "me",
        "does",
        "do",
        "can",
    ]
)
_WORD = re.compile(r"[a-zà-ÿœæ'-]+")


def normalise_hint(code: str | None) -> str | None:
    """Maps a platform code such as 'fr-FR', 'ja' or 'en_US' to a supported language."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in SUPPORTED else None


def detect(text: str | None) -> str | None:
    """The language the text itself makes clear, or None when it does not."""
    if not text:
        return None
    if _JAPANESE.search(text):
        return "ja"
    lowered = unicodedata.normalize("NFC", text).casefold()
    if re.search(r"[àâçéèêëîïôûùüÿœ]", lowered):
        return "fr"
    words = _WORD.findall(lowered.replace("’", "'"))
    french = sum(1 for w in words if w in _FRENCH_WORDS or w.split("'")[0] in {"l", "d", "qu", "c"})
    english = sum(1 for w in words if w in _ENGLISH_WORDS)
    if french > english:
        return "fr"
    if english > french:
        return "en"
    return None


def choose(detected: str | None, stored: str | None, hint: str | None, default: str) -> str:
    """The reply language: what the message is written in (`detect`), then the delegate's
    stored choice, the platform's hint, the default."""
    return detected or stored or normalise_hint(hint) or default
