"""The partner map: structure of the SVG, labels that never overlap, the legend in the
page's language, the standalone download, and the equivalent table."""

from __future__ import annotations

import itertools
import math
import random
import re
import xml.etree.ElementTree as ET

import pytest

from resokit_web.extensions import db
from resokit_web.partners import layout as L
from resokit_web.partners.vocab import SECTORS

from ..conftest import HX

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"
NAMES = {code: code.replace("_", " ").title() for code in SECTORS}
RINGS = {code: code for code in L.RING_ORDER}


def _items(n: int, seed: int = 1) -> list[L.MapItem]:
    rng = random.Random(seed)
    words = [
        "Buurthuis",
        "Wijkpunt",
        "Maison",
        "de",
        "quartier",
        "Kuregem",
        "Clemenceau",
        "Anderlecht",
        "Moskee",
        "Bibliotheek",
        "Jeugdhuis",
        "Atelier",
        "Samen",
        "Solidair",
        "Voedselbank",
        "Gezondheidscentrum",
    ]
    return [
        L.MapItem(
            f"p{i}",
            " ".join(rng.sample(words, rng.randint(1, 4))),
            rng.choice(list(SECTORS)),
            rng.choice(L.RING_ORDER),
            rng.choice(("light", "strong")),
            rng.random() < 0.6,
        )
        for i in range(n)
    ]


def _layout(items):
    return L.compute(items, centre_name="Buurthuis De Kolenkit", sector_names=NAMES, ring_names=RINGS)


# --- Geometry and labels --------------------------------------------------------------------


@pytest.mark.parametrize("n,seed", [(0, 1), (1, 1), (15, 2), (60, 3), (200, 4), (500, 5)])
def test_no_two_labels_overlap_and_all_stay_on_the_canvas(n, seed):
    layout = _layout(_items(n, seed))
    boxes = [label.box for label in layout.labels]
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if L.overlaps(a, b)]
    for x0, y0, x1, y1 in boxes:
        assert x0 >= 0 and x1 <= L.WIDTH and y0 >= 0 and y1 <= L.HEIGHT
        # nor over the legend and the details panel
        assert not L.overlaps((x0, y0, x1, y1), L.LEGEND_BOX) and not L.overlaps((x0, y0, x1, y1), L.DETAILS_BOX)
    node_boxes = [node.box for node in layout.nodes]
    assert not [(b, nb) for b in boxes for nb in node_boxes if L.overlaps(b, nb)]


def test_a_small_map_labels_every_partner_in_full():
    layout = _layout(_items(15, 2))
    assert layout.unlabelled == 0
    assert all(node.label and not node.label.shortened for node in layout.nodes if len(node.item.name) <= 26)


def test_crowded_labels_collide_without_avoidance():
    """The placement really avoids collisions: the naive spot (right of each node) would overlap."""
    layout = _layout(_items(60, 3))
    naive = [L._text_box(n.item.name, n.x + n.size + 4, n.y + 5, "start", L.LABEL_SIZE) for n in layout.nodes]
    assert any(L.overlaps(a, b) for a, b in itertools.combinations(naive, 2))
    assert not any(L.overlaps(a.box, b.box) for a, b in itertools.combinations(layout.labels, 2))


def test_nodes_sit_in_the_ring_of_their_relation_and_the_wedge_of_their_sector():
    layout = _layout(_items(120, 7))
    radii = dict(zip(L.RING_ORDER, L.ring_radii()))
    wedges = {w.sector: w for w in layout.wedges}
    for node in layout.nodes:
        r = math.hypot(node.x - L.CX, node.y - L.CY)
        r0, r1 = radii[node.item.relation]
        assert r0 < r < r1
        wedge = wedges[node.item.sector]
        assert wedge.start <= node.angle <= wedge.end


