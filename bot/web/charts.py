"""Charts of the overview, drawn on the server as SVG: no script, no external library, readable
by a screen reader through their titles, and printed as they are shown."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

# Colours of the outcomes, in the order of handlers.stats.overview.UNDERSTANDING.
OUTCOME_COLOURS = {
    "answered": "#2e7d32",
    "clarified": "#f9a825",
    "fallback": "#c62828",
    "off_topic": "#78909c",
}


def bars(
    values: Sequence[tuple[str, int]], *, title: str, width: int = 640, height: int = 160
) -> Markup:
    """Vertical bars, one per (label, value); every fourth label is written under its bar."""
    top = max((v for _, v in values), default=0) or 1
    gap, bottom = 2, 18
    step = width / max(len(values), 1)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for i, (label, value) in enumerate(values):
        h = (height - bottom - 12) * value / top
        x, y = i * step + gap / 2, height - bottom - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step - gap:.1f}" height="{h:.1f}" '
            f'class="bar" data-value="{value}"><title>{escape(label)}: {value}</title></rect>'
        )
        if value:
            parts.append(
                f'<text x="{x + (step - gap) / 2:.1f}" y="{y - 2:.1f}" class="value">{value}</text>'
            )
        if i % 4 == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - 4}" class="label">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked(
    columns: Sequence[tuple[str, dict[str, int]]],
    *,
    names: dict[str, str],
    title: str,
    width: int = 640,
    height: int = 200,
) -> Markup:
    """One stacked column per (label, {outcome: count}), in OUTCOME_COLOURS' order."""
    top = max((sum(c.values()) for _, c in columns), default=0) or 1
    bottom = 18
    step = width / max(len(columns), 1)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for i, (label, counts) in enumerate(columns):
        y = float(height - bottom)
        x = i * step + step * 0.15
        for outcome, colour in OUTCOME_COLOURS.items():
            value = counts.get(outcome, 0)
            if not value:
                continue
            h = (height - bottom - 12) * value / top
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" '
                f'fill="{colour}" data-outcome="{outcome}" data-value="{value}">'
                f"<title>{escape(label)} · {escape(names.get(outcome, outcome))}: {value}</title>"
                "</rect>"
            )
        total = sum(counts.values())
        if total:
            parts.append(
                f'<text x="{x + step * 0.35:.1f}" y="{y - 2:.1f}" class="value">{total}</text>'
            )
        parts.append(f'<text x="{x:.1f}" y="{height - 4}" class="label">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
