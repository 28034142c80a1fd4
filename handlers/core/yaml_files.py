"""YAML as organisers' files are read: safe types only, no anchors or aliases (a programme or
an FAQ needs none, and nested aliases expand exponentially, the "billion laughs"), and a size
past which a file is refused before it is parsed."""

from __future__ import annotations

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
