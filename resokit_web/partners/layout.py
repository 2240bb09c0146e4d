"""The partner map's geometry, computed on the server (no JavaScript, prints as it is).

The organisation sits in the centre; concentric rings hold the relations (active inside,
to discover outside); wedges hold the sectors, each as wide as its number of partners
(an empty sector keeps a narrow wedge: a gap you can see). Formal partners are circles,
informal ones diamonds; a strong tie is larger, with a solid line to the centre.

Labels never overlap: every label is placed greedily, most important first, at the
first of a list of candidate spots around its point whose box is free of other labels,
of the nodes and of the legend; a label that finds no spot is shortened, then left off
(the node keeps its name on hover and focus, and the table below the map lists it).
Text widths are estimated from Arial/Helvetica/Liberation Sans metrics (the map's font),
with a safety margin.

Pure functions of the data: the same partners give the same picture.
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

WIDTH, HEIGHT = 1400, 990
CX, CY = 560.0, 495.0
R_CENTRE = 72.0
R_OUTER = 420.0
RING_ORDER = ("active", "occasional", "wanted", "to_discover")
# The right-hand column: the legend on top, the details of the partner in focus below.
LEGEND_BOX = (1112.0, 16.0, 1392.0, 600.0)
DETAILS_BOX = (1112.0, 624.0, 1392.0, 974.0)

LABEL_SIZE = 14.0
SECTOR_SIZE = 15.0
RING_SIZE = 12.5
CENTRE_SIZE = 15.0
LABEL_MAX_CHARS = 26
LABEL_SHORT_CHARS = 14
PAD = 2.0  # free space kept around every label

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


# Advance widths of Helvetica/Arial (Liberation Sans is metric-compatible), 1/1000 em.
_W = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
     556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015,
     667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722,
     667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333,
     556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333,
     500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584)))
_W.update({"…": 1000, "’": 222, "‘": 222, "“": 333, "”": 333, "–": 556, "—": 1000, "·": 278})
# Bold Helvetica is about 6% wider on average; the margin covers hinting and kerning.
_BOLD = 1.08
_MARGIN = 1.06


def text_width(text: str, size: float, bold: bool = False) -> float:
    total = 0
    for ch in text:
        w = _W.get(ch)
        if w is None:
            base = unicodedata.normalize("NFKD", ch)[:1]
            w = _W.get(base, 640 if unicodedata.east_asian_width(ch) not in ("W", "F") else 1000)
        total += w
    return total / 1000 * size * _MARGIN * (_BOLD if bold else 1.0)


def shorten(text: str, max_chars: int) -> str:
    text = " ".join(text.split())
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1].rstrip(" -,.;:/")
    return cut + "…"


def wrap(text: str, max_width: float, size: float, *, bold: bool = False, max_lines: int = 3) -> list[str]:
    """Words into lines no wider than ``max_width``; the last line shortened if needed."""
    words, lines, line = " ".join(text.split()).split(" "), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if text_width(candidate, size, bold) <= max_width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1] + "…"
    out = []
    for ln in lines:
        while text_width(ln, size, bold) > max_width and len(ln) > 2:
            ln = ln[:-2].rstrip() + "…"
        out.append(ln)
    return out


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class Occupancy:
    """Boxes already taken, in a coarse grid so a check looks at neighbours only."""

    def __init__(self, bounds: Box = (0.0, 0.0, WIDTH, HEIGHT), cell: float = 48.0):
        self.bounds, self.cell = bounds, cell
        self.cells: dict[tuple[int, int], list[Box]] = defaultdict(list)

    def _keys(self, box: Box) -> Iterable[tuple[int, int]]:
        c = self.cell
        for i in range(int(box[0] // c), int(box[2] // c) + 1):
            for j in range(int(box[1] // c), int(box[3] // c) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self.cells[key].append(box)

    def free(self, box: Box) -> bool:
        b = self.bounds
        if box[0] < b[0] or box[1] < b[1] or box[2] > b[2] or box[3] > b[3]:
            return False
        return not any(overlaps(box, other) for key in self._keys(box) for other in self.cells.get(key, ()))


# --- Input and output ----------------------------------------------------------------

@dataclass
class MapItem:
    """One partner as the map needs it (never notes or contact: see sharing.py)."""

    key: str
    name: str
    sector: str
    relation: str
    strength: str
    formal: bool


@dataclass
class Label:
    text: str
    x: float
    y: float  # baseline
    anchor: str  # start, middle, end
    box: Box
    shortened: bool = False


@dataclass
class Node:
    item: MapItem
    x: float
    y: float
    size: float
    angle: float
    label: Label | None = None
    line: tuple[float, float, float, float] | None = None
    # Filled in by the caller: the accessible name, the details card's name lines and facts.
    description: str = ""
    card: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()

    @property
    def diamond(self) -> str:
        d = self.size * 1.25
        return (f"{self.x:.1f},{self.y - d:.1f} {self.x + d:.1f},{self.y:.1f} "
                f"{self.x:.1f},{self.y + d:.1f} {self.x - d:.1f},{self.y:.1f}")

    @property
    def box(self) -> Box:
        d = self.size * (1.25 if not self.item.formal else 1.0) + 1.5
        return (self.x - d, self.y - d, self.x + d, self.y + d)


@dataclass
class Wedge:
    sector: str
    name: str
    start: float
    end: float
    count: int
    path: str
    spoke: tuple[float, float, float, float]
    label: Label | None = None

    @property
    def empty(self) -> bool:
        return self.count == 0


@dataclass
class Ring:
    relation: str
    name: str
    r_inner: float
    r_outer: float
    count: int
    label: Label | None = None


@dataclass
class Layout:
    width: float
    height: float
    cx: float
    cy: float
    r_centre: float
    r_outer: float
    centre_lines: list[tuple[float, str]]
    rings: list[Ring]
    wedges: list[Wedge]
    nodes: list[Node]
    legend_box: Box = LEGEND_BOX
    details_box: Box = DETAILS_BOX
    unlabelled: int = 0
    labels: list[Label] = field(default_factory=list)


# --- Geometry ------------------------------------------------------------------------

def _point(r: float, angle: float) -> tuple[float, float]:
    return CX + r * math.cos(angle), CY + r * math.sin(angle)


def _annular_sector(r0: float, r1: float, a0: float, a1: float) -> str:
    large = 1 if a1 - a0 > math.pi else 0
    (x0, y0), (x1, y1) = _point(r0, a0), _point(r1, a0)
    (x2, y2), (x3, y3) = _point(r1, a1), _point(r0, a1)
    return (f"M{x0:.1f},{y0:.1f} L{x1:.1f},{y1:.1f} A{r1:.1f},{r1:.1f} 0 {large} 1 {x2:.1f},{y2:.1f} "
            f"L{x3:.1f},{y3:.1f} A{r0:.1f},{r0:.1f} 0 {large} 0 {x0:.1f},{y0:.1f} Z")


def ring_radii() -> list[tuple[float, float]]:
    step = (R_OUTER - R_CENTRE) / len(RING_ORDER)
    return [(R_CENTRE + i * step, R_CENTRE + (i + 1) * step) for i in range(len(RING_ORDER))]


def _text_box(text: str, x: float, baseline: float, anchor: str, size: float, bold: bool = False,
              width: float | None = None) -> Box:
    w = text_width(text, size, bold) if width is None else width
    x0 = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
    return (x0 - PAD, baseline - size * 0.78 - PAD, x0 + w + PAD, baseline + size * 0.24 + PAD)


def _try_place(occupied: Occupancy, text: str, spots: Iterable[tuple[float, float, str]], size: float,
               bold: bool = False) -> Label | None:
    width = text_width(text, size, bold)
    for x, baseline, anchor in spots:
        box = _text_box(text, x, baseline, anchor, size, bold, width)
        if occupied.free(box):
            occupied.add(box)
            return Label(text, x, baseline, anchor, box)
    return None


def _place_with_fallbacks(occupied: Occupancy, full: str, spots: list[tuple[float, float, str]], size: float,
                          *, bold: bool = False, lengths: tuple[int, ...] = (LABEL_MAX_CHARS, LABEL_SHORT_CHARS)) -> Label | None:
    tried = set()
    for n in lengths:
        text = shorten(full, n)
        if text in tried:
            continue
        tried.add(text)
        label = _try_place(occupied, text, spots, size, bold)
        if label is not None:
            label.shortened = text != " ".join(full.split())
            return label
    return None


def _sector_angles(items: list[MapItem], sectors: dict[str, str]) -> list[tuple[str, float, float, int]]:
    counts = defaultdict(int)
    for item in items:
        counts[item.sector] += 1
    shown = [s for s in sectors if counts.get(s) or s != "other"]
    shown += [s for s in counts if s not in sectors]  # an unknown code still gets a place
    base = max(1.0, len(items) * 0.02)
    weights = [counts.get(s, 0) + base for s in shown]
    total = sum(weights)
    angle, out = -math.pi / 2, []
    for sector, weight in zip(shown, weights):
        span = 2 * math.pi * weight / total
        out.append((sector, angle, angle + span, counts.get(sector, 0)))
        angle += span
    return out


def _node_size(item: MapItem, crowded: bool) -> float:
    size = 9.0 if item.strength == "strong" else 6.5
    return size * (0.62 if crowded else 1.0)


def _place_nodes(items: list[MapItem], wedges: list[tuple[str, float, float, int]]) -> list[Node]:
    crowded = len(items) > 120
    radii = ring_radii()
    cells: dict[tuple[str, str], list[MapItem]] = defaultdict(list)
    for item in items:
        cells[(item.sector, item.relation)].append(item)
    nodes = []
    for sector, a0, a1, _count in wedges:
        for ring_index, relation in enumerate(RING_ORDER):
            members = sorted(cells.get((sector, relation), []), key=lambda i: (i.name.casefold(), i.key))
            if not members:
                continue
            r_in, r_out = radii[ring_index]
            biggest = max(_node_size(m, crowded) for m in members)
            spacing = 2 * biggest * 1.25 + 6
            band = r_out - r_in - 2 * biggest - 4
            r_mid = (r_in + r_out) / 2
            gap = min((biggest + 4) / r_mid, (a1 - a0) * 0.2)  # keep nodes off the spokes
            span_start, span = a0 + gap, max(a1 - a0 - 2 * gap, 0.001)
            max_rows = max(1, int(band // spacing) + 1)
            # Enough rows (staggered) that neighbours on one row keep their distance.
            rows = min(max_rows, len(members), max(1, math.ceil(spacing * len(members) / max(r_in * span, 1.0))))
            for i, member in enumerate(members):
                angle = span_start + (i + 0.5) * span / len(members)
                row = i % rows
                r = r_mid if rows == 1 else r_in + biggest + 2 + band * (row / (rows - 1))
                x, y = _point(r, angle)
                node = Node(member, x, y, _node_size(member, crowded), angle)
                if relation in ("active", "occasional"):
                    sx, sy = _point(R_CENTRE, angle)
                    ex, ey = _point(r - node.size, angle)
                    node.line = (sx, sy, ex, ey)
                nodes.append(node)
    return nodes


def _node_label_spots(node: Node, size: float) -> list[tuple[float, float, str]]:
    d = node.size * (1.25 if not node.item.formal else 1.0) + 4
    mid = node.y + size * 0.33
    outward_right = math.cos(node.angle) >= 0
    right = [(node.x + d, mid, "start"), (node.x + d, mid - size, "start"), (node.x + d, mid + size, "start")]
    left = [(node.x - d, mid, "end"), (node.x - d, mid - size, "end"), (node.x - d, mid + size, "end")]
    vertical = [(node.x, node.y - d - 2, "middle"), (node.x, node.y + d + size * 0.8, "middle")]
    far_right = [(node.x + d, mid - 2 * size, "start"), (node.x + d, mid + 2 * size, "start")]
    far_left = [(node.x - d, mid - 2 * size, "end"), (node.x - d, mid + 2 * size, "end")]
    first, second = (right, left) if outward_right else (left, right)
    far_first, far_second = (far_right, far_left) if outward_right else (far_left, far_right)
    return first + vertical + second + far_first + far_second


def _sector_label_spots(a0: float, a1: float, size: float) -> list[tuple[float, float, str]]:
    spots = []
    mid = (a0 + a1) / 2
    for extra in (10.0, 28.0, 46.0):
        for shift in (0.0, -0.03, 0.03, -0.06, 0.06):
            angle = mid + shift
            if not a0 <= angle <= a1:
                continue
            x, y = _point(R_OUTER + extra, angle)
            c, s = math.cos(angle), math.sin(angle)
            anchor = "start" if c > 0.3 else "end" if c < -0.3 else "middle"
            baseline = y + size * 0.33 if anchor != "middle" else (y - 3 if s < 0 else y + size * 0.8)
            spots.append((x, baseline, anchor))
    return spots


def _ring_label_spots(r_outer: float, size: float) -> list[tuple[float, float, str]]:
    spots = []
    for degrees in (-90, -78, -102, -66, -114, 90, 78, 102, -54, -126, 66, 114, -42, -138, 54, 126):
        angle = math.radians(degrees)
        r = r_outer - size * 0.9
        x, y = _point(r, angle)
        spots.append((x, y + size * 0.33, "middle"))
    return spots


def compute(items: list[MapItem], *, centre_name: str, sector_names: dict[str, str],
            ring_names: dict[str, str]) -> Layout:
    """The whole map: rings, wedges, nodes and non-overlapping labels."""
    items = [i for i in items if i.relation in RING_ORDER]
    angles = _sector_angles(items, sector_names)
    radii = ring_radii()
    occupied = Occupancy()
    occupied.add(LEGEND_BOX)
    occupied.add(DETAILS_BOX)
    occupied.add((CX - R_CENTRE, CY - R_CENTRE, CX + R_CENTRE, CY + R_CENTRE))

    nodes = _place_nodes(items, angles)
    for node in nodes:
        occupied.add(node.box)

    counts = defaultdict(int)
    for item in items:
        counts[item.relation] += 1
    rings = [Ring(rel, ring_names.get(rel, rel), r0, r1, counts.get(rel, 0)) for rel, (r0, r1) in zip(RING_ORDER, radii)]
    labels: list[Label] = []
    for ring in rings:
        ring.label = _try_place(occupied, ring.name, _ring_label_spots(ring.r_outer, RING_SIZE), RING_SIZE)
        if ring.label:
            labels.append(ring.label)

    wedges = []
    for sector, a0, a1, count in angles:
        name = sector_names.get(sector, sector)
        wedge = Wedge(sector, name, a0, a1, count, _annular_sector(R_CENTRE, R_OUTER, a0, a1),
                      (*_point(R_CENTRE, a0), *_point(R_OUTER, a0)))
        wedge.label = _place_with_fallbacks(occupied, name, _sector_label_spots(a0, a1, SECTOR_SIZE), SECTOR_SIZE,
                                            bold=True, lengths=(40, LABEL_SHORT_CHARS, 8))
        if wedge.label:
            labels.append(wedge.label)
        wedges.append(wedge)

    priority = {rel: i for i, rel in enumerate(RING_ORDER)}
    unlabelled = 0
    for node in sorted(nodes, key=lambda n: (priority[n.item.relation], n.item.strength != "strong",
                                             n.item.name.casefold(), n.item.key)):
        node.label = _place_with_fallbacks(occupied, node.item.name, _node_label_spots(node, LABEL_SIZE), LABEL_SIZE)
        if node.label:
            labels.append(node.label)
        else:
            unlabelled += 1

    centre = wrap(centre_name, R_CENTRE * 1.6, CENTRE_SIZE, bold=True, max_lines=3)
    first = CY - (len(centre) - 1) * CENTRE_SIZE * 0.6 + CENTRE_SIZE * 0.35
    centre_lines = [(first + i * CENTRE_SIZE * 1.2, line) for i, line in enumerate(centre)]
    return Layout(WIDTH, HEIGHT, CX, CY, R_CENTRE, R_OUTER, centre_lines, rings, wedges, nodes,
                  unlabelled=unlabelled, labels=labels)
