"""YAML as organisers' files are read: safe types only, no anchors or aliases (a programme or
an FAQ needs none, and nested aliases expand exponentially, the "billion laughs"), no key
written twice in one mapping (plain YAML keeps the last and silently drops the first: a second
`fr:` list of keywords had replaced the first in the bundled FAQ), and a size past which a file
is refused before it is parsed."""

from __future__ import annotations

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
