"""The radial engine (resokit_web/radial.py) with other rings and wedges than the partner
map's: the inclusieweb's three circles and an outer ring of wishes, eight life domains."""

from __future__ import annotations

import itertools
import math
import random
import xml.etree.ElementTree as ET

import pytest
from flask import render_template_string

from resokit_web import radial

RINGS = [
    radial.RingSpec("1", "Very close"),
    radial.RingSpec("2", "Close"),
    radial.RingSpec("3", "Further away"),
    radial.RingSpec("wish", "Wishes"),
]
DOMAINS = ("family", "friends", "neighbourhood", "daytime", "leisure", "care", "faith", "online")
WEDGES = [radial.WedgeSpec(code, code.title()) for code in DOMAINS]
NAMES = [
    "Mama",
    "Sofie",
    "Oom",
    "Karim",
    "de",
    "bakker",
    "Jonas",
    "buurvrouw",
    "Rita",
    "Taalcafé",
    "Ahmed",
    "coach",
    "huisarts",
    "Lotte",
    "’t",
    "Hoekske",
    "Éloïse",
]
SVG = "{http://www.w3.org/2000/svg}"


def _marks(n: int, seed: int) -> list[radial.Mark]:
    rng = random.Random(seed)
    marks = []
    for i in range(n):
        strong = rng.random() < 0.4
        ring = rng.choice([r.key for r in RINGS])
        marks.append(
            radial.Mark(
                f"c{i}",
                " ".join(rng.sample(NAMES, rng.randint(1, 3))),
                ring=ring,
                wedge=rng.choice(DOMAINS),
                size=9.0 if strong else 6.5,
                shape="circle" if strong else "diamond",
                kind="strong" if strong else "light",
                tie=ring != "wish",
                rank=(not strong,),
            )
        )
    return marks


def _web(marks, geometry=radial.WIDE):
    return radial.compute(marks, rings=RINGS, wedges=WEDGES, centre_name="Yusuf", geometry=geometry)


def _assert_readable(layout):
    boxes = [label.box for label in layout.labels]
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if radial.overlaps(a, b)]
    for x0, y0, x1, y1 in boxes:
        assert x0 >= 0 and y0 >= 0 and x1 <= layout.width and y1 <= layout.height
        for reserved in (layout.legend_box, layout.details_box):
            assert reserved is None or not radial.overlaps((x0, y0, x1, y1), reserved)
    assert not [(b, n.mark.key) for b in boxes for n in layout.nodes if radial.overlaps(b, n.box)]


@pytest.mark.parametrize("geometry", [radial.WIDE, radial.COMPACT], ids=["wide", "compact"])
@pytest.mark.parametrize("n,seed", [(0, 1), (1, 2), (9, 3), (40, 4), (150, 5)])
def test_every_contact_is_drawn_once_in_its_circle_and_domain_and_no_labels_overlap(geometry, n, seed):
    marks = _marks(n, seed)
    layout = _web(marks, geometry)
    assert sorted(node.mark.key for node in layout.nodes) == sorted(m.key for m in marks)
    assert layout.left_out == []
    radii = {ring.key: (ring.r_inner, ring.r_outer) for ring in layout.rings}
    wedges = {w.key: w for w in layout.wedges}
    for node in layout.nodes:
        r0, r1 = radii[node.mark.ring]
        assert r0 < math.hypot(node.x - layout.cx, node.y - layout.cy) < r1
        assert wedges[node.mark.wedge].start <= node.angle <= wedges[node.mark.wedge].end
        assert (node.line is not None) == (node.mark.ring != "wish")
    _assert_readable(layout)
    assert layout.unlabelled == sum(1 for node in layout.nodes if node.label is None)


def test_a_small_web_names_every_contact_and_every_ring_and_domain():
    layout = _web(_marks(9, 3))
    assert layout.unlabelled == 0 and all(node.label for node in layout.nodes)
    assert [r.key for r in layout.rings] == ["1", "2", "3", "wish"]
    assert all(ring.label for ring in layout.rings) and all(w.label for w in layout.wedges)


def test_rings_go_outwards_in_the_given_order_and_wedges_clockwise_from_twelve():
    layout = _web(_marks(20, 6))
    outer = [ring.r_outer for ring in layout.rings]
    assert outer == sorted(outer) and outer[-1] == pytest.approx(radial.WIDE.r_outer)
    assert [w.key for w in layout.wedges] == list(DOMAINS)
    assert layout.wedges[0].start == pytest.approx(-math.pi / 2)
    assert sum(w.end - w.start for w in layout.wedges) == pytest.approx(2 * math.pi)


