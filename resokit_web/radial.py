"""A radial drawing computed on the server: a centre, concentric rings, wedges, marks and
labels that never overlap. No JavaScript: the SVG prints and downloads as it is drawn.

Used by the partner map (rings = relations, wedges = sectors, see partners/layout.py) and
meant for every drawing of the same shape, such as the inclusieweb (rings = circles 1, 2, 3
and an outer ring of wishes, wedges = life domains).

How to draw one
---------------

::

    from resokit_web import radial

    rings = [radial.RingSpec("1", _("Very close")), radial.RingSpec("2", _("Close")),
             radial.RingSpec("3", _("Further away")), radial.RingSpec("wish", _("Wishes"))]
    wedges = [radial.WedgeSpec(code, label) for code, label in DOMAINS.items()]
    marks = [
        radial.Mark(key=f"c{c.id}", name=c.label, ring=c.circle, wedge=c.domain,
                    size=9.0 if c.bond == "strong" else 6.5,
                    shape="circle" if c.bond == "strong" else "diamond", kind=c.bond,
                    tie=c.circle != "wish", rank=(c.bond != "strong",), data=c)
        for c in contacts
    ]
    layout = radial.compute(marks, rings=rings, wedges=wedges, centre_name=person.pseudonym)

Inputs
  * ``rings``: :class:`RingSpec` (key, name), in order **from the centre outwards**; any
    number. They share the band between ``geometry.r_centre`` and ``geometry.r_outer``
    equally.
  * ``wedges``: :class:`WedgeSpec` (key, name, ``hide_when_empty``), in order clockwise from
    twelve o'clock; any number. A wedge is as wide as its number of marks plus a base, so
    an empty wedge keeps a narrow, visible gap (unless ``hide_when_empty``, e.g. "other").
    A mark whose wedge key is not listed still gets a wedge (named by its key) at the end.
  * ``marks``: :class:`Mark`. ``key`` is unique (ids in the SVG), ``name`` the label text,
    ``ring``/``wedge`` keys, ``size`` the radius before scaling (shrunk when the drawing is
    crowded), ``shape`` one of :data:`SHAPES` (its extent keeps labels off it), ``kind`` a
    style variant (the SVG classes ``node-<kind>`` and ``tie-<kind>``), ``tie``
    draws a line to the centre, ``rank`` orders labels within a ring (lower first: they
    get the best spots), ``data`` is yours and comes back as ``node.item``. A mark whose
    ring is not listed is not drawn: it is counted in ``layout.left_out``.
  * ``geometry``: :data:`WIDE` (screen, SVG file, A4; a legend box and a details box on the
    right) or :data:`COMPACT` (a phone: the circle alone, large text), or your own
    :class:`Geometry` (set ``legend_box``/``details_box`` to ``None`` for none).

Output: a :class:`Layout` with ``rings`` (radii, count, label), ``wedges`` (angles, the SVG
``path`` of the annular sector, ``spoke``, count, label), ``nodes`` (one per drawn mark, in
ring-then-wedge order: ``x, y, size, angle, label, line``, ``mark`` and ``item``), every
placed ``labels`` box, ``unlabelled`` (marks whose name found no free spot, even shortened:
keep their name on hover/focus and in the text alternative), ``centre_lines``, and
:meth:`Layout.groups` for the text alternative (rings → wedges → nodes).

Placement: marks of one ring and wedge are spread along the arc, in staggered rows when
they are many, away from the spokes; labels are placed greedily (ring labels, wedge
labels, then marks by ring, rank and name) at the first free spot of a list of candidates
around their point, free of other labels, of every mark, of the centre and of the legend
and details boxes; a label that finds no spot is shortened, then left off. Text widths are
estimated from Arial/Helvetica/Liberation Sans metrics (set that font on the SVG) with a
safety margin. Pure functions: the same input gives the same picture, to the byte.

Drawing it: ``templates/_macros/radial.html`` has the SVG pieces (rings, wedges with their
titles, spokes, ties, centre, labels, shapes, a legend of rows, the text alternative); the
partner map (templates/partners/_map_svg.html) shows how they compose with an accessible
``<title>``/``<desc>`` and ``role``, and how a page adds the compact drawing for a phone.
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

Box = tuple[float, float, float, float]  # x0, y0, x1, y1

LABEL_MAX_CHARS = 26
LABEL_SHORT_CHARS = 14
WEDGE_LABEL_CHARS = (40, LABEL_SHORT_CHARS, 8)
PAD = 2.0  # free space kept around every label
REFERENCE_WEDGE_SIZE = 15.0  # wedge labels stand further out as their text grows
# How far each shape reaches from its point, as a multiple of its size.
SHAPES = {"circle": 1.0, "square": 1.0, "diamond": 1.25}


@dataclass(frozen=True)
class Geometry:
    width: float = 1400  # ints print as they are in the SVG (viewBox="0 0 1400 990")
    height: float = 990
    cx: float = 560.0
    cy: float = 495.0
    r_centre: float = 72.0
    r_outer: float = 420.0
    # The right-hand column: a legend on top, the details of the mark in focus below.
    legend_box: Box | None = (1112.0, 16.0, 1392.0, 600.0)
    details_box: Box | None = (1112.0, 624.0, 1392.0, 974.0)
    label_size: float = 14.0
    sector_size: float = 15.0  # wedge labels
    ring_size: float = 12.5
    centre_size: float = 15.0
    node_scale: float = 1.0
    crowded_after: int = 120  # more marks than this: smaller marks
    compact: bool = False  # a picture only (a phone): no legend, details or links inside


WIDE = Geometry()
# Drawn at about a third of its size on a phone: 36 units come out at 12 pixels.
COMPACT = Geometry(
    width=1000.0,
    height=1000.0,
    cx=500.0,
    cy=500.0,
    r_centre=118.0,
    r_outer=330.0,
    legend_box=None,
    details_box=None,
    label_size=36.0,
    sector_size=36.0,
    ring_size=35.0,
    centre_size=34.0,
    node_scale=1.8,
    compact=True,
)


# --- Text ----------------------------------------------------------------------------

# Advance widths of Helvetica/Arial (Liberation Sans is metric-compatible), 1/1000 em.
_WIDTHS = """278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556
556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778
667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556
556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584"""
_W = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
        map(int, _WIDTHS.split()),
        strict=True,
    )
)
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

    def __init__(self, bounds: Box = (0.0, 0.0, WIDE.width, WIDE.height), cell: float = 48.0):
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


@dataclass(frozen=True)
class RingSpec:
    key: str
    name: str


@dataclass(frozen=True)
class WedgeSpec:
    key: str
    name: str
    hide_when_empty: bool = False


@dataclass(frozen=True)
class Mark:
    key: str
    name: str
    ring: str
    wedge: str
    size: float = 6.5
    shape: str = "circle"
    kind: str = ""  # a style variant (a class: node-<kind>, tie-<kind>), e.g. "strong"
    tie: bool = False
    rank: tuple = ()
    data: Any = None


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
    mark: Mark
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
    def item(self) -> Any:
        """The caller's object (``mark.data``), or the mark itself."""
        return self.mark if self.mark.data is None else self.mark.data

    @property
    def extent(self) -> float:
        return self.size * SHAPES.get(self.mark.shape, 1.25)

    @property
    def box(self) -> Box:
        d = self.extent + 1.5
        return (self.x - d, self.y - d, self.x + d, self.y + d)


