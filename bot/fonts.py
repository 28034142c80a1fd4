"""Where a font with Japanese glyphs is on this machine, for what the bot draws (the LINE rich
menus, the QR cards): Debian's fonts-noto-cjk (`apt-get install fonts-noto-cjk`), else
fonts-ipafont-gothic."""

from __future__ import annotations

from pathlib import Path

# (path, index in the collection): the Japanese face of each candidate, bold first.
CJK_FONTS = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
    ("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf", 0),
    ("/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf", 0),
    ("/usr/share/fonts/truetype/ipafont-gothic/ipagp.ttf", 0),
)
MISSING = (
    "No CJK font found: apt-get install fonts-noto-cjk (or fonts-ipafont-gothic), "
    "or pass --font PATH."
)


def find_cjk_font(explicit: str | None = None) -> tuple[str, int] | None:
    """The font to use: `explicit`, else the first candidate installed; None if there is none."""
    if explicit:
        return explicit, 0
    for path, index in CJK_FONTS:
        if Path(path).is_file():
            return path, index
    return None
