"""Address search for the point pickers: an address in, a few candidate points out.

Optional: ``RESOKIT_GEOCODER_URL`` names a server speaking the Nominatim search API
(``/search?q=...&format=jsonv2&limit=5`` answering ``[{lat, lon, display_name}, ...]``),
as Nominatim and Photon servers do. The server asks it, never the browser, so the
Content-Security-Policy stays closed. Every failure (no answer in time, an error status,
an answer that is not that list) is one :class:`GeocoderError`: the form says the search
is unavailable next to the field, it never becomes a 500.

Forms with a point use :func:`lookup` (views) and the ``point_picker`` macro (templates):
a submit button ``find_address`` searches what was typed in ``place_search``; each
candidate is a submit button ``use_point`` (``"lat,lon"``) that puts its point in the
form's coordinate fields. Both re-render the form, nothing is saved. With JavaScript
(static/js/picker.js) a candidate fills the fields in the page without a request.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass, field
from urllib.error import URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from flask import current_app, request
from flask_babel import get_locale
from flask_babel import gettext as _

log = logging.getLogger(__name__)

QUERY_MAX = 200
LIMIT = 5
ANSWER_MAX = 1024 * 1024  # bytes read from the geocoder at most


class GeocoderError(Exception):
    """The address search did not give an answer we can use."""


@dataclass(frozen=True)
class Candidate:
    lat: float
    lon: float
    name: str

    @property
    def value(self) -> str:
        return f"{self.lat:.6f},{self.lon:.6f}"


@dataclass
class Lookup:
    """What the form shows after a search: what was typed, the candidates, or a message."""

    query: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    error: str | None = None
    searched: bool = False


def configured() -> bool:
    return bool(current_app.config.get("RESOKIT_GEOCODER_URL"))


def search(query: str, *, language: str | None = None) -> list[Candidate]:
    """Ask the configured geocoder for at most five points for ``query``."""
    base = (current_app.config.get("RESOKIT_GEOCODER_URL") or "").rstrip("/")
    if not base:
        raise GeocoderError("no geocoder configured")
    params = {"q": query, "format": "jsonv2", "limit": str(LIMIT)}
    if language:
        params["accept-language"] = language
    req = Request(
        f"{base}/search?{urlencode(params)}",
        headers={"Accept": "application/json", "User-Agent": "Resokit Web (address search for a map form)"},
    )
    timeout = float(current_app.config.get("RESOKIT_GEOCODER_TIMEOUT") or 4.0)
    try:
        with urlopen(req, timeout=timeout) as response:  # noqa: S310 (the URL is the deployer's)
            body = response.read(ANSWER_MAX + 1)
    except (URLError, OSError, ValueError) as error:  # refused, timed out, an HTTP error status
        log.warning("address search failed: %s", error)
        raise GeocoderError(str(error)) from error
    if len(body) > ANSWER_MAX:
        raise GeocoderError("answer too large")
    try:
        items = json.loads(body)
    except ValueError as error:
        raise GeocoderError("answer is not JSON") from error
    if not isinstance(items, list):
        raise GeocoderError("answer is not a list")
    out: list[Candidate] = []
    for item in items:
        candidate = _candidate(item)
        if candidate and candidate not in out:
            out.append(candidate)
        if len(out) == LIMIT:
            break
    return out


def _candidate(item) -> Candidate | None:
    if not isinstance(item, dict):
        return None
    try:
        lat, lon = float(item.get("lat")), float(item.get("lon"))
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    name = item.get("display_name")
    name = " ".join(str(name).split())[:300] if isinstance(name, str) and name.strip() else f"{lat:.5f}, {lon:.5f}"
    return Candidate(round(lat, 6), round(lon, 6), name)


def parse_point(value: str) -> tuple[float, float] | None:
    try:
        lat_text, lon_text = value.split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def _set(coordinate, value: float) -> None:
    coordinate.data = value
    coordinate.raw_data = [f"{value:.6f}"]
    coordinate.errors = []


def lookup(lat_field, lon_field, fallback_query: str = "") -> Lookup | None:
    """The form's address search, or None when the form was sent to be saved.

    ``find_address``: search what was typed (or, empty, ``fallback_query``, e.g. the
    form's own address field). ``use_point``: put the chosen candidate's point in the
    coordinate fields. Either way the caller shows the form again and saves nothing.
    """
    form = request.form
    if "find_address" not in form and "use_point" not in form:
        return None
    result = Lookup(query=" ".join((form.get("place_search") or "").split())[:QUERY_MAX])
    if "use_point" in form:
        point = parse_point(form.get("use_point") or "")
        if point:
            _set(lat_field, point[0])
            _set(lon_field, point[1])
        return result
    if not configured():
        result.error = _("Address search is not set up on this server. Click the map or type the coordinates.")
        return result
    query = result.query or " ".join((fallback_query or "").split())[:QUERY_MAX]
    if not query:
        result.error = _("Type an address to search for.")
        return result
    result.query = query
    try:
        result.candidates = search(query, language=str(get_locale() or "") or None)
    except GeocoderError:
        result.error = _("The address search is not answering right now. Try again later, or click the map.")
        return result
    result.searched = True
    if not result.candidates:
        result.error = _("No place found for this address. Add the municipality and try again.")
    return result
