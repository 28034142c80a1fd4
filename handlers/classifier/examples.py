"""The labelled example messages the classifier learns from: content/examples/*.yaml, each a
batch of messages written blind by people who never saw the bot's FAQ or rules (provenance at
the top of each file), with what a right answer is. Organisers may add their own."""

from __future__ import annotations

import logging
from pathlib import Path

from handlers.classifier.model import Example, Label
from handlers.core.yaml_files import YamlFileError, read_yaml_file

log = logging.getLogger(__name__)


class ExampleFileError(ValueError):
    pass


def read_examples(path: Path) -> list[Example]:
    """One file's examples: `items:`, each with `text:` and `expect:` (`faq:<id>`,
    `intent:<name>`, `offtopic` or `uncovered`); `covered_by: <id>` relabels an item whose
    gap an FAQ entry filled since it was written."""
    try:
        data = read_yaml_file(path)
    except YamlFileError as exc:
        raise ExampleFileError(str(exc)) from exc
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ExampleFileError(f"{path}: expected `items:` with a list of messages")
    examples = []
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise ExampleFileError(f"{path}: item {number} has no `text:`")
        covered = item.get("covered_by")
        try:
            label = Label.parse(f"faq:{covered}" if covered else str(item.get("expect", "")))
        except ValueError as exc:
            raise ExampleFileError(f"{path}: item {number}: {exc}") from exc
        examples.append(Example(item["text"], label))
    return examples


def load_examples(folder: Path) -> list[Example]:
    """Every *.yaml of the folder, in name order; a broken file is left out with a warning
    (the bot understands without it, a little less well), a missing folder gives none."""
    examples = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        try:
            examples.extend(read_examples(path))
        except ExampleFileError as exc:
            log.warning("example messages left out: %s", exc)
    return examples
