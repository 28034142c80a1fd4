"""Printable QR cards: a session's or a workshop's deep links as QR codes (Telegram and LINE,
side by side, each named under it), with the title in French and in Japanese underneath.

The card is drawn once, as SVG in millimetres (A6 landscape), with its text turned into
outlines from a CJK font (fontTools), so that it prints the same wherever it is opened; PNG
(300 dpi) and PDF are made from that SVG by CairoSVG. The QR codes are segno's, at error
correction level M or better, with their 4-module quiet zone.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import segno
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTCollection, TTFont

from db.models import ProgrammeSession
from handlers.core.conference import TrackInfo
from handlers.links.payloads import DeepLink, session_link, workshop_link
from handlers.links.urls import line_url, telegram_url

# A6 landscape, in millimetres: fits a poster corner, a table tent or the back of a badge.
WIDTH, HEIGHT, MARGIN = 148.0, 105.0, 8.0
TITLE_SIZE, LABEL_SIZE, LINE_HEIGHT = 5.0, 4.2, 1.3
MAX_TITLE_LINES = 2
DPI = 300
INK = "#000000"


class CardFormat(enum.StrEnum):
    PNG = "png"
    SVG = "svg"
    PDF = "pdf"


@dataclass(frozen=True)
class Code:
    label: str  # the platform's name, printed under its code
    url: str


@dataclass(frozen=True)
class Card:
    name: str  # the file's name, without the extension
    title_fr: str
    title_ja: str
    codes: tuple[Code, ...]


@dataclass(frozen=True)
class Platforms:
    """Where the codes lead: the bot's Telegram username and the LINE account's basic id
    (either may be empty, not both)."""

    telegram_username: str = ""
    line_basic_id: str = ""

    def codes(self, link: DeepLink) -> tuple[Code, ...]:
        codes = []
        if self.telegram_username:
            codes.append(Code("Telegram", telegram_url(self.telegram_username, link)))
        if self.line_basic_id:
            codes.append(Code("LINE", line_url(self.line_basic_id, link)))
        return tuple(codes)


def session_card(session: ProgrammeSession, platforms: Platforms) -> Card:
    return Card(
        f"session-{session.id}",
        session.title_fr or session.title_ja,
        session.title_ja or session.title_fr,
        platforms.codes(session_link(session.id)),
    )


def workshop_card(track: TrackInfo, platforms: Platforms, *, follow: bool = False) -> Card:
    return Card(
        f"{'follow' if follow else 'workshop'}-{track.code}",
        track.name.get("fr"),
        track.name.get("ja"),
        platforms.codes(workshop_link(track.code, follow=follow)),
    )


class Outlines:
    """Text as SVG path data, from one face of a font file (a .ttc collection or not)."""

    def __init__(self, path: Path, index: int = 0) -> None:
        if path.suffix.lower() in (".ttc", ".otc"):
            self.font: TTFont = TTCollection(str(path), lazy=True).fonts[index]
        else:
            self.font = TTFont(str(path), lazy=True)
        self.units = int(self.font["head"].unitsPerEm)

    @cached_property
    def _glyphs(self) -> Any:
        return self.font.getGlyphSet()

    @cached_property
    def _cmap(self) -> dict[int, str]:
        return dict(self.font.getBestCmap())

    def _glyph(self, char: str) -> str:
        return self._cmap.get(ord(char), ".notdef")

    def width(self, text: str, size: float) -> float:
        units = sum(int(self._glyphs[self._glyph(c)].width) for c in text)
        return units * size / self.units

    def path(self, text: str, x: float, baseline: float, size: float) -> str:
        """The outlines of `text` from (x, baseline), `size` mm high (the em)."""
        pen = SVGPathPen(self._glyphs, ntos=lambda n: f"{n:.3f}".rstrip("0").rstrip("."))
        scale = size / self.units
        for char in text:
            glyph = self._glyphs[self._glyph(char)]
            glyph.draw(TransformPen(pen, (scale, 0, 0, -scale, x, baseline)))
            x += glyph.width * scale
        return str(pen.getCommands())


# Where a line may break: around every CJK character, and at spaces; closing marks stay with
# what they close, opening ones with what they open (kinsoku, simply).
_UNITS = re.compile(
    r"[「『（(\[]*(?:[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]+)"
    r"[」』）)\]、。，．！？：・…]*|\s+"
)


def wrap(text: str, outlines: Outlines, size: float, width: float, lines: int) -> list[str]:
    """Greedy lines of at most `width` mm; the last one ends in "…" when text is left over."""
    out: list[str] = []
    current = ""
    units = _UNITS.findall(" ".join(text.split()))
    for index, unit in enumerate(units):
        candidate = current + unit
        if current and outlines.width(candidate.rstrip(), size) > width:
            out.append(current.rstrip())
            current = unit.lstrip()
            if len(out) == lines:
                rest = "".join(units[index:]).strip()
                return _ellipsised(out, rest, outlines, size, width)
        else:
            current = candidate
    if current.strip():
        out.append(current.strip())
    if len(out) > lines:
        return _ellipsised(out[:lines], " ".join(out[lines:]), outlines, size, width)
    return out


def _ellipsised(
    lines: list[str], rest: str, outlines: Outlines, size: float, width: float
) -> list[str]:
    if not rest:
        return lines
    last = lines[-1]
    while last and outlines.width(last + "…", size) > width:
        last = last[:-1]
    return [*lines[:-1], last.rstrip() + "…"]


def _qr_path(url: str, x: float, y: float, side: float) -> str:
    """The dark modules of `url`'s QR code, with its 4-module quiet zone, in a `side` square."""
    qr = segno.make(url, error="m", micro=False)
    matrix = [list(row) for row in qr.matrix]
    count = len(matrix) + 8
    module = side / count
    parts = []
    for r, row in enumerate(matrix):
        for start, length in _runs(row):
            left, top = x + (start + 4) * module, y + (r + 4) * module
            parts.append(
                f"M{left:.3f} {top:.3f}h{length * module:.3f}v{module:.3f}h-{length * module:.3f}z"
            )
    return "".join(parts)