def test_an_empty_domain_keeps_a_visible_gap_unless_it_hides_when_empty():
    marks = [radial.Mark("c1", "Mama", "1", "family")]
    wedges = [*WEDGES, radial.WedgeSpec("other", "Other", hide_when_empty=True)]
    layout = radial.compute(marks, rings=RINGS, wedges=wedges, centre_name="Yusuf")
    assert [w.key for w in layout.wedges] == list(DOMAINS)
    assert all(w.empty and w.end - w.start > math.radians(3) for w in layout.wedges[1:])


def test_unknown_domains_get_a_wedge_and_unknown_circles_are_counted_not_drawn():
    marks = [
        radial.Mark("c1", "Mama", "1", "family"),
        radial.Mark("c2", "X", "1", "sport"),
        radial.Mark("c3", "Y", "9", "family"),
    ]
    layout = _web(marks)
    assert [w.key for w in layout.wedges][-1] == "sport" and layout.wedges[-1].name == "sport"
    assert [m.key for m in layout.left_out] == ["c3"] and len(layout.nodes) == 2


def test_any_number_of_rings_share_the_band_equally():
    rings = [radial.RingSpec(str(i), f"Ring {i}") for i in range(6)]
    marks = [radial.Mark(f"m{i}", f"M{i}", str(i % 6), DOMAINS[i % 8]) for i in range(30)]
    layout = radial.compute(marks, rings=rings, wedges=WEDGES, centre_name="C", geometry=radial.COMPACT)
    widths = [ring.r_outer - ring.r_inner for ring in layout.rings]
    assert len(widths) == 6 and max(widths) == pytest.approx(min(widths))
    _assert_readable(layout)


def test_the_same_contacts_give_the_same_picture_and_the_caller_gets_its_objects_back():
    marks = _marks(30, 8)
    first, again = _web(marks), _web(list(reversed(marks)))
    assert sorted((n.mark.key, n.x, n.y) for n in first.nodes) == sorted((n.mark.key, n.x, n.y) for n in again.nodes)
    tagged = radial.Mark("c1", "Mama", "1", "family", data={"id": 7})
    assert _web([tagged]).nodes[0].item == {"id": 7}
    assert _web([radial.Mark("c1", "Mama", "1", "family")]).nodes[0].item.key == "c1"


def test_groups_list_each_contact_once_by_circle_and_domain():
    layout = _web(_marks(40, 4))
    listed = [n.mark.key for _ring, cells in layout.groups() for _w, nodes in cells for n in nodes]
    assert sorted(listed) == sorted(n.mark.key for n in layout.nodes)
    for ring, cells in layout.groups():
        assert all(n.mark.ring == ring.key and n.mark.wedge == w.key for w, nodes in cells for n in nodes)


DRAWING = """{% import "_macros/radial.html" as radial %}
{{ radial.drawing(L, "Web of Yusuf", "Contacts on three circles and a ring of wishes.", pfx="iw-",
   legend_title="Legend", legend_rows=[(none, none, "Circles"), (none, "1", "Very close"), ("circle", none, "Strong bond"),
   ("diamond", none, "Light bond")]) }}
{{ radial.text_alternative(L, "The web as a list") }}"""


def test_the_drawing_macro_gives_an_accessible_svg_with_each_contact_once_and_a_list(app):
    layout = _web(_marks(25, 9))
    with app.test_request_context("/"):
        html = render_template_string(DRAWING, L=layout)
    svg = ET.fromstring(html[html.index("<svg") : html.index("</svg>") + 6])
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "iw-title iw-desc"
    assert svg.find(f"{SVG}title").text == "Web of Yusuf" and svg.find(f"{SVG}desc").text
    keys = [g.get("data-key") for g in svg.iter(f"{SVG}g") if g.get("data-key")]
    assert sorted(keys) == sorted(n.mark.key for n in layout.nodes)
    assert all(g.find(f"{SVG}title") is not None for g in svg.iter(f"{SVG}g") if g.get("data-key"))
    assert len(svg.findall(f".//{SVG}path")) == len(DOMAINS)
    legend = svg.find(f".//{SVG}g[@class='legend']")
    assert [t.text for t in legend.iter(f"{SVG}text")] == [
        "Legend",
        "Circles",
        "Very close",
        "Strong bond",
        "Light bond",
    ]
    assert not [el for el in svg.iter() if el.get("style")]
    listing = ET.fromstring(html[html.index('<ul class="radial-list"') :].strip())
    items = "".join(listing.itertext())
    assert all(items.count(n.mark.name) >= 1 for n in layout.nodes)
    assert [li.text.split(" (")[0] for li in listing.findall("li")] == ["Very close", "Close", "Further away", "Wishes"]
