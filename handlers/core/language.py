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
        *"""
        voudrais veux peux pouvez pourriez merci bonsoir salut svp stp ce cette ces cet celui
        celle ça avec sans chez entre vers après avant pendant depuis jusqu alors donc mais
        aussi encore déjà très plus moins tout tous toute toutes rien quelque quelques autre
        autres même aucun aucune leur leurs notre nos votre vos son sa ses ton ta tes ai as
        avons avez ont suis es sommes êtes était été être avoir fait faire dire voir aller venir
        savoir pouvoir vouloir falloir faut où quoi combien lequel laquelle lesquels visite
        visites réception accueil déjeuner dîner salle plénière langue anglais japonais français
        rappel rappels paramètres supprimer effacer données mot passe
        """.split(),
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
        *"""
        there any please thanks thank hi hey good morning evening night which whose whom this
        that these those was were been being be have has had will would could should may might
        must shall am get got give tell show find know want need like go going come see look
        help about after before from into onto over under again also only just very much many
        more most some all each every other what's where's when's who's how's it's i'm i'd i'll
        you're don't doesn't can't won't isn't aren't password wifi building hall speaker
        speakers talk talks panel ceremony opening closing reception dinner lunch break free
        price ticket tickets register registration fee city country japanese french english
        language translate programme program agenda reminder reminders remind settings delete
        erase data topics subject subjects available open close closed start starts end ends
        finish time times today tomorrow yesterday week
        """.split(),
    ]
)
_WORD = re.compile(r"[a-zà-ÿœæ'-]+")


def normalise_hint(code: str | None) -> str | None:
    """Maps a platform code such as 'fr-FR', 'ja' or 'en_US' to a supported language."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in SUPPORTED else None


def is_latin_word(word: str) -> bool:
    """A common French or English word (so not Japanese typed in romaji)."""
    return word in _FRENCH_WORDS or word in _ENGLISH_WORDS


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
