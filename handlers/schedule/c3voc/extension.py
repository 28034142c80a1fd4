"""What the c3voc format cannot say and confbot needs to read its own export back unchanged:
a session's confbot id, track code and status, and its title, room and description in every
language (c3voc has one title per event).

They are written where the schemas leave room: in schedule.json, under the free-form
`conference.meta`, as `meta.confbot.sessions[<event guid>]`; in schedule.xml, whose XSD allows
no other element or attribute, as a comment `<!-- confbot {…} -->` inside the event. Other
readers ignore both; an event without them is read from its c3voc fields alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from db.models import SessionStatus
from handlers.schedule.model import SessionRow

KEY = "confbot"
LANGUAGES = ("fr", "ja", "en")
LOCALISED = ("title", "room", "description")
_COMMENT = "confbot "
# Inside an XML comment "--" is forbidden and ElementTree writes <, > and & as entities, which
# a comment does not decode: JSON's own escapes carry them (only strings hold these characters).
_COMMENT_ESCAPES = str.maketrans({"-": "\\u002d", "<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


@dataclass(frozen=True)
class SessionExtras:
    id: str
    track: str
    status: SessionStatus
    localised: dict[str, dict[str, str]]  # "title" → {"fr": …, "ja": …}

    def text(self, name: str, language: str) -> str:
        return self.localised.get(name, {}).get(language, "")


def extras_of(row: SessionRow) -> dict[str, Any]:
    record: dict[str, Any] = {"id": row.id, "track": row.track, "status": row.status.value}
    for name in LOCALISED:
        values = {lang: getattr(row, f"{name}_{lang}") for lang in LANGUAGES}
        record[name] = {lang: text for lang, text in values.items() if text}
    return record


def parse_extras(value: Any) -> SessionExtras:
    """Raises ValueError saying what is wrong (the comment or meta entry was edited by hand)."""
    if not isinstance(value, dict):
        raise ValueError("confbot's data of this event is not an object")
    session_id, track, status = value.get("id"), value.get("track"), value.get("status")
    if not isinstance(session_id, str) or not isinstance(track, str):
        raise ValueError("confbot's data of this event has no id or track")
    try:
        parsed_status = SessionStatus(status or SessionStatus.CONFIRMED.value)
    except ValueError:
        raise ValueError(f"confbot's data of this event has an unknown status {status!r}") from None
    localised: dict[str, dict[str, str]] = {}
    for name in LOCALISED:
        texts = value.get(name) or {}
        if not isinstance(texts, dict) or not all(isinstance(t, str) for t in texts.values()):
            raise ValueError(f"confbot's data of this event: {name} is not texts by language")
        localised[name] = {lang: texts[lang] for lang in LANGUAGES if texts.get(lang)}
    return SessionExtras(session_id, track, parsed_status, localised)


def to_comment(record: dict[str, Any]) -> str:
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return f" {_COMMENT}{text.translate(_COMMENT_ESCAPES)} "


def from_comment(text: str) -> Any | None:
    """The record in a comment written by `to_comment`, None for any other comment; raises
    ValueError when it is confbot's but unreadable."""
    text = text.strip()
    if not text.startswith(_COMMENT):
        return None
    try:
        return json.loads(text[len(_COMMENT) :])
    except json.JSONDecodeError as exc:
        raise ValueError(f"confbot's comment in this event is not readable JSON: {exc}") from None
