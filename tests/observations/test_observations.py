"""Observations: the form's contract, the photo pipeline, the list, the map data, treasures."""

from __future__ import annotations

import io
import json

import sqlalchemy as sa
from PIL import ExifTags, Image

from resokit_web.buurtkaart.models import Treasure
from resokit_web.extensions import db
from resokit_web.observations import photos
from resokit_web.observations.models import Observation

from ..factories.observations import make_observation, png


def _jpeg_with_gps(size=(2400, 1800)) -> bytes:
    image = Image.new("RGB", size, (30, 120, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCam"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (50.0, 50.0, 12.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (4.0, 19.0, 5.0),
    }
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _post(client, photo: bytes | None = None, filename="foto.jpg", **fields):
    data = {
        "text": "Drie buren zitten op de bank aan het Rauterplein",
        "kind": "meeting_place",
        "observed_at": "2026-12-01T14:30",
        "lat": "50.8384",
        "lon": "4.3210",
        **fields,
    }
    if photo is not None:
        data["photo"] = (io.BytesIO(photo), filename)
    return client.post("/o/org-a/observations", data=data, content_type="multipart/form-data")


def _all(org_id):
    return list(db.session.scalars(sa.select(Observation).where(Observation.organisation_id == org_id)))


def test_a_member_adds_an_observation_with_the_contract_fields(as_role, world):
    response = _post(as_role("member"))
    assert response.status_code == 303
    [obs] = _all(world.org_a.id)
    assert (obs.text, obs.kind, obs.lat, obs.lon, obs.photo) == (
        "Drie buren zitten op de bank aan het Rauterplein",
        "meeting_place",
        50.8384,
        4.321,
        None,
    )
    # 14:30 in Brussels in winter is 13:30 UTC.
    assert obs.observed_at.hour == 13 and obs.observed_at.minute == 30
    page = as_role("viewer").get("/o/org-a/observations").get_data(as_text=True)
    assert "Rauterplein" in page


def test_a_point_is_optional_but_both_coordinates_go_together(as_role, world):
    assert _post(as_role("member"), lat="", lon="").status_code == 303
    response = _post(as_role("member"), lat="50.83", lon="")
    assert response.status_code == 422
    assert "Give both latitude and longitude" in response.get_data(as_text=True)
    assert len(_all(world.org_a.id)) == 1


def test_bad_input_gets_its_message_and_nothing_is_saved(as_role, world):
    client = as_role("member")
    cases = [
        ({"text": ""}, "Write in a few words what you saw or heard."),
        ({"kind": "gossip"}, "Choose one of the kinds in the list."),
        ({"observed_at": "gisteren"}, "Give the day and the hour"),
        ({"observed_at": "2099-01-01T10:00"}, "An observation cannot lie in the future."),
        ({"lat": "abc"}, "latitude"),
    ]
    for fields, message in cases:
        response = _post(client, **fields)
        assert response.status_code == 422, fields
        assert message in response.get_data(as_text=True), fields
    assert _all(world.org_a.id) == []


def test_a_jpeg_with_gps_comes_out_resized_and_without_metadata(as_role, world, photo_dir):
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    response = _post(as_role("member"), photo=original)
    assert response.status_code == 303
    [obs] = _all(world.org_a.id)
    stored = (photo_dir / "observations" / str(world.org_a.id) / obs.photo).read_bytes()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and max(image.size) == 1600 and image.size == (1600, 1200)
    assert len(image.getexif()) == 0 and b"Exif" not in stored and b"PhoneCam" not in stored
    served = as_role("viewer").get(f"/o/org-a/observations/{obs.id}/photo")
    assert served.status_code == 200 and served.mimetype == "image/jpeg" and served.data == stored
    assert "private" in served.headers["Cache-Control"]
    served.close()


def test_a_png_is_accepted(as_role, world):
    assert _post(as_role("member"), photo=png((800, 600)), filename="plein.png").status_code == 303
    [obs] = _all(world.org_a.id)
    assert obs.photo.endswith(".jpg")


def test_a_file_that_is_not_an_image_is_refused(as_role, world):
    response = _post(as_role("member"), photo=b"%PDF-1.4 not a photo", filename="brief.pdf")
    assert response.status_code == 422
    assert "This file is not a photo we can read" in response.get_data(as_text=True)
    assert _all(world.org_a.id) == []


def test_an_image_of_another_type_is_refused(as_role, world):
    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, "GIF")
    response = _post(as_role("member"), photo=out.getvalue(), filename="anim.gif")
    assert response.status_code == 422
    assert "Only JPEG and PNG photos are accepted." in response.get_data(as_text=True)