@dataclass
class Wedge:
    key: str
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
    key: str
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
    legend_box: Box | None = WIDE.legend_box
    details_box: Box | None = WIDE.details_box
    unlabelled: int = 0
    labels: list[Label] = field(default_factory=list)
    compact: bool = False
    left_out: list[Mark] = field(default_factory=list)

    def groups(self) -> list[tuple[Ring, list[tuple[Wedge, list[Node]]]]]:
        """The drawing as a text alternative: each ring with its non-empty wedges and nodes."""
        cells: dict[tuple[str, str], list[Node]] = defaultdict(list)
        for node in self.nodes:
            cells[(node.mark.ring, node.mark.wedge)].append(node)
        return [
            (ring, [(w, cells[(ring.key, w.key)]) for w in self.wedges if cells.get((ring.key, w.key))])
            for ring in self.rings
        ]


# --- Geometry ------------------------------------------------------------------------


def point(r: float, angle: float, geo: Geometry = WIDE) -> tuple[float, float]:
    return geo.cx + r * math.cos(angle), geo.cy + r * math.sin(angle)


def annular_sector(r0: float, r1: float, a0: float, a1: float, geo: Geometry = WIDE) -> str:
    """The SVG path of the band between radii ``r0`` and ``r1`` from angle ``a0`` to ``a1``."""
    large = 1 if a1 - a0 > math.pi else 0
    (x0, y0), (x1, y1) = point(r0, a0, geo), point(r1, a0, geo)
    (x2, y2), (x3, y3) = point(r1, a1, geo), point(r0, a1, geo)
    return (
        f"M{x0:.1f},{y0:.1f} L{x1:.1f},{y1:.1f} A{r1:.1f},{r1:.1f} 0 {large} 1 {x2:.1f},{y2:.1f} "
        f"L{x3:.1f},{y3:.1f} A{r0:.1f},{r0:.1f} 0 {large} 0 {x0:.1f},{y0:.1f} Z"
    )


