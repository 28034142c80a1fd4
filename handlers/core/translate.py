"""How features and channels get a text: a message id of the catalogues, in a language."""

from __future__ import annotations

from typing import Any, Protocol


class Translate(Protocol):
    def __call__(self, language: str, message_id: str, /, **args: Any) -> str: ...