def test_a_decompression_bomb_is_refused_before_decoding():
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG")  # 400 megapixels in a few kilobytes
    assert len(out.getvalue()) < 200_000
    try:
        photos.clean(out.getvalue())
    except photos.PhotoError as error:
        assert error.message is photos.TOO_MANY_PIXELS
    else:
        raise AssertionError("a bomb was taken")


def test_a_bomb_through_the_form_is_a_4xx(as_role, world):
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG")
    response = _post(as_role("member"), photo=out.getvalue(), filename="bom.png")
    assert response.status_code == 422
    assert "far more pixels than a photo" in response.get_data(as_text=True)


def _raw_post(client, photo: bytes):
    """A multipart body built by hand: the test client would spool a big one into a
    temporary file it never closes."""
    boundary = "resokitbig"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\nFilm\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="observed_at"\r\n\r\n2026-12-01T10:00\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="groot.jpg"\r\n'
            "Content-Type: image/jpeg\r\n\r\n"
        ).encode()
        + photo
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.post(
        "/o/org-a/observations",
        input_stream=io.BytesIO(body),
        content_length=len(body),
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def test_a_photo_over_8_mb_is_refused_with_413(as_role, world):
    response = _raw_post(as_role("member"), b"\xff\xd8" + b"0" * (8 * 1024 * 1024))
    assert response.status_code == 413
    assert "larger than 8 MB" in response.get_data(as_text=True)
    assert _all(world.org_a.id) == []


def test_a_50_mb_upload_gets_a_clear_413(as_role, world):
    response = _raw_post(as_role("member"), b"0" * (50 * 1024 * 1024))
    assert response.status_code == 413
    assert "larger than we accept" in response.get_data(as_text=True)
    assert _all(world.org_a.id) == []


def test_photos_are_only_for_the_organisation(as_role, world):
    theirs = make_observation(world.org_b.id)
    db.session.commit()
    assert as_role("coordinator").get(f"/o/org-a/observations/{theirs.id}/photo").status_code == 404
    assert as_role("anonymous").get(f"/o/org-b/observations/{theirs.id}/photo").status_code == 302
    assert as_role("coordinator").get(f"/o/org-b/observations/{theirs.id}/photo").status_code == 404


def test_the_list_filters(as_role, world):
    make_observation(world.org_a.id, text="Een bank in de zon", kind="meeting_place", photo=False)
    make_observation(world.org_a.id, text="Geen speelplein", kind="missing")
    make_observation(world.org_b.id, text="Van organisatie B", kind="missing")
    db.session.commit()
    client = as_role("viewer")
    page = client.get("/o/org-a/observations?kind=missing").get_data(as_text=True)
    assert "Geen speelplein" in page and "Een bank in de zon" not in page and "Van organisatie B" not in page
    page = client.get("/o/org-a/observations?q=zon").get_data(as_text=True)
    assert "Een bank in de zon" in page and "Geen speelplein" not in page
    page = client.get("/o/org-a/observations?photo=yes").get_data(as_text=True)
    assert "Geen speelplein" in page and "Een bank in de zon" not in page
    assert client.get("/o/org-a/observations?kind=nonsense&treasure=x").status_code == 200


def test_geojson_holds_the_points_of_the_organisation(as_role, world):
    mine = make_observation(world.org_a.id, text="<b>bank</b>")
    make_observation(world.org_a.id, text="zonder punt", lat=None, lon=None, photo=False)
    make_observation(world.org_b.id, text="van B")
    db.session.commit()
    response = as_role("viewer").get("/o/org-a/observations.geojson")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    data = json.loads(response.data)
    [feature] = data["features"]
    assert feature["geometry"]["coordinates"] == [mine.lon, mine.lat]
    props = feature["properties"]
    assert props["id"] == mine.id and props["text"] == "<b>bank</b>" and props["kind"] == "meeting_place"
    assert props["photo"].endswith(f"/observations/{mine.id}/photo")


def test_an_observation_becomes_a_treasure_and_stays_linked(as_role, world):
    obs = make_observation(world.org_a.id, text="Wandelgroep op zaterdag", kind="initiative")
    db.session.commit()
    client = as_role("member")
    page = client.get(f"/o/org-a/observations/{obs.id}").get_data(as_text=True)
    assert 'value="Wandelgroep op zaterdag"' in page
    response = client.post(
        f"/o/org-a/observations/{obs.id}/treasure",
        data={"name": "Zaterdagwandeling", "kind": "initiative", "category": "sport"},
    )
    assert response.status_code == 303
    db.session.expire_all()
    obs = db.session.get(Observation, obs.id)
    treasure = db.session.get(Treasure, obs.treasure_id)
    assert (treasure.name, treasure.kind, treasure.category, treasure.organisation_id) == (
        "Zaterdagwandeling",
        "initiative",
        "sport",
        world.org_a.id,
    )
    assert (treasure.description, treasure.lat, treasure.lon) == (obs.text, obs.lat, obs.lon)
    assert treasure.version == 1
    page = client.get(f"/o/org-a/observations/{obs.id}").get_data(as_text=True)
    assert f"/o/org-a/treasures/{treasure.id}" in page
    # …and the treasure's page links back to the observation it came from.
    page = client.get(f"/o/org-a/treasures/{treasure.id}").get_data(as_text=True)
    assert "Where this treasure comes from" in page and f"/o/org-a/observations/{obs.id}" in page
    # Once is enough: a second time is a conflict, and no second treasure.
    again = client.post(
        f"/o/org-a/observations/{obs.id}/treasure",
        data={"name": "Nog eens", "kind": "initiative", "category": "sport"},
    )
    assert again.status_code == 409
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Treasure)) == 1


