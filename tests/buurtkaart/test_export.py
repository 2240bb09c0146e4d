"""GeoJSON and CSV exports: content, filters, formula neutralising."""

from __future__ import annotations

import csv
import io
import json

from resokit_web.extensions import db

from ..factories.buurtkaart import TreasureFactory


def test_geojson_is_a_feature_collection_with_lon_lat(world, as_role):
    t = TreasureFactory(organisation_id=world.org_a.id, name="Dauwpark", lat=50.8417, lon=4.326, tags=["park"])
    TreasureFactory(organisation_id=world.org_a.id, name="Zonder punt", lat=None, lon=None)
    TreasureFactory(organisation_id=world.org_b.id, name="Elders")
    db.session.commit()
    response = as_role("viewer").get("/o/org-a/buurtkaart.geojson")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    data = json.loads(response.get_data(as_text=True))
    assert data["type"] == "FeatureCollection"
    by_name = {f["properties"]["name"]: f for f in data["features"]}
    assert set(by_name) == {"Dauwpark", "Zonder punt"}
    park = by_name["Dauwpark"]
    assert park["geometry"] == {"type": "Point", "coordinates": [4.326, 50.8417]}
    assert set(park["properties"]) == {
        "id",
        "name",
        "kind",
        "category",
        "description",
        "formal",
        "tags",
        "status",
        "source",
        "version",
        "updated_at",
    }
    assert park["properties"]["id"] == t.id and park["properties"]["tags"] == ["park"]
    assert by_name["Zonder punt"]["geometry"] is None


def test_geojson_follows_the_filters_and_answers_one_treasure(world, as_role):
    a = TreasureFactory(organisation_id=world.org_a.id, name="Plek", kind="place")
    b = TreasureFactory(organisation_id=world.org_a.id, name="Dienst", kind="service")
    db.session.commit()
    client = as_role("viewer")
    names = lambda url: [f["properties"]["name"] for f in client.get(url).get_json()["features"]]  # noqa: E731
    assert names("/o/org-a/buurtkaart.geojson?kind=service") == ["Dienst"]
    assert names(f"/o/org-a/buurtkaart.geojson?id={a.id}") == ["Plek"]
    assert names(f"/o/org-a/buurtkaart.geojson?id={a.id}&kind=service") == []  # filtered out: the map removes it
    assert names(f"/o/org-a/buurtkaart.geojson?id={b.id}&status=archived") == []


def test_csv_has_a_bom_every_column_and_neutralised_formulas(world, as_role):
    TreasureFactory(
        organisation_id=world.org_a.id,
        name='=HYPERLINK("http://evil")',
        description="+31 tel",
        address="@home",
        tags=["-min", "ok"],
        lat=50.1,
        lon=-0.5,
    )
    TreasureFactory(organisation_id=world.org_a.id, name="\tTab", description="\rcr", address="Markt 1")
    db.session.commit()
    response = as_role("viewer").get("/o/org-a/buurtkaart.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "id",
        "name",
        "kind",
        "category",
        "description",
        "address",
        "lat",
        "lon",
        "formal",
        "tags",
        "status",
        "source",
        "version",
        "updated_at",
    ]
    evil = next(r for r in rows if "HYPERLINK" in r["name"])
    assert evil["name"].startswith("'=") and evil["description"] == "'+31 tel" and evil["address"] == "'@home"
    assert evil["tags"] == "'-min, ok"
    assert evil["lon"] == "-0.5"  # our own numbers stay numbers
    tab = next(r for r in rows if "Tab" in r["name"])
    assert tab["name"] == "'\tTab" and tab["description"].startswith("'\r")
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")) and not (
                value.startswith("-") and not value[1:2].isdigit()
            )


def test_exports_are_for_members_of_the_organisation_only(world, as_role):
    assert as_role("outsider").get("/o/org-a/buurtkaart.csv").status_code == 404
    assert as_role("anonymous").get("/o/org-a/buurtkaart.geojson").status_code == 302


def test_export_is_one_query(world, as_role, app):
    for i in range(30):
        TreasureFactory(organisation_id=world.org_a.id, name=f"Schat {i}")
    db.session.commit()
    import sqlalchemy as sa

    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        as_role("viewer").get("/o/org-a/buurtkaart.geojson")
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    treasure_queries = [s for s in statements if "FROM treasures" in s]
    assert len(treasure_queries) == 1