def ring_radii(count: int, geo: Geometry = WIDE) -> list[tuple[float, float]]:
    step = (geo.r_outer - geo.r_centre) / count
    return [(geo.r_centre + i * step, geo.r_centre + (i + 1) * step) for i in range(count)]


def text_box(
    text: str, x: float, baseline: float, anchor: str, size: float, bold: bool = False, width: float | None = None
) -> Box:
    w = text_width(text, size, bold) if width is None else width
    x0 = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
    return (x0 - PAD, baseline - size * 0.78 - PAD, x0 + w + PAD, baseline + size * 0.24 + PAD)


def _try_place(
    occupied: Occupancy, text: str, spots: Iterable[tuple[float, float, str]], size: float, bold: bool = False
) -> Label | None:
    width = text_width(text, size, bold)
    for x, baseline, anchor in spots:
        box = text_box(text, x, baseline, anchor, size, bold, width)
        if occupied.free(box):
            occupied.add(box)
            return Label(text, x, baseline, anchor, box)
    return None


def _place_with_fallbacks(
    occupied: Occupancy,
    full: str,
    spots: list[tuple[float, float, str]],
    size: float,
    *,
    bold: bool = False,
    lengths: tuple[int, ...] = (LABEL_MAX_CHARS, LABEL_SHORT_CHARS),
) -> Label | None:
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


def _wedge_angles(marks: list[Mark], wedges: Sequence[WedgeSpec]) -> list[tuple[str, float, float, int]]:
    counts = defaultdict(int)
    for mark in marks:
        counts[mark.wedge] += 1
    listed = {w.key for w in wedges}
    shown = [w.key for w in wedges if counts.get(w.key) or not w.hide_when_empty]
    shown += [k for k in counts if k not in listed]  # an unknown key still gets a place
    base = max(1.0, len(marks) * 0.02)
    weights = [counts.get(k, 0) + base for k in shown]
    total = sum(weights)
    angle, out = -math.pi / 2, []
    for key, weight in zip(shown, weights):
        span = 2 * math.pi * weight / total
        out.append((key, angle, angle + span, counts.get(key, 0)))
        angle += span
    return out


def _node_size(mark: Mark, crowded: bool, geo: Geometry) -> float:
    return mark.size * (0.62 if crowded else 1.0) * geo.node_scale


def _place_nodes(
    marks: list[Mark], ring_keys: list[str], wedges: list[tuple[str, float, float, int]], geo: Geometry
) -> list[Node]:
    crowded = len(marks) > geo.crowded_after
    radii = ring_radii(len(ring_keys), geo)
    cells: dict[tuple[str, str], list[Mark]] = defaultdict(list)
    for mark in marks:
        cells[(mark.wedge, mark.ring)].append(mark)
    nodes = []
    for wedge, a0, a1, _count in wedges:
        for ring_index, ring in enumerate(ring_keys):
            members = sorted(cells.get((wedge, ring), []), key=lambda m: (m.name.casefold(), m.key))
            if not members:
                continue
            r_in, r_out = radii[ring_index]
            biggest = max(_node_size(m, crowded, geo) for m in members)
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
                x, y = point(r, angle, geo)
                node = Node(member, x, y, _node_size(member, crowded, geo), angle)
                if member.tie:
                    sx, sy = point(geo.r_centre, angle, geo)
                    ex, ey = point(r - node.size, angle, geo)
                    node.line = (sx, sy, ex, ey)
                nodes.append(node)
    return nodes


def _node_label_spots(node: Node, size: float) -> list[tuple[float, float, str]]:
    d = node.extent + 4
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