def _runs(row: Sequence[int]) -> Iterator[tuple[int, int]]:
    start = None
    for i, dark in enumerate([*row, 0]):
        if dark and start is None:
            start = i
        elif not dark and start is not None:
            yield start, i - start
            start = None


def card_svg(card: Card, outlines: Outlines) -> str:
    """The card as SVG, in millimetres."""
    if not card.codes:
        raise ValueError("a card needs at least one code")
    paths: list[str] = []
    columns = len(card.codes)
    side = 60.0 if columns == 1 else 52.0
    column_width = (WIDTH - 2 * MARGIN) / columns
    top = MARGIN - 2
    for i, code in enumerate(card.codes):
        centre = MARGIN + column_width * (i + 0.5)
        paths.append(_qr_path(code.url, centre - side / 2, top, side))
        label_width = outlines.width(code.label, LABEL_SIZE)
        paths.append(
            outlines.path(code.label, centre - label_width / 2, top + side + LABEL_SIZE, LABEL_SIZE)
        )
    baseline = top + side + LABEL_SIZE + 5 + TITLE_SIZE
    text_width = WIDTH - 2 * MARGIN
    for title in (card.title_fr, card.title_ja):
        for line in wrap(title, outlines, TITLE_SIZE, text_width, MAX_TITLE_LINES):
            left = (WIDTH - outlines.width(line, TITLE_SIZE)) / 2
            paths.append(outlines.path(line, left, baseline, TITLE_SIZE))
            baseline += TITLE_SIZE * LINE_HEIGHT
        baseline += 1.0
    body = "".join(f'<path d="{escape(d)}"/>' for d in paths if d)
    label = escape(f"{card.title_fr} / {card.title_ja}")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH:g}mm" height="{HEIGHT:g}mm" '
        f'viewBox="0 0 {WIDTH:g} {HEIGHT:g}">'
        f"<title>{label}</title>"
        f'<rect width="{WIDTH:g}" height="{HEIGHT:g}" fill="#ffffff"/>'
        f'<g fill="{INK}">{body}</g></svg>\n'
    )


def render(svg: str, fmt: CardFormat) -> bytes:
    """The card in `fmt`: the SVG itself, or CairoSVG's PNG (300 dpi) or PDF (its true size).
    CairoSVG needs the cairo library (Debian's libcairo2): imported only here."""
    if fmt is CardFormat.SVG:
        return svg.encode()
    import cairosvg

    data = svg.encode()
    if fmt is CardFormat.PNG:
        png = cairosvg.svg2png(bytestring=data, dpi=DPI, background_color="white")
        assert isinstance(png, bytes)
        return png
    pdf = cairosvg.svg2pdf(bytestring=data)
    assert isinstance(pdf, bytes)
    return pdf
