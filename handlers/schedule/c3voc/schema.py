"""Checking a schedule against the published c3voc schemas (JSON Schema draft 6 and XSD 1.0,
copied in `schema/`, source and licence in `schema/SOURCE.md`).

confbot's own exports must pass them. Imported files are checked too, but real pretalx and
frab exports often deviate in places confbot does not read (a hyphenated acronym, an extra
field): the importer reports these as warnings and refuses only what it cannot read.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import xmlschema
    from jsonschema import Draft6Validator


SCHEMA_DIR = Path(__file__).parent / "schema"
JSON_SCHEMA = SCHEMA_DIR / "schedule.schema.json"
XML_SCHEMA = SCHEMA_DIR / "schedule.xml.xsd"


# The validators are imported when first needed: jsonschema and xmlschema take about a fifth of
# a second to import, which every process would otherwise pay at start for a rare c3voc import.
@cache
def _json_validator() -> Draft6Validator:
    from jsonschema import Draft6Validator

    return Draft6Validator(json.loads(JSON_SCHEMA.read_text(encoding="utf-8")))


@cache
def _xml_schema() -> xmlschema.XMLSchema10:
    import xmlschema

    return xmlschema.XMLSchema10(str(XML_SCHEMA))


def json_deviations(document: Any) -> list[tuple[str, str]]:
    """Where a schedule.json departs from the schema: its JSON path and the validator's
    message (English), for each deviation."""
    errors = sorted(_json_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    return [(json_path(e.absolute_path), _short(e.message)) for e in errors]


def xml_deviations(root: ET.Element) -> list[tuple[str, str]]:
    """Where a schedule.xml departs from the XSD: the element's path and the validator's
    message (English), for each deviation."""
    return [
        (error.path or "/", _short(error.reason or str(error.message)))
        for error in _xml_schema().iter_errors(root)
    ]


def json_path(parts: Iterable[str | int]) -> str:
    """`$.schedule.conference.days[0].rooms["Salle Fuji"][2]`"""
    path = "$"
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.isidentifier():
            path += f".{part}"
        else:
            path += f"[{json.dumps(part, ensure_ascii=False)}]"
    return path


def _short(message: str) -> str:
    return message if len(message) <= 200 else message[:199] + "…"
