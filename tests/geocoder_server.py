"""A small local server speaking the Nominatim search API, for the address search tests.

``/search?q=...&format=jsonv2&limit=5`` answers ``[{lat, lon, display_name}, ...]`` as
Nominatim and Photon servers do; a few queries misbehave on purpose (an error status,
an answer that is no JSON, one that never comes in time).
"""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

PLACES = {
    "wayezstraat": [
        {"lat": "50.8368201", "lon": "4.3098703", "display_name": "Wayezstraat 12, Anderlecht, Brussel"},
        {"lat": "50.8371", "lon": "4.3110", "display_name": "Rue Wayez, Anderlecht"},
        {"lat": "not a number", "lon": "4.3", "display_name": "broken entry"},
        {"lat": "95", "lon": "4.3", "display_name": "beyond the pole"},
    ],
    "<script>": [{"lat": "50.84", "lon": "4.35", "display_name": "<script>alert(1)</script> Square"}],
}


@dataclass
class GeocoderServer:
    url: str
    requests: list[dict] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


def _handler(server: GeocoderServer):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            server.requests.append({"path": parts.path, **query, "user-agent": self.headers.get("User-Agent", "")})
            q = query.get("q", "").lower()
            if parts.path != "/search":
                return self._send(404, b"[]")
            if q == "broken":
                return self._send(500, b"oops")
            if q == "garbage":
                return self._send(200, b"<html>not json</html>")
            if q == "an object":
                return self._send(200, b'{"error": "no list"}')
            if q == "slow":
                server.release.wait(10)  # until the test is done: the app gives up first
                return self._send(200, b"[]")
            body = json.dumps(next((v for k, v in PLACES.items() if k in q), [])).encode()
            return self._send(200, body)

        def _send(self, status: int, body: bytes):
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def running_geocoder():
    """A local server speaking the Nominatim search API, in a thread, while in the block."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), None)
    server = GeocoderServer(url=f"http://127.0.0.1:{httpd.server_address[1]}/")
    httpd.RequestHandlerClass = _handler(server)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def geocoder(app):
    """The app's address search pointed at a local server; its requests are recorded."""
    with running_geocoder() as server:
        app.config["RESOKIT_GEOCODER_URL"] = server.url
        app.config["RESOKIT_GEOCODER_TIMEOUT"] = 0.5
        yield server
    app.config["RESOKIT_GEOCODER_URL"] = None
