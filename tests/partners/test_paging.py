"""The partner list in pages of a hundred, groups in ring order, counts for the whole list."""

from __future__ import annotations

import re

from resokit_web.extensions import db

from ..conftest import HX
from ..factories.partners import PartnerFactory


def names_on(html: str) -> list[str]:
    return re.findall(r'<h3 class="partner-name"><a [^>]*>([^<]+)</a>', html)


def test_a_long_list_comes_in_pages_with_full_group_counts(world, as_role):
    for n in range(95):
        PartnerFactory(organisation_id=world.org_a.id, name=f"Actief {n:03d}", relation="active")
    for n in range(10):
        PartnerFactory(organisation_id=world.org_a.id, name=f"Gezocht {n:03d}", relation="wanted")
    db.session.commit()
    client = as_role("viewer")

    first = client.get("/o/org-a/partners").get_data(as_text=True)
    assert len(names_on(first)) == 100
    # Ring order first (all 95 active), then wanted by name; counts are the whole list's.
    assert names_on(first)[94:] == [
        "Actief 094",
        "Gezocht 000",
        "Gezocht 001",
        "Gezocht 002",
        "Gezocht 003",
        "Gezocht 004",
    ]
    assert '<span id="partner-count-active">95</span>' in first and '<span id="partner-count-wanted">10</span>' in first
    assert "105 partners" in first and "Page 1 of 2" in first
    assert 'href="/o/org-a/partners?page=2"' in first and "page=0" not in first

    second = client.get("/o/org-a/partners?page=2").get_data(as_text=True)
    assert names_on(second) == [f"Gezocht {n:03d}" for n in range(5, 10)]
    assert "Page 2 of 2" in second and 'href="/o/org-a/partners?page=1"' in second
    # The active group has no row on this page: it says where they are.
    active = second[second.index('id="partner-list-active"') : second.index('id="partner-list-occasional"')]
    assert "On another page of this list." in active


def test_pages_keep_the_filters_and_answer_the_results_fragment(world, as_role):
    for n in range(101):
        PartnerFactory(organisation_id=world.org_a.id, name=f"Zorg {n:03d}", sector="health")
    PartnerFactory(organisation_id=world.org_a.id, name="School", sector="education")
    db.session.commit()
    body = (
        as_role("viewer")
        .get("/o/org-a/partners?sector=health&page=2", headers=HX("partner-results")())
        .get_data(as_text=True)
    )
    assert body.lstrip().startswith('<div id="partner-results"') and names_on(body) == ["Zorg 100"]
    assert "page=1&amp;sector=health" in body or "sector=health&amp;page=1" in body


def test_a_short_list_has_no_pager(world, as_role):
    PartnerFactory(organisation_id=world.org_a.id, name="Enige partner")
    db.session.commit()
    html = as_role("viewer").get("/o/org-a/partners").get_data(as_text=True)
    assert names_on(html) == ["Enige partner"] and 'class="pager"' not in html


def test_a_page_past_the_end_shows_the_last_page(world, as_role):
    for n in range(3):
        PartnerFactory(organisation_id=world.org_a.id, name=f"Partner {n}", relation="active")
    db.session.commit()
    client = as_role("viewer")
    for asked in ("2", "99999999999999999999", "-5"):
        response = client.get(f"/o/org-a/partners?page={asked}")
        html = response.get_data(as_text=True)
        assert response.status_code == 200, asked
        assert names_on(html) == ["Partner 0", "Partner 1", "Partner 2"]
        assert "Page 2 of 1" not in html and "Page 1 of 1" not in html  # one page: no pager


def test_a_treasure_page_past_the_end_shows_the_last_page(world, as_role):
    from ..factories.buurtkaart import TreasureFactory

    TreasureFactory(organisation_id=world.org_a.id, name="Enige schat")
    db.session.commit()
    for asked in ("7", "99999999999999999999"):
        response = as_role("viewer").get(f"/o/org-a/buurtkaart?page={asked}")
        assert response.status_code == 200, asked
        assert "Enige schat" in response.get_data(as_text=True)