def test_wedges_go_round_once_and_empty_sectors_keep_a_visible_gap():
    layout = _layout([L.MapItem("p1", "Huis", "health", "active", "strong", True)])
    total = sum(w.end - w.start for w in layout.wedges)
    assert total == pytest.approx(2 * math.pi)
    empty = [w for w in layout.wedges if w.empty]
    assert {w.sector for w in empty} == set(SECTORS) - {"health", "other"}
    assert all(w.end - w.start > math.radians(3) for w in empty)


def test_the_layout_is_stable_and_a_relation_change_moves_the_node_outwards():
    items = _items(20, 9)
    first, again = _layout(items), _layout(list(items))
    assert [(n.x, n.y) for n in first.nodes] == [(n.x, n.y) for n in again.nodes]
    moved = [
        L.MapItem(i.key, i.name, i.sector, "to_discover" if i.key == "p0" else i.relation, i.strength, i.formal)
        for i in items
    ]
    before = next(n for n in first.nodes if n.item.key == "p0")
    after = next(n for n in _layout(moved).nodes if n.item.key == "p0")
    assert math.hypot(after.x - L.CX, after.y - L.CY) > L.ring_radii()[2][1] - 1
    assert (before.x, before.y) != (after.x, after.y) or before.item.relation == "to_discover"


def test_ties_only_for_existing_collaborations():
    layout = _layout(_items(40, 11))
    for node in layout.nodes:
        assert (node.line is not None) == (node.item.relation in ("active", "occasional"))


def test_text_width_estimate_and_shortening():
    assert L.text_width("WWW", 14) > L.text_width("iii", 14) * 3
    assert L.text_width("é", 14) == L.text_width("e", 14)
    assert L.shorten("Gemeente Anderlecht dienst Participatie", 14) == "Gemeente Ande…"
    assert L.wrap("Buurthuis De Kolenkit", 110, 15, bold=True) == ["Buurthuis De", "Kolenkit"]


# --- The pages and files ------------------------------------------------------------------------


def _svg_of(html: str) -> ET.Element:
    start, end = html.index("<svg"), html.index("</svg>") + len("</svg>")
    return ET.fromstring(html[start:end])


def test_map_page_has_an_inline_svg_with_rings_wedges_shapes_and_focusable_nodes(as_role, make_partner):
    formal = make_partner(name="Formele partner", sector="health", relation="active", formal=True)
    informal = make_partner(name="Informele groep", sector="youth", relation="wanted", formal=False)
    make_partner(name="Gearchiveerd", status="archived")
    response = as_role("viewer").get("/o/org-a/partners/map")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    svg = _svg_of(html)
    rings = svg.findall(".//svg:g[@class='rings']/svg:circle", NS)
    assert [r.get("data-relation") for r in rings] == ["to_discover", "wanted", "occasional", "active"]
    wedges = svg.findall(".//svg:path[@data-sector]", NS)
    assert {w.get("data-sector") for w in wedges} == set(SECTORS) - {"other"}
    assert [w.get("data-sector") for w in wedges if "wedge-empty" not in w.get("class")] == ["health", "youth"]
    nodes = svg.findall(".//svg:a[@data-key]", NS)
    assert {n.get("data-key") for n in nodes} == {f"p{formal.id}", f"p{informal.id}"}
    by_key = {n.get("data-key"): n for n in nodes}
    assert by_key[f"p{formal.id}"].find("svg:circle[@class='node-shape']", NS) is not None
    assert by_key[f"p{informal.id}"].find("svg:polygon[@class='node-shape']", NS) is not None
    for node in nodes:
        assert node.get("href") == f"#pm-row-{node.get('data-key')}"
        assert node.get("aria-label").startswith(("Formele partner: Active collaboration", "Informele groep: Wanted"))
        assert node.find("svg:title", NS).text == node.get("aria-label")
        assert node.find("svg:g[@class='node-card']", NS) is not None  # details on hover and focus
    # The equivalent table: every node's target row exists.
    for node in nodes:
        assert f'id="pm-row-{node.get("data-key")}"' in html
    assert "Gearchiveerd" not in html
    assert "partner-map.css" in html


