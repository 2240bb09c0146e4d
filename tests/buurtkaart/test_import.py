"""Importing CSV and GeoJSON: preview with a per-row report, all valid rows or none."""

from __future__ import annotations

import io
import json

import pytest
import sqlalchemy as sa

from resokit_web.activity.models import Activity
from resokit_web.buurtkaart import importing
from resokit_web.buurtkaart.models import Treasure, TreasureImport
from resokit_web.extensions import db
from resokit_web.live.history import HistoryEntry

from ..conftest import HX
from ..factories.buurtkaart import TreasureFactory

GOOD_CSV = (
    "name,kind,category,description,address,lat,lon,formal,tags\n"
    'Wasserette Bergense,place,market_shops,Mensen wachten hier.,Bergensesteenweg 112,50.8356,4.3141,yes,"wachten, praatje"\n'
    "Buurtagent,Sleutelfiguur,Publieke ruimte en pleinen,,Raadsplein,,,nee,\n"
)
BAD_CSV = (
    "name,kind,category,lat,lon,tags\n"
    "Goed,place,other,50.1,4.3,\n"
    ",place,other,,,\n"  # no name
    "Kasteel,castle,other,,,\n"  # unknown kind
    "Nergens,place,nowhere,,,\n"  # unknown category
    "Te ver,place,other,91,4.3,\n"  # latitude out of range
    "Half,place,other,50.1,,\n"  # half a point
    "Geen getal,place,other,abc,4.3,\n"  # not a number
    + "Lang,"
    + "x" * 121
    + ",other,,,\n"  # (kind too long is unknown)
    + "x" * 121
    + ",place,other,,,\n"  # name too long
    'Tags,place,other,,,"' + "t" * 41 + '"\n'  # tag too long
)


def upload(client, content: bytes | str, filename="schatten.csv", headers=None):
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        "/o/org-a/buurtkaart/import",
        data={"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
        headers=headers or {},
    )


def job_of(response) -> TreasureImport:
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return db.session.get(TreasureImport, int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1]))


def names():
    return set(db.session.scalars(sa.select(Treasure.name)))


def test_the_upload_page_explains_the_columns(world, as_role):
    html = as_role("member").get("/o/org-a/buurtkaart/import").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html and "key_figure" in html and "buurtkaart.csv" in html


def test_a_good_file_is_previewed_then_imported_whole(world, as_role):
    client = as_role("member")
    job = job_of(upload(client, GOOD_CSV))
    assert (job.status, job.total_rows, job.valid_rows) == ("ready", 2, 2)
    preview = client.get(f"/o/org-a/buurtkaart/import/{job.id}").get_data(as_text=True)
    assert "Wasserette Bergense" in preview and "Import 2 treasures" in preview
    assert names() == set()  # nothing before confirming

    response = client.post(f"/o/org-a/buurtkaart/import/{job.id}")
    assert response.status_code == 303
    db.session.refresh(job)
    assert (job.status, job.imported_rows) == ("done", 2)
    wasserette = db.session.scalar(sa.select(Treasure).filter_by(name="Wasserette Bergense"))
    assert (wasserette.lat, wasserette.lon, wasserette.tags, wasserette.formal) == (
        50.8356,
        4.3141,
        ["wachten", "praatje"],
        True,
    )
    agent = db.session.scalar(sa.select(Treasure).filter_by(name="Buurtagent"))
    assert (agent.kind, agent.category, agent.formal, agent.lat) == ("key_figure", "public_space", False, None)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(HistoryEntry)) == 2
    assert (
        db.session.scalar(sa.select(Activity.action).where(Activity.object_type == "treasure_import"))
        == "treasure.imported"
    )
    assert "2 treasures were imported" in client.get(f"/o/org-a/buurtkaart/import/{job.id}").get_data(as_text=True)
    # A second click imports nothing more.
    client.post(f"/o/org-a/buurtkaart/import/{job.id}")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Treasure)) == 2


