"""The partner map on the radial engine (resokit_web/radial.py).

The organisation sits in the centre; concentric rings hold the relations (active inside,
to discover outside); wedges hold the sectors, each as wide as its number of partners
(an empty sector keeps a narrow wedge: a gap you can see; "other" only when used).
Formal partners are circles, informal ones diamonds; a strong tie is larger and labelled
first; active and occasional partners have a line to the centre.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .. import radial
from ..radial import COMPACT, WIDE, Geometry, Label, Node, overlaps, shorten, text_width, wrap  # noqa: F401

RING_ORDER = ("active", "occasional", "wanted", "to_discover")
TIES = ("active", "occasional")
WIDTH, HEIGHT = WIDE.width, WIDE.height
CX, CY = WIDE.cx, WIDE.cy
LEGEND_BOX, DETAILS_BOX = WIDE.legend_box, WIDE.details_box
LABEL_SIZE = WIDE.label_size
_text_box = radial.text_box


@dataclass
class MapItem:
    """One partner as the map needs it (never notes or contact: see sharing.py)."""

    key: str
    name: str
    sector: str
    relation: str
    strength: str
    formal: bool

    def mark(self) -> radial.Mark:
        strong = self.strength == "strong"
        return radial.Mark(
            self.key,
            self.name,
            ring=self.relation,
            wedge=self.sector,
            size=9.0 if strong else 6.5,
            shape="circle" if self.formal else "diamond",
            kind=self.strength,
            tie=self.relation in TIES,
            rank=(not strong,),
            data=self,
        )


@dataclass
class Ring(radial.Ring):
    @property
    def relation(self) -> str:
        return self.key


@dataclass
class Wedge(radial.Wedge):
    @property
    def sector(self) -> str:
        return self.key


def _as(cls, obj):
    return cls(**{f.name: getattr(obj, f.name) for f in fields(obj)})


def ring_radii(geo: Geometry = WIDE) -> list[tuple[float, float]]:
    return radial.ring_radii(len(RING_ORDER), geo)


def compute(
    items: list[MapItem],
    *,
    centre_name: str,
    sector_names: dict[str, str],
    ring_names: dict[str, str],
    geometry: Geometry = WIDE,
) -> radial.Layout:
    """The whole map: rings, wedges, nodes and non-overlapping labels."""
    layout = radial.compute(
        [item.mark() for item in items],
        rings=[radial.RingSpec(code, ring_names.get(code, code)) for code in RING_ORDER],
        wedges=[radial.WedgeSpec(code, name, hide_when_empty=code == "other") for code, name in sector_names.items()],
        centre_name=centre_name,
        geometry=geometry,
    )
    layout.rings = [_as(Ring, r) for r in layout.rings]
    layout.wedges = [_as(Wedge, w) for w in layout.wedges]
    return layout