def test_no_inline_styles_on_the_map_page(as_role, make_partner):
    make_partner(name="Partner")
    html = as_role("viewer").get("/o/org-a/partners/map").get_data(as_text=True)
    assert not re.search(r"\sstyle=", html)
    assert "<style" not in html and "<script>" not in html


def test_the_legend_speaks_the_page_language(app, as_role, world, make_partner):
    make_partner(name="Partner", formal=False)
    world.viewer.locale = "nl"
    db.session.commit()
    html = as_role("viewer").get("/o/org-a/partners/map").get_data(as_text=True)
    legend = ET.tostring(_svg_of(html).find(".//svg:g[@class='legend']", NS), encoding="unicode")
    assert "Legende" in legend and "Actieve samenwerking" in legend and "Nog te ontdekken" in legend
    assert "Informeel" in legend and "Sterke band" in legend
    world.viewer.locale = "fr"
    db.session.commit()
    html = as_role("viewer").get("/o/org-a/partners/map").get_data(as_text=True)
    legend = ET.tostring(_svg_of(html).find(".//svg:g[@class='legend']", NS), encoding="unicode")
    assert "Légende" in legend and "Collaboration active" in legend and "À découvrir" in legend


def test_the_standalone_svg_is_valid_self_contained_and_safe(as_role, make_partner):
    make_partner(name='<script>alert(1)</script> & "Co"', relation="occasional")
    response = as_role("viewer").get("/o/org-a/partners/map.svg")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="org-a-partner-map.svg"'
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'none'" in policy
    body = response.get_data(as_text=True)
    assert body.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(body.encode())
    assert root.tag == SVG + "svg" and root.get("viewBox") == f"0 0 {L.WIDTH} {L.HEIGHT}"
    style = root.find("svg:style", NS)
    assert style is not None and ".partner-map .node-card" in style.text
    assert "@import" not in style.text and "url(" not in style.text
    assert "<script" not in body.replace("&lt;script", "") and "alert(1)</script>" not in body
    assert root.findall(".//svg:script", NS) == [] and root.findall(".//svg:image", NS) == []
    refs = [
        v for el in root.iter() for k, v in el.attrib.items() if k in ("href", "{http://www.w3.org/1999/xlink}href")
    ]
    assert refs == []  # nodes are focusable groups, nothing links outside
    fills = [el.get("fill") for el in root.iter() if el.get("fill")]
    assert all(re.fullmatch(r"url\(#[\w-]+\)", f) for f in fills)
    nodes = root.findall(".//svg:g[@data-key]", NS)
    assert nodes and all(n.get("tabindex") == "0" and n.get("aria-label") for n in nodes)
    assert root.find(".//svg:g[@class='legend']", NS) is not None


def test_map_block_refreshes_itself_on_partner_events(as_role, make_partner):
    make_partner(name="Partner")
    client = as_role("viewer")
    html = client.get("/o/org-a/partners/map").get_data(as_text=True)
    assert 'hx-trigger="sse:partner, live:resync from:body"' in html
    body = client.get("/o/org-a/partners/map", headers=HX("partner-map-block")()).get_data(as_text=True)
    assert body.lstrip().startswith('<div id="partner-map-block"') and "<html" not in body


def test_print_styles_put_the_map_on_a4_landscape(app):
    with open(app.static_folder + "/css/app.css", encoding="utf-8") as fh:
        css = fh.read()
    assert "@page partner-map { size: A4 landscape" in css
    assert re.search(r"@media print \{[^@]*\.partner-map-figure \{ page: partner-map", css)


def test_a_large_map_renders_and_says_how_many_names_are_left_off(as_role, world):
    from resokit_web.partners.demo import seed_large

    assert seed_large(world.org_a.id, world.coordinator.id, total=300) == 300
    db.session.commit()
    html = as_role("viewer").get("/o/org-a/partners/map").get_data(as_text=True)
    svg = _svg_of(html)
    assert len(svg.findall(".//svg:a[@data-key]", NS)) == 300
    assert int(svg.get("data-unlabelled")) > 0 and "names left off" in html
