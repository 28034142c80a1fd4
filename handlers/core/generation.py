"""A counter of the writes this process made, for the caches it keeps."""

from __future__ import annotations


class Generation:
    """Counts the programme writes made by this process, so that its own caches need not ask
    the database whether something changed (other processes' writes: see programme_version)."""

    def __init__(self) -> None:
        self.value = 0

    def bump(self) -> None:
        self.value += 1
