"""A map drawn on the server: the places with a point, projected into an SVG drawing with
a number in each marker. It prints on paper and shows without JavaScript or map tiles
(the print page, the embedded public map), where a Leaflet map with tiles is unreliable."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# The drawing's size in SVG units: the ratio of an A4 landscape page inside its margins.
WIDTH = 1000
HEIGHT = 640
PAD = 36  # room for a marker at the edge
EARTH = 6_371_000  # metres
# Between the extremes of the points, at least this much ground (metres): a single
# place, or a few on one street, still shows its surroundings instead of a huge zoom.
MIN_SPAN = 400


@dataclass(frozen=True)
class Marker:
    number: int
    x: float
    y: float
    kind: str
    name: str
    item_id: int


@dataclass(frozen=True)
class PointMap:
    markers: tuple[Marker, ...]
    width: int
    height: int
    scale_px: float  # the scale bar's length in SVG units
    scale_m: int  # and the ground it stands for, in metres

    @property
    def scale_label(self) -> str:
        return f"{self.scale_m / 1000:g} km" if self.scale_m >= 1000 else f"{self.scale_m} m"


def _nice(metres: float) -> int:
    """The largest 1, 2 or 5 × 10ⁿ metres not above ``metres``."""
    power = 10 ** math.floor(math.log10(max(metres, 1)))
    return int(max(step for step in (1, 2, 5, 10) if step * power <= metres) * power)


def draw(items: Sequence, *, centre: tuple[float, float], start: int = 1) -> PointMap:
    """Number ``items`` (objects with ``id``, ``name``, ``kind``, ``lat``, ``lon``) from
    ``start`` in their order and place those with a point in the drawing. An equirectangular
    projection around the points' middle: exact enough for a neighbourhood. ``centre``
    (the organisation's map centre) is where the drawing looks when no item has a point."""
    numbered = list(enumerate(items, start=start))
    located = [(n, item) for n, item in numbered if item.lat is not None and item.lon is not None]
    lats = [item.lat for _, item in located] or [centre[0]]
    lons = [item.lon for _, item in located] or [centre[1]]
    mid_lat = (min(lats) + max(lats)) / 2
    mid_lon = (min(lons) + max(lons)) / 2
    shrink = math.cos(math.radians(mid_lat))

    def metres(lat: float, lon: float) -> tuple[float, float]:
        east = math.radians(lon - mid_lon) * EARTH * shrink
        north = math.radians(lat - mid_lat) * EARTH
        return east, north

    points = [metres(item.lat, item.lon) for _, item in located]
    span_x = max(max((abs(e) for e, _ in points), default=0) * 2, MIN_SPAN)
    span_y = max(max((abs(n) for _, n in points), default=0) * 2, MIN_SPAN)
    per_metre = min((WIDTH - 2 * PAD) / span_x, (HEIGHT - 2 * PAD) / span_y)

    markers = tuple(
        Marker(
            number=n,
            x=round(WIDTH / 2 + east * per_metre, 1),
            y=round(HEIGHT / 2 - north * per_metre, 1),
            kind=item.kind,
            name=item.name,
            item_id=item.id,
        )
        for (n, item), (east, north) in zip(located, points, strict=True)
    )
    scale_m = _nice(WIDTH / 5 / per_metre)
    return PointMap(
        markers=_apart(markers), width=WIDTH, height=HEIGHT, scale_px=round(scale_m * per_metre, 1), scale_m=scale_m
    )


def _apart(markers: Iterable[Marker], gap: float = 22.0) -> tuple[Marker, ...]:
    """Markers on (almost) the same spot set around it in a small circle, so each number
    can be read: places in one building are common (a community centre and its café)."""
    placed: list[Marker] = []
    groups: dict[tuple[int, int], int] = {}
    for marker in markers:
        key = (round(marker.x / gap), round(marker.y / gap))
        seen = groups.get(key, 0)
        groups[key] = seen + 1
        if seen:
            angle = seen * 2.4  # the golden angle, roughly: the circle fills evenly
            radius = gap * (0.9 + 0.25 * (seen // 6))
            x = min(max(marker.x + radius * math.cos(angle), PAD / 2), WIDTH - PAD / 2)
            y = min(max(marker.y + radius * math.sin(angle), PAD / 2), HEIGHT - PAD / 2)
            marker = Marker(marker.number, round(x, 1), round(y, 1), marker.kind, marker.name, marker.item_id)
        placed.append(marker)
    return tuple(placed)
