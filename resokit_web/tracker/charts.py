"""The geometry of the tracker's two drawings, computed here and drawn by
``templates/tracker/_charts.html`` (Jinja escapes every text in the SVG). Each block has
its own line pattern and marker shape as well as its colour, and its name is written
beside it: the charts read in black and white and in print."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.method import BLOCKS
from .scores import VALUES

# block → (dash pattern, marker shape)
STYLES = {
    "mindset": ("", "circle"),
    "burger": ("8 4", "square"),
    "buurt": ("2 4", "triangle"),
    "organisatie": ("12 4 2 4", "diamond"),
}


@dataclass
class Bar:
    code: str
    label: object
    score: int | None
    answered: int
    y: float
    width: float


def block_chart(blocks) -> dict:
    """Horizontal bars, one per block, 0–100."""
    left, width, row = 130, 220, 34
    bars = [
        Bar(b.code, b.label, b.score, b.answered, 20 + i * row, (b.score or 0) / 100 * width)
        for i, b in enumerate(blocks)
    ]
    return {"bars": bars, "left": left, "width": width, "height": 20 + len(bars) * row + 24, "ticks": (0, 50, 100)}


@dataclass
class Point:
    x: float
    y: float
    score: int


@dataclass
class Line:
    code: str
    label: object
    dash: str
    shape: str
    points: list[Point]
    label_y: float


def trend_chart(rounds) -> dict | None:
    """One line per block over the closed rounds (at least one)."""
    if not rounds:
        return None
    left, top, width, height = 40, 16, 420, 200
    step = width / max(len(rounds) - 1, 1)
    xs = [left + (i * step if len(rounds) > 1 else width / 2) for i in range(len(rounds))]
    lines = []
    for code, label in BLOCKS.items():
        points = [
            Point(xs[i], top + height - t.blocks[code] / 100 * height, t.blocks[code])
            for i, t in enumerate(rounds)
            if t.blocks.get(code) is not None
        ]
        dash, shape = STYLES[code]
        lines.append(Line(code, label, dash, shape, points, points[-1].y if points else 0))
    # Keep the names at the end of the lines apart.
    placed = sorted((line for line in lines if line.points), key=lambda line: line.label_y)
    for before, after in zip(placed, placed[1:]):
        if after.label_y - before.label_y < 14:
            after.label_y = before.label_y + 14
    return {
        "lines": lines,
        "xs": xs,
        "rounds": rounds,
        "left": left,
        "top": top,
        "width": width,
        "height": height,
        "grid": [(v, top + height - v / 100 * height) for v in (0, 25, 50, 75, 100)],
    }


def distribution_chart(score) -> dict:
    """Vertical bars of one statement's votes: 1–5 and "I don't know"."""
    most = max(score.distribution.values()) or 1
    height, width = 150, 60
    bars = [
        {
            "value": v,
            "count": score.distribution[v],
            "x": 10 + i * (width + 12),
            "height": score.distribution[v] / most * height,
        }
        for i, v in enumerate(VALUES)
    ]
    return {"bars": bars, "top": 24, "height": height, "bar_width": width, "width": 10 + len(VALUES) * (width + 12)}
