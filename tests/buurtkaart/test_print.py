"""The buurtkaart for paper: numbered markers on a map drawn on the server, the same
numbers in the list after it, the list's filters, no controls, one organisation only."""

from __future__ import annotations

import re

from resokit_web.buurtkaart.point_map import MIN_SPAN, draw
from resokit_web.extensions import db

from ..factories.buurtkaart import TreasureFactory


def _markers(html: str) -> list[tuple[str, str]]:
    """(kind, number) of each marker in the drawing, in the drawing's order."""
    return re.findall(r'<g class="point-marker kind-(\w+)"[^>]*>\s*<circle r="14"/>\s*<text[^>]*>(\d+)</text>', html)


def test_print_page_numbers_the_map_and_the_list_alike(world, as_role):
    TreasureFactory(organisation_id=world.org_a.id, name="Bakkerij", lat=50.8370, lon=4.3180)
    TreasureFactory(organisation_id=world.org_a.id, name="Abdij", kind="service", lat=50.8390, lon=4.3250)
    TreasureFactory(organisation_id=world.org_a.id, name="Café zonder punt", lat=None, lon=None)
    TreasureFactory(organisation_id=world.org_b.id, name="Van een ander", lat=50.84, lon=4.32)
    db.session.commit()

    response = as_role("viewer").get("/o/org-a/buurtkaart/print")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    # The list by name, numbered from 1; the markers carry the same numbers.
    names = re.findall(r'<h3 class="print-name">([^<]+)</h3>', html)
    assert names == ["Abdij", "Bakkerij", "Café zonder punt"]
    assert re.findall(r'<li value="(\d+)"', html) == ["1", "2", "3"]
    assert sorted(_markers(html)) == [("place", "2"), ("service", "1")]
    assert "not on the map yet" in html  # the one without a point keeps its number
    assert "Van een ander" not in html
    # Drawn on the server: no Leaflet map, no filter form, no add form.
    assert 'role="img"' in html and "data-map" not in html
    assert 'class="filters"' not in html and 'name="csrf_token"' not in html.split("<main", 1)[1]


def test_print_page_keeps_the_lists_filters(world, as_role):
    TreasureFactory(organisation_id=world.org_a.id, name="Buurthuis", kind="place")
    TreasureFactory(organisation_id=world.org_a.id, name="Wijkagent", kind="key_figure")
    TreasureFactory(organisation_id=world.org_a.id, name="Gesloten", status="archived")
    db.session.commit()

    html = as_role("viewer").get("/o/org-a/buurtkaart/print?kind=key_figure").get_data(as_text=True)
    assert re.findall(r'<h3 class="print-name">([^<]+)</h3>', html) == ["Wijkagent"]
    assert "Kind: Key figure" in html  # the filter in force, in words
    html = as_role("viewer").get("/o/org-a/buurtkaart/print").get_data(as_text=True)
    assert re.findall(r'<h3 class="print-name">([^<]+)</h3>', html) == ["Buurthuis", "Wijkagent"]


def test_print_page_escapes_user_text(world, as_role):
    TreasureFactory(
        organisation_id=world.org_a.id,
        name="<script>alert(1)</script>",
        description="<img src=x onerror=alert(2)>",
        address="A & B <b>",
    )
    db.session.commit()
    html = as_role("viewer").get("/o/org-a/buurtkaart/print?q=%3Cscript").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "<img src=x" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "A &amp; B &lt;b&gt;" in html
    assert "Search: &lt;script" in html


def test_buurtkaart_links_to_its_print_page_with_the_filters(world, as_role):
    html = as_role("viewer").get("/o/org-a/buurtkaart?kind=service").get_data(as_text=True)
    assert 'href="/o/org-a/buurtkaart/print?kind=service"' in html


def test_drawing_keeps_points_inside_and_apart():
    class Item:
        def __init__(self, n, lat, lon):
            self.id, self.name, self.kind, self.lat, self.lon = n, f"p{n}", "place", lat, lon

    items = [Item(1, 50.83, 4.31), Item(2, 50.85, 4.35), Item(3, 50.85, 4.35), Item(4, None, None)]
    drawing = draw(items, centre=(50.84, 4.33))
    assert [m.number for m in drawing.markers] == [1, 2, 3]
    for m in drawing.markers:
        assert 0 < m.x < drawing.width and 0 < m.y < drawing.height
    # North is up, east is right; two places on one spot are set apart.
    one, two, three = drawing.markers
    assert two.y < one.y and two.x > one.x
    assert (two.x, two.y) != (three.x, three.y)
    assert drawing.scale_m > 0 and drawing.scale_px > 0
    # One place alone: its surroundings, not an endless zoom.
    single = draw([Item(1, 50.84, 4.33)], centre=(50.84, 4.33))
    assert single.scale_m <= MIN_SPAN
    assert draw([], centre=(50.84, 4.33)).markers == ()
