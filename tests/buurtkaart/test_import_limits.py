"""Import files that would otherwise have given a 500 or a silent guess: deep or huge
JSON, numbers that are no numbers, and a CSV that is not UTF-8."""

from __future__ import annotations

import sqlalchemy as sa

from resokit_web.buurtkaart.models import Treasure, TreasureImport
from resokit_web.core import safejson
from resokit_web.extensions import db

from ..conftest import HX
from .test_import import job_of, upload


def point(lat: str, lon: str = "4.3") -> bytes:
    return (
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Plek"},'
        f'"geometry":{{"type":"Point","coordinates":[{lon},{lat}]}}}}]}}'
    ).encode()


def refused(response, message: str) -> None:
    html = response.get_data(as_text=True)
    assert response.status_code == 422, html[:300]
    assert 'id="file-error"' in html and message in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TreasureImport)) == 0


def test_deeply_nested_geojson_is_refused_with_a_message(world, as_role):
    deep = b'{"type":"FeatureCollection","features":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    refused(upload(as_role("member"), deep, "kaart.geojson"), "nested too deeply")


def test_nesting_a_map_tool_writes_is_fine():
    polygon = '{"type":"MultiPolygon","coordinates":[[[[4.3,50.8],[4.4,50.8],[4.3,50.9]]]]}'
    assert safejson.loads('{"type":"Feature","geometry":' + polygon + "}")["geometry"]["type"] == "MultiPolygon"
    # Brackets inside a text do not count as nesting.
    assert safejson.loads('{"name": "' + "[" * 100 + '"}')["name"] == "[" * 100


def test_huge_and_non_numbers_are_refused_with_a_message(world, as_role):
    client = as_role("member")
    for lat in ("9" * 5000, "1e999", "NaN", "-Infinity", "0." + "1" * 60):
        refused(upload(client, point(lat), "kaart.geojson"), "far too large")


def test_an_ordinary_geojson_point_still_imports(world, as_role):
    job = job_of(upload(as_role("member"), point("50.8366", "4.3185"), "kaart.geojson"))
    assert job.valid_rows == 1 and job.rows[0]["values"]["lat"] == 50.8366


CP1252 = "naam;adres\r\nCafé Élégance;Rue de la Clé 3\r\n".encode("cp1252")


def test_a_csv_that_is_not_utf8_names_the_encoding_and_asks_before_importing(world, as_role):
    client = as_role("member")
    job = job_of(upload(client, CP1252))
    assert job.encoding == "cp1252" and job.rows[0]["values"]["name"] == "Café Élégance"
    preview = client.get(f"/o/org-a/buurtkaart/import/{job.id}").get_data(as_text=True)
    assert "not saved as UTF-8" in preview and "Windows-1252" in preview and 'name="encoding_ok"' in preview

    # Not confirmed: nothing imported, the message beside the box (with htmx: the block).
    response = client.post(f"/o/org-a/buurtkaart/import/{job.id}", headers=HX("import-status")())
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="encoding-ok-error"' in html and "<html" not in html
    assert client.post(f"/o/org-a/buurtkaart/import/{job.id}").status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Treasure)) == 0

    assert client.post(f"/o/org-a/buurtkaart/import/{job.id}", data={"encoding_ok": "y"}).status_code == 303
    assert db.session.scalar(sa.select(Treasure.name)) == "Café Élégance"


def test_a_utf8_csv_asks_nothing(world, as_role):
    client = as_role("member")
    job = job_of(upload(client, "naam;adres\nCafé;Clé 3\n".encode()))
    assert job.encoding is None
    assert "encoding_ok" not in client.get(f"/o/org-a/buurtkaart/import/{job.id}").get_data(as_text=True)
    assert client.post(f"/o/org-a/buurtkaart/import/{job.id}").status_code == 303