def test_every_bad_row_is_reported_beside_its_line_and_only_good_rows_import(world, as_role):
    client = as_role("member")
    job = job_of(upload(client, BAD_CSV))
    assert job.total_rows == 10 and job.valid_rows == 1
    html = client.get(f"/o/org-a/buurtkaart/import/{job.id}").get_data(as_text=True)
    for message in (
        "A name is required.",
        "Unknown kind “castle”.",
        "Unknown category “nowhere”.",
        "A latitude lies between -90 and 90.",
        "Give both latitude and longitude, or leave both empty.",
        "“abc” is not a number.",
        "Too long: at most 120 characters.",
        "A tag can be at most 40 characters long.",
    ):
        assert message in html, message
    assert 'id="row-3"' in html and 'id="row-4"' in html  # the file's line numbers
    assert "Import 1 treasure" in html
    client.post(f"/o/org-a/buurtkaart/import/{job.id}")
    assert names() == {"Goed"}
    db.session.refresh(job)
    assert job.status == "done" and len(job.rows) == 9  # the rows left out stay to be fixed


@pytest.mark.parametrize(
    "content,filename,message",
    [
        (b"", "leeg.csv", "Choose a file to import."),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "foto.png", "could not be read"),
        (b"{not json", "kaart.geojson", "not valid JSON"),
        (b'{"type": "Polygon"}', "kaart.geojson", "no FeatureCollection"),
        (b"naam zonder kolommen\n", "lijst.csv", "at least a “name” column"),
        (b"kind,category\nplace,other\n", "lijst.csv", "at least a “name” column"),
        (b"name\n", "lijst.csv", "no rows"),
    ],
)
def test_a_bad_file_gets_a_message_beside_the_field(world, as_role, content, filename, message):
    response = upload(as_role("member"), content, filename)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="file-error"' in html and message in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TreasureImport)) == 0


def test_no_file_at_all(world, as_role):
    response = as_role("member").post("/o/org-a/buurtkaart/import", data={})
    assert response.status_code == 422 and "Choose a file" in response.get_data(as_text=True)


def test_too_many_rows(world, as_role, monkeypatch):
    monkeypatch.setattr(importing, "IMPORT_MAX_ROWS", 3)
    response = upload(as_role("member"), "name\n" + "".join(f"Schat {i}\n" for i in range(5)))
    assert response.status_code == 422 and "more than 3 rows" in response.get_data(as_text=True)


def test_excel_csv_with_semicolons_windows_encoding_and_decimal_commas(world, as_role):
    content = "Naam;Soort;Categorie;Breedtegraad;Lengtegraad\r\nCafé Élégance;Plek;Cafés et lieux où manger;50,8366;4,3185\r\n"
    client = as_role("member")
    job = job_of(upload(client, content.encode("cp1252")))
    assert job.valid_rows == 1, job.rows
    values = job.rows[0]["values"]
    assert (values["name"], values["kind"], values["category"], values["lat"]) == (
        "Café Élégance",
        "place",
        "cafe_food",
        50.8366,
    )


def test_the_exported_csv_imports_again(world, as_role):
    TreasureFactory(
        organisation_id=world.org_a.id,
        name="=SOM(A1)",
        description="Twee regels.\nTweede regel.",
        tags=["-min", "koffie"],
        kind="informal_network",
        category="seniors",
        formal=False,
        lat=50.83,
        lon=-0.12,
    )
    TreasureFactory(organisation_id=world.org_a.id, name="Zonder punt", lat=None, lon=None, status="archived")
    db.session.commit()
    client = as_role("member")
    exported = client.get("/o/org-a/buurtkaart.csv?status=all").get_data()
    job = job_of(upload(client, exported, "buurtkaart-org-a.csv"))
    assert job.valid_rows == 2, job.rows
    by_name = {r["values"]["name"]: r["values"] for r in job.rows}
    assert by_name["=SOM(A1)"] == {
        "name": "=SOM(A1)",
        "kind": "informal_network",
        "category": "seniors",
        "description": "Twee regels.\nTweede regel.",
        "address": "Clemenceaulaan 1",
        "lat": 50.83,
        "lon": -0.12,
        "formal": False,
        "tags": ["-min", "koffie"],
        "status": "accepted",
        "public": False,
    }
    assert by_name["Zonder punt"]["status"] == "archived" and by_name["Zonder punt"]["lat"] is None
    assert by_name and job.rows[0]["warnings"] or job.rows[1]["warnings"]
    duplicate = next(r for r in job.rows if r["values"]["name"] == "=SOM(A1)")
    assert duplicate["warnings"] and not duplicate["errors"]  # already on the map: said, not refused


