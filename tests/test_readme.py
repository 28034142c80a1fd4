"""The README stays true: every setting is in its table with its default."""

from __future__ import annotations

import re
from pathlib import Path

from bot.settings import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", README, flags=re.MULTILINE))
    expected = {name.upper() for name in Settings.model_fields}
    assert documented == expected


def test_two_setup_commands() -> None:
    setup = README.split("## Set up", 1)[1].split("##", 1)[0]
    commands = [
        line.split("#")[0].strip() for line in setup.splitlines() if line.startswith("make")
    ]
    assert commands == ["make run", "make test"]
