"""Brussel op het net: the shipped catalogue and the team's own sources."""

from __future__ import annotations

import re

import pytest

from resokit_web.buurtanalyse.catalogue import CATALOGUE, LEVELS
from resokit_web.buurtanalyse.models import OwnSource
from resokit_web.extensions import db

from ..factories.buurtanalyse import OwnSourceFactory
from .helpers import SOURCES, error_for

SOURCE = {
    "name": "Buurtbarometer",
    "publisher": "Wijkcomité",
    "url": "https://www.example.be/barometer",
    "level": "neighbourhood",
    "languages": ["nl", "fr"],
    "description": "Een enquête.",
}


def test_the_catalogue_is_real_and_complete():
    ids = [s.id for s in CATALOGUE]
    assert len(ids) == len(set(ids)) >= 10
    for source in CATALOGUE:
        assert source.url.startswith("https://") and source.level in LEVELS and source.languages
        assert str(source.description) and str(source.name) and str(source.publisher)
    assert {"ibsa", "wijkmonitoring", "statbel", "observatbru", "social_brussels", "opendatastore"} <= set(ids)


def test_sources_json_has_the_contract_keys(as_role, world):
    OwnSourceFactory(organisation_id=world.org_a.id, name="Eigen")
    OwnSourceFactory(organisation_id=world.org_b.id, name="Van B")
    db.session.commit()
    data = as_role("viewer").get(f"{SOURCES}.json").get_json()
    assert all(set(row) == {"id", "name", "publisher", "level", "url", "languages", "own"} for row in data)
    assert [r["name"] for r in data if r["own"]] == ["Eigen"]
    assert len([r for r in data if not r["own"]]) == len(CATALOGUE)


def test_names_and_descriptions_speak_the_readers_language(as_role, world):
    world.viewer.locale = "fr"
    db.session.commit()
    data = as_role("viewer").get(f"{SOURCES}.json").get_json()
    assert data[0]["name"] == "Institut Bruxellois de Statistique et d’Analyse (IBSA)"
    html = as_role("viewer").get(SOURCES).get_data(as_text=True)
    assert "Quartier" in html or "quartier" in html


def test_a_member_adds_a_source(as_role):
    response = as_role("member").post(SOURCES, data=SOURCE)
    assert response.status_code == 303
    source = db.session.query(OwnSource).one()
    assert source.languages == ["nl", "fr"] and source.level == "neighbourhood"
    assert f"#source-own-{source.id}" in response.headers["Location"]


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "ftp://example.be/x", "www.example.be", "https://", "data:text/html,x", "https://a b.be"],
)
def test_a_source_that_is_not_http_is_422(as_role, url):
    response = as_role("member").post(SOURCES, data={**SOURCE, "url": url})
    assert response.status_code == 422
    assert "https://" in error_for(response.get_data(as_text=True), "source-url")
    assert db.session.query(OwnSource).count() == 0


def test_a_source_without_name_or_with_an_unknown_level_is_422(as_role):
    c = as_role("member")
    assert c.post(SOURCES, data={**SOURCE, "name": ""}).status_code == 422
    assert c.post(SOURCES, data={**SOURCE, "level": "planet"}).status_code == 422
    assert c.post(SOURCES, data={**SOURCE, "languages": ["xx"]}).status_code == 422


def test_viewers_cannot_add_sources(as_role):
    assert as_role("viewer").post(SOURCES, data=SOURCE).status_code == 403


def test_the_catalogue_has_no_dead_internal_links(as_role, world):
    """Every link on the sources page that stays inside the workspace answers 200."""
    OwnSourceFactory(organisation_id=world.org_a.id)
    db.session.commit()
    c = as_role("member")
    html = c.get(SOURCES).get_data(as_text=True)
    internal = {h for h in re.findall(r'href="([^"]+)"', html) if h.startswith("/") and not h.startswith("//")}
    assert "/o/org-a/buurtanalyse" in internal
    for href in internal:
        if href.startswith("/static/"):
            continue
        assert c.get(href.split("#")[0], follow_redirects=True).status_code == 200, href
    external = [h for h in re.findall(r'href="([^"]+)"', html) if h.startswith("http")]
    assert all(h.startswith(("https://", "http://")) for h in external)


def test_the_sources_filter_by_level(as_role):
    c = as_role("viewer")
    html = c.get(f"{SOURCES}?level=neighbourhood").get_data(as_text=True)
    assert "Neighbourhood monitoring" in html and "Statbel, the Belgian" not in html
    assert 'aria-current="page">Neighbourhood<' in html
    everything = c.get(f"{SOURCES}?level=planet").get_data(as_text=True)
    assert "Statbel, the Belgian" in everything
