"""YAML as organisers' files are read: safe types only, no anchors or aliases (a programme or
an FAQ needs none, and nested aliases expand exponentially, the "billion laughs"), no key
written twice in one mapping (plain YAML keeps the last and silently drops the first: a second
`fr:` list of keywords had replaced the first in the bundled FAQ), and a size past which a file
is refused before it is parsed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MAX_FILE = 5_000_000  # bytes: a programme of thousands of sessions or a large FAQ stays far below


class NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not accepted", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str | int) and key in seen:
                raise yaml.constructor.ConstructorError(
                    "in a mapping",
                    node.start_mark,
                    f"the key {key!r} is written twice",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class YamlFileError(ValueError):
    """A file that cannot be read as YAML: the message names the file and why."""


def read_yaml_file(path: Path) -> Any:
    """A file as the loader above reads it, refused past MAX_FILE before it is parsed."""
    try:
        if path.stat().st_size > MAX_FILE:
            raise YamlFileError(f"{path}: larger than {MAX_FILE // 1_000_000} MB")
        return yaml.load(path.read_text(encoding="utf-8"), Loader=NoAliasLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise YamlFileError(f"{path}: {exc}") from exc
