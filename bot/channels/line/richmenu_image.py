"""Draws the LINE rich menu images content/richmenu/{fr,ja,en}.png from the catalogues.

    python -m bot.channels.line.richmenu_image [--font PATH] [--output-dir DIR]

Needs Pillow (dev dependency) and a CJK font from a system package: Debian's fonts-noto-cjk
(`apt-get install fonts-noto-cjk`), else fonts-ipafont-gothic. The PNGs are committed, so that
neither CI nor deployment needs the font; run this again after changing a `richmenu-*` message.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from bot.channels.line.channel import RICH_MENU_LANGUAGES
from bot.channels.line.richmenu import HEIGHT, WIDTH, language_halves, tile_bounds, tiles
from bot.fonts import MISSING, find_cjk_font
from bot.i18n import Catalogues
from bot.paths import CONTENT_DIR
from handlers import features
from handlers.welcome.commands import LANGUAGE_NAMES

BACKGROUND = "#F4F1EA"
INK = "#FFFFFF"
# Tile colours: the conference's plenary blue and the workshop colours of content/tracks.yaml.
COLOURS = {
    "programme": "#1F3A93",
    "now": "#C0392B",
    "workshops": "#27AE60",
    "faq": "#E67E22",
    "agenda": "#8E44AD",
    "language": "#34495E",
}
DEFAULT_COLOUR = "#5D6D7E"  # a tile of a command added later, until it gets a colour
GAP = 12  # px between tiles

Draw = ImageDraw.ImageDraw
Icon = Callable[[Draw, float, float, float], None]


def find_font(explicit: str | None) -> tuple[str, int]:
    found = find_cjk_font(explicit)
    if found is None:
        raise SystemExit(MISSING)
    return found


# --------------------------------------------------------------------------- icons (white)
# Each draws in a square of side `s` centred on (cx, cy).


def _calendar(d: Draw, cx: float, cy: float, s: float) -> None:
    left, top, right, bottom = cx - s / 2, cy - s / 2 + s * 0.08, cx + s / 2, cy + s / 2
    w = max(6, int(s * 0.06))
    d.rounded_rectangle((left, top, right, bottom), radius=s * 0.1, outline=INK, width=w)
    d.rectangle((left, top, right, top + s * 0.22), fill=INK)
    for x in (cx - s * 0.22, cx + s * 0.22):
        d.rounded_rectangle((x - w, top - s * 0.12, x + w, top + s * 0.06), radius=w, fill=INK)
    for row in range(2):
        for col in range(3):
            x = left + s * (0.2 + 0.3 * col)
            y = top + s * (0.38 + 0.24 * row)
            d.rectangle((x - s * 0.06, y - s * 0.05, x + s * 0.06, y + s * 0.05), fill=INK)


def _clock(d: Draw, cx: float, cy: float, s: float) -> None:
    r, w = s / 2, max(6, int(s * 0.07))
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=INK, width=w)
    d.line((cx, cy, cx, cy - r * 0.65), fill=INK, width=w)
    d.line((cx, cy, cx + r * 0.45, cy + r * 0.25), fill=INK, width=w)
    d.ellipse((cx - w, cy - w, cx + w, cy + w), fill=INK)


def _people(d: Draw, cx: float, cy: float, s: float) -> None:
    for dx, scale in ((-0.32, 0.8), (0.32, 0.8), (0.0, 1.0)):
        x, k = cx + dx * s, scale * s
        head = k * 0.16
        d.ellipse((x - head, cy - k * 0.42 - head, x + head, cy - k * 0.42 + head), fill=INK)
        d.pieslice((x - k * 0.3, cy - k * 0.18, x + k * 0.3, cy + k * 0.42), 180, 360, fill=INK)
        d.rectangle((x - k * 0.3, cy + k * 0.12, x + k * 0.3, cy + k * 0.3), fill=INK)


def _question(d: Draw, cx: float, cy: float, s: float, font: ImageFont.FreeTypeFont) -> None:
    w = max(6, int(s * 0.07))
    d.rounded_rectangle(
        (cx - s / 2, cy - s * 0.42, cx + s / 2, cy + s * 0.3), radius=s * 0.18, outline=INK, width=w
    )
    d.polygon(
        [
            (cx - s * 0.2, cy + s * 0.28),
            (cx - s * 0.3, cy + s * 0.5),
            (cx + s * 0.02, cy + s * 0.28),
        ],
        fill=INK,
    )
    d.text((cx, cy - s * 0.06), "?", font=font, fill=INK, anchor="mm")


def _star(d: Draw, cx: float, cy: float, s: float) -> None:
    points = []
    for i in range(10):
        radius = s / 2 if i % 2 == 0 else s * 0.2
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    d.polygon(points, fill=INK)


def _globe(d: Draw, cx: float, cy: float, s: float) -> None:
    r, w = s / 2, max(6, int(s * 0.06))
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=INK, width=w)
    d.ellipse((cx - r * 0.45, cy - r, cx + r * 0.45, cy + r), outline=INK, width=w)
    d.line((cx - r, cy, cx + r, cy), fill=INK, width=w)
    for dy in (-0.5, 0.5):
        half = r * math.sqrt(1 - dy * dy)
        d.line((cx - half, cy + dy * r, cx + half, cy + dy * r), fill=INK, width=w)


def _fit_font(
    d: Draw, text: str, path: str, index: int, size: int, max_width: float
) -> ImageFont.FreeTypeFont:
    while True:
        font = ImageFont.truetype(path, size, index=index)
        if d.textlength(text, font=font) <= max_width or size <= 40:
            return font
        size -= 4


def draw(language: str, font_path: str, font_index: int) -> Image.Image:
    t = Catalogues()
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    d = ImageDraw.Draw(image)
    mark = ImageFont.truetype(font_path, 150, index=font_index)
    shown = tiles(features.command_registry())
    for index, tile in enumerate(shown):
        x, y, w, h = tile_bounds(index, len(shown))
        colour = COLOURS.get(tile.key, DEFAULT_COLOUR)
        if tile.key == "language":
            _language_tile(d, (x, y, w, h), language, colour, font_path, font_index)
            continue
        box = (x + GAP, y + GAP, x + w - GAP, y + h - GAP)
        d.rounded_rectangle(box, radius=36, fill=colour)
        cx, icon_cy, size = x + w / 2, y + h * 0.36, h * 0.34
        label = t(language, f"richmenu-{tile.key}")
        icons: dict[str, Icon] = {
            "programme": _calendar,
            "now": _clock,
            "workshops": _people,
            "agenda": _star,
        }
        if tile.key == "faq":
            _question(d, cx, icon_cy, size, mark)
        else:
            icons.get(tile.key, _star)(d, cx, icon_cy, size)
        font = _fit_font(d, label, font_path, font_index, 116, w - 100)
        d.text((cx, y + h * 0.72), label, font=font, fill=INK, anchor="mm")
    return image


def _language_tile(
    d: Draw,
    bounds: tuple[int, int, int, int],
    language: str,
    colour: str,
    font_path: str,
    font_index: int,
) -> None:
    """One band per other language, each named in itself ("日本語", "English") beside a globe:
    the bands are the tile's two tap areas (richmenu.language_halves)."""
    for target, (x, y, w, h) in language_halves(bounds, language):
        box = (x + GAP, y + GAP, x + w - GAP, y + h - GAP)
        d.rounded_rectangle(box, radius=36, fill=colour)
        label = LANGUAGE_NAMES[target]
        font = _fit_font(d, label, font_path, font_index, 104, w - 300)
        size = h * 0.42
        text_width = d.textlength(label, font=font)
        left = x + (w - (size + 40 + text_width)) / 2
        _globe(d, left + size / 2, y + h / 2, size)
        d.text((left + size + 40, y + h / 2), label, font=font, fill=INK, anchor="lm")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--font", help="a TrueType/OpenType font with Japanese glyphs")
    parser.add_argument("--output-dir", type=Path, default=CONTENT_DIR / "richmenu")
    args = parser.parse_args(argv)
    font_path, font_index = find_font(args.font)
    args.output_dir.mkdir(parents=True, exist_ok=True)
    for language in RICH_MENU_LANGUAGES:
        path = args.output_dir / f"{language}.png"
        draw(language, font_path, font_index).save(path, optimize=True)
        size = path.stat().st_size
        print(f"{path}: {WIDTH}x{HEIGHT}, {size // 1024} KiB")
        if size > 1024 * 1024:  # LINE refuses rich menu images over 1 MB
            print(f"{path} is over 1 MB: LINE will refuse it", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