def test_a_treasure_needs_a_name_and_known_codes(as_role, world):
    obs = make_observation(world.org_a.id)
    db.session.commit()
    response = as_role("member").post(
        f"/o/org-a/observations/{obs.id}/treasure", data={"name": "", "kind": "castle", "category": "sport"}
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Give the treasure a name." in html and "Choose one of the kinds in the list." in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Treasure)) == 0


def test_viewers_read_but_do_not_add(as_role, world):
    assert as_role("viewer").get("/o/org-a/observations/new").status_code == 403
    assert _post(as_role("viewer")).status_code == 403
    assert as_role("viewer").get("/o/org-a/observations").status_code == 200


def test_a_new_observation_is_published_live(app, as_role, world):
    from resokit_web.live.events import bus

    seen = []
    subscription = bus().subscribe(world.org_a.id)
    try:
        _post(as_role("member"))
        event = subscription.get(timeout=2)
        seen.append(event)
    finally:
        subscription.close()
    assert seen and seen[0].type == "observation" and seen[0].extra["action"] == "created"


def test_a_member_removes_a_photo_and_its_file_is_gone(as_role, world, photo_dir):
    obs = make_observation(world.org_a.id)
    db.session.commit()
    path = photo_dir / "observations" / str(world.org_a.id) / obs.photo
    assert path.is_file()
    assert as_role("viewer").post(f"/o/org-a/observations/{obs.id}/photo/remove").status_code == 403
    response = as_role("member").post(f"/o/org-a/observations/{obs.id}/photo/remove")
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Observation, obs.id).photo is None and not path.exists()
    assert as_role("member").get(f"/o/org-a/observations/{obs.id}/photo").status_code == 404


def test_the_neighbourhood_block_links_both_tools(as_role, world):
    page = as_role("viewer").get("/o/org-a/buurt").get_data(as_text=True)
    assert 'href="/o/org-a/observations"' in page and 'href="/o/org-a/lexicon"' in page
    assert "0 observations from the street" in page and "31 city words" in page


def test_the_buurtkaart_legend_offers_the_layer_off_by_default(as_role, world):
    page = as_role("viewer").get("/o/org-a/buurtkaart").get_data(as_text=True)
    toggle = page[page.index("data-observation-layer") - 80 : page.index("data-observation-layer") + 120]
    assert 'type="checkbox"' in toggle and "checked" not in toggle
    assert 'data-url="/o/org-a/observations.geojson"' in page


def test_htmx_filters_get_only_the_results(as_role, world):
    make_observation(world.org_a.id, text="Geen speelplein", kind="missing", photo=False)
    db.session.commit()
    response = as_role("viewer").get(
        "/o/org-a/observations?kind=missing",
        headers={"HX-Request": "true", "HX-Target": "observation-results"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.lstrip().startswith('<div id="observation-results"')
    assert "Geen speelplein" in html and "<html" not in html


def test_the_form_without_javascript_keeps_what_was_typed_on_a_422(as_role, world):
    response = _post(as_role("member"), text="Een bank", lat="91", lon="4.3")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "A latitude lies between -90 and 90." in html and "Een bank</textarea>" in html


def test_the_overview_tells_who_noted_an_observation(as_role, world):
    assert _post(as_role("member")).status_code == 303
    page = as_role("viewer").get("/o/org-a/").get_data(as_text=True)
    assert "noted an observation" in page and "Drie buren zitten op de bank" in page
