"""Compressed pages, fragments and static files; event streams never compressed or held back."""

from __future__ import annotations

import gzip

import brotli
import pytest

from resokit_web.core import assets

from ..conftest import HX


def test_pages_and_fragments_are_compressed_as_the_browser_accepts(world, as_role):
    client = as_role("member")
    plain = client.get("/o/org-a/buurtkaart")
    assert "Content-Encoding" not in plain.headers
    br = client.get("/o/org-a/buurtkaart", headers={"Accept-Encoding": "gzip, deflate, br"})
    gz = client.get("/o/org-a/buurtkaart", headers={"Accept-Encoding": "gzip"})
    assert br.headers["Content-Encoding"] == "br" and gz.headers["Content-Encoding"] == "gzip"
    for response, unpack in ((br, brotli.decompress), (gz, gzip.decompress)):
        html = unpack(response.get_data()).decode()
        assert 'id="treasure-map"' in html and "Accept-Encoding" in response.headers["Vary"]
    fragment = client.get("/o/org-a/buurtkaart", headers={**HX("treasure-results")(), "Accept-Encoding": "gzip"})
    assert fragment.headers["Content-Encoding"] == "gzip"
    assert 'id="treasure-results"' in gzip.decompress(fragment.get_data()).decode()


@pytest.fixture
def fast(app):
    app.config.update(RESOKIT_SSE_HEARTBEAT=0.01)
    return app


def test_an_event_stream_is_neither_compressed_nor_held_back(fast, world, as_role):
    response = as_role("member").get(
        "/o/org-a/events?page=buurtkaart", headers={"Accept-Encoding": "gzip, deflate, br"}, buffered=False
    )
    assert response.status_code == 200 and response.mimetype == "text/event-stream"
    assert "Content-Encoding" not in response.headers and "Content-Length" not in response.headers
    assert response.headers["X-Accel-Buffering"] == "no"
    chunks = iter(response.response)
    # The first words arrive on their own, before the stream has anything else to say.
    assert next(chunks).decode().startswith("retry: 2000\n: connected")
    assert ": ping" in "".join(next(chunks).decode() for _ in range(3))
    response.close()


def test_static_text_files_go_packed_and_immutable_under_a_versioned_url(app, client):
    with app.test_request_context():
        url = assets.asset("js/map.js")
    with open(f"{app.static_folder}/js/map.js", "rb") as fh:
        source = fh.read()
    br = client.get(url, headers={"Accept-Encoding": "br, gzip"})
    assert br.status_code == 200 and br.headers["Content-Encoding"] == "br"
    assert brotli.decompress(br.get_data()) == source
    assert "immutable" in br.headers["Cache-Control"] and "max-age=31536000" in br.headers["Cache-Control"]
    assert "Accept-Encoding" in br.headers["Vary"]
    gz = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip" and gzip.decompress(gz.get_data()) == source
    assert client.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": gz.headers["ETag"]}).status_code == 304
    plain = client.get(url)
    assert "Content-Encoding" not in plain.headers and plain.get_data() == source
    plain.close()


def test_images_and_missing_files_are_served_as_before(client):
    png = client.get("/static/vendor/leaflet/images/marker-icon.png", headers={"Accept-Encoding": "br, gzip"})
    assert png.status_code == 200 and "Content-Encoding" not in png.headers
    png.close()
    assert client.get("/static/js/nothing-here.js", headers={"Accept-Encoding": "br"}).status_code == 404
    assert client.get("/static/../resokit_web/config.py", headers={"Accept-Encoding": "br"}).status_code == 404