def test_the_exported_geojson_imports_again(world, as_role):
    TreasureFactory(organisation_id=world.org_a.id, name="Dauwpark", lat=50.8417, lon=4.326, tags=["park"])
    db.session.commit()
    client = as_role("member")
    exported = client.get("/o/org-a/buurtkaart.geojson").get_data()
    job = job_of(upload(client, exported, "kaart.geojson"))
    assert job.format == "geojson" and job.valid_rows == 1
    assert job.rows[0]["values"]["lat"] == 50.8417 and job.rows[0]["values"]["lon"] == 4.326


def test_geojson_rows_that_are_not_points_are_reported(world, as_role):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": []}, "properties": {"name": "Park"}},
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [4.3, 95]},
                "properties": {"name": "Noordpool"},
            },
            {"type": "Feature", "geometry": None, "properties": {"naam": "Zonder punt", "soort": "service"}},
            "rommel",
        ],
    }
    job = job_of(upload(as_role("member"), json.dumps(collection), "kaart.geojson"))
    errors = {r["line"]: r["errors"] for r in job.rows}
    assert errors[1]["lat"][0] == "not_point" and errors[2]["lat"][0] == "lat_range"
    assert errors[3] == {} and errors[4]["name"][0] == "required"


def test_nothing_is_half_saved_when_the_import_fails_midway(world, as_role, monkeypatch):
    client = as_role("member")
    job = job_of(upload(client, GOOD_CSV))
    monkeypatch.setattr(importing, "CHUNK", 1)
    real = importing.create_many
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(importing, "create_many", failing)
    assert client.post(f"/o/org-a/buurtkaart/import/{job.id}").status_code == 303
    db.session.refresh(job)
    assert job.status == "failed" and names() == set()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(HistoryEntry)) == 0
    assert "stopped before the end" in client.get(f"/o/org-a/buurtkaart/import/{job.id}").get_data(as_text=True)
    # Prepare again, then it works.
    monkeypatch.setattr(importing, "create_many", real)
    client.post(f"/o/org-a/buurtkaart/import/{job.id}/cancel")
    db.session.refresh(job)
    assert job.status == "ready"
    client.post(f"/o/org-a/buurtkaart/import/{job.id}")
    assert names() == {"Wasserette Bergense", "Buurtagent"}


def test_with_htmx_the_import_runs_in_the_background_and_shows_progress(app, world, as_role):
    app.config["RESOKIT_JOBS_INLINE"] = True  # the "background" job runs at once in tests
    client = as_role("member")
    job = job_of(upload(client, GOOD_CSV))
    response = client.post(f"/o/org-a/buurtkaart/import/{job.id}", headers=HX("import-status")())
    html = response.get_data(as_text=True)
    assert response.status_code == 202 and html.lstrip().startswith('<div id="import-status"')
    assert "2 treasures were imported" in html and "every 1s" not in html


def test_the_progress_block_polls_while_importing(app, world, as_role):
    from resokit_web.live import progress

    client = as_role("member")
    job = job_of(upload(client, GOOD_CSV))
    job.status = "importing"
    db.session.commit()
    progress.store().report(importing.progress_key(job.id), 1, 2)
    html = client.get(f"/o/org-a/buurtkaart/import/{job.id}", headers=HX("import-status")()).get_data(as_text=True)
    assert 'hx-trigger="every 1s"' in html and "<progress" in html and 'value="1"' in html
    assert "Importing: 1 of 2" in html


def test_cancel_adds_nothing(world, as_role):
    client = as_role("member")
    job = job_of(upload(client, GOOD_CSV))
    assert client.post(f"/o/org-a/buurtkaart/import/{job.id}/cancel").status_code == 303
    db.session.refresh(job)
    assert job.status == "cancelled" and job.rows == []
    client.post(f"/o/org-a/buurtkaart/import/{job.id}")
    assert names() == set()


def test_imports_of_another_organisation_are_not_found(world, as_role):
    job = job_of(upload(as_role("member"), GOOD_CSV))
    assert as_role("outsider").get(f"/o/org-b/buurtkaart/import/{job.id}").status_code == 404
    assert as_role("viewer").get(f"/o/org-a/buurtkaart/import/{job.id}").status_code == 403