def _wedge_label_spots(a0: float, a1: float, size: float, geo: Geometry) -> list[tuple[float, float, str]]:
    spots = []
    mid = (a0 + a1) / 2
    for extra in (10.0, 28.0, 46.0):
        for shift in (0.0, -0.03, 0.03, -0.06, 0.06):
            angle = mid + shift
            if not a0 <= angle <= a1:
                continue
            x, y = point(geo.r_outer + extra * size / REFERENCE_WEDGE_SIZE, angle, geo)
            c, s = math.cos(angle), math.sin(angle)
            anchor = "start" if c > 0.3 else "end" if c < -0.3 else "middle"
            baseline = y + size * 0.33 if anchor != "middle" else (y - 3 if s < 0 else y + size * 0.8)
            spots.append((x, baseline, anchor))
    return spots


def _ring_label_spots(r_outer: float, size: float, geo: Geometry) -> list[tuple[float, float, str]]:
    spots = []
    for degrees in (-90, -78, -102, -66, -114, 90, 78, 102, -54, -126, 66, 114, -42, -138, 54, 126):
        angle = math.radians(degrees)
        r = r_outer - size * 0.9
        x, y = point(r, angle, geo)
        spots.append((x, y + size * 0.33, "middle"))
    return spots


def compute(
    marks: Sequence[Mark],
    *,
    rings: Sequence[RingSpec],
    wedges: Sequence[WedgeSpec],
    centre_name: str,
    geometry: Geometry = WIDE,
) -> Layout:
    """The whole drawing: rings, wedges, nodes and non-overlapping labels (see the module's text)."""
    geo = geometry
    ring_keys = [r.key for r in rings]
    left_out = [m for m in marks if m.ring not in ring_keys]
    marks = [m for m in marks if m.ring in ring_keys]
    angles = _wedge_angles(marks, wedges)
    radii = ring_radii(len(ring_keys), geo)
    occupied = Occupancy((0.0, 0.0, geo.width, geo.height))
    for box in (geo.legend_box, geo.details_box):
        if box is not None:
            occupied.add(box)
    occupied.add((geo.cx - geo.r_centre, geo.cy - geo.r_centre, geo.cx + geo.r_centre, geo.cy + geo.r_centre))

    nodes = _place_nodes(marks, ring_keys, angles, geo)
    for node in nodes:
        occupied.add(node.box)

    counts = defaultdict(int)
    for mark in marks:
        counts[mark.ring] += 1
    drawn_rings = [Ring(spec.key, spec.name, r0, r1, counts.get(spec.key, 0)) for spec, (r0, r1) in zip(rings, radii)]
    labels: list[Label] = []
    for ring in drawn_rings:
        ring.label = _try_place(occupied, ring.name, _ring_label_spots(ring.r_outer, geo.ring_size, geo), geo.ring_size)
        if ring.label:
            labels.append(ring.label)

    names = {w.key: w.name for w in wedges}
    drawn_wedges = []
    for key, a0, a1, count in angles:
        name = names.get(key, key)
        wedge = Wedge(
            key,
            name,
            a0,
            a1,
            count,
            annular_sector(geo.r_centre, geo.r_outer, a0, a1, geo),
            (*point(geo.r_centre, a0, geo), *point(geo.r_outer, a0, geo)),
        )
        wedge.label = _place_with_fallbacks(
            occupied,
            name,
            _wedge_label_spots(a0, a1, geo.sector_size, geo),
            geo.sector_size,
            bold=True,
            lengths=WEDGE_LABEL_CHARS,
        )
        if wedge.label:
            labels.append(wedge.label)
        drawn_wedges.append(wedge)

    order = {key: i for i, key in enumerate(ring_keys)}
    unlabelled = 0
    for node in sorted(nodes, key=lambda n: (order[n.mark.ring], n.mark.rank, n.mark.name.casefold(), n.mark.key)):
        node.label = _place_with_fallbacks(
            occupied, node.mark.name, _node_label_spots(node, geo.label_size), geo.label_size
        )
        if node.label:
            labels.append(node.label)
        else:
            unlabelled += 1

    size = geo.centre_size
    centre = wrap(centre_name, geo.r_centre * 1.6, size, bold=True, max_lines=3)
    first = geo.cy - (len(centre) - 1) * size * 0.6 + size * 0.35
    centre_lines = [(first + i * size * 1.2, line) for i, line in enumerate(centre)]
    return Layout(
        geo.width,
        geo.height,
        geo.cx,
        geo.cy,
        geo.r_centre,
        geo.r_outer,
        centre_lines,
        drawn_rings,
        drawn_wedges,
        nodes,
        legend_box=geo.legend_box,
        details_box=geo.details_box,
        unlabelled=unlabelled,
        labels=labels,
        compact=geo.compact,
        left_out=left_out,
    )
