"""The partner map on a phone: a compact drawing of the circle alone, shown under 40rem,
whose text stays readable once the picture shrinks to the phone's width."""

from __future__ import annotations

import itertools

import pytest

from resokit_web.extensions import db
from resokit_web.partners import layout as L

from ..conftest import speaking
from ..factories.partners import PartnerFactory
from .test_map import NAMES, RINGS, _items

PHONE_MAP_WIDTH = 328  # px: a 360 px screen less the page's and the figure's margins
READABLE = 11  # px


def _compact(items):
    return L.compute(
        items, centre_name="Buurthuis De Kolenkit", sector_names=NAMES, ring_names=RINGS, geometry=L.COMPACT
    )


@pytest.mark.parametrize("n,seed", [(0, 1), (15, 2), (60, 3), (300, 4)])
def test_the_compact_map_keeps_its_labels_apart_and_inside(n, seed):
    layout = _compact(_items(n, seed))
    assert layout.compact and layout.legend_box is None and (layout.width, layout.height) == (1000, 1000)
    for label in layout.labels:
        x0, y0, x1, y1 = label.box
        assert x0 >= 0 and y0 >= 0 and x1 <= layout.width and y1 <= layout.height
    assert not any(L.overlaps(a.box, b.box) for a, b in itertools.combinations(layout.labels, 2))
    assert len(layout.nodes) == len([i for i in _items(n, seed) if i.relation in L.RING_ORDER])


def test_its_names_come_out_large_enough_to_read_on_a_phone():
    scale = PHONE_MAP_WIDTH / L.COMPACT.width
    assert L.COMPACT.label_size * scale >= READABLE and L.COMPACT.sector_size * scale >= READABLE
    # The full map would shrink its names to a few pixels: that is why the phone gets its own.
    assert L.WIDE.label_size * PHONE_MAP_WIDTH / L.WIDE.width < 5


def test_the_page_holds_both_drawings_the_compact_one_a_picture_only(as_role, world):
    PartnerFactory(organisation_id=world.org_a.id, name="OCMW Anderlecht")
    db.session.commit()
    html = speaking(as_role("viewer")).get("/o/org-a/partners/map").get_data(as_text=True)
    wide = html[html.index('class="partner-map-scroll map-wide"') : html.index('class="map-compact"')]
    compact = html[html.index('class="map-compact"') : html.index("</figure>")]
    assert 'class="partner-map"' in wide and '<a class="node' in wide
    assert 'class="partner-map compact"' in compact and 'role="img"' in compact
    assert "<a " not in compact and 'class="legend"' not in compact and "phone-legend" in compact
    # Ids stay unique between the two.
    assert 'id="pm-title"' in wide and 'id="pm-phone-title"' in compact
