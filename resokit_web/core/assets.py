"""Static files: URLs that change when the file changes (so browsers may keep them for a
year), and the text ones sent compressed, packed once per file and process."""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import os

import brotli
from flask import Flask, Response, current_app, request, url_for
from werkzeug.security import safe_join

from .cache import BoundedCache

_urls: dict[tuple[str, float, str], str] = {}
# Packed copies of the static text files, by path, modification time, size and encoding.
_packed: BoundedCache[bytes] = BoundedCache(256)
PACKED_TYPES = (".js", ".css", ".svg", ".json")
YEAR = 365 * 24 * 3600


def asset(filename: str) -> str:
    """The file's URL with its digest (``?v=``), worked out once per version of the file."""
    path = os.path.join(current_app.static_folder, filename)
    key = (path, os.path.getmtime(path), request.script_root)
    url = _urls.get(key)
    if url is None:
        with open(path, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()[:12]
        url = _urls[key] = url_for("static", filename=filename, v=digest)
    return url


def _pack(path: str, encoding: str) -> bytes:
    with open(path, "rb") as fh:
        data = fh.read()
    # The best levels: a file is packed once per process, then only sent.
    return brotli.compress(data, quality=11) if encoding == "br" else gzip.compress(data, 9, mtime=0)


def send_static(filename: str) -> Response:
    """Flask's static view, except that JavaScript, CSS and SVG go out compressed from
    memory (brotli or gzip, as the browser accepts), with a validator, and as immutable
    when the URL carries the file's digest (``asset()``)."""
    encoding = request.accept_encodings.best_match(("br", "gzip"))
    path = safe_join(current_app.static_folder, filename)
    if not encoding or path is None or not filename.endswith(PACKED_TYPES) or not os.path.isfile(path):
        return current_app.send_static_file(filename)
    stat = os.stat(path)
    key = (path, stat.st_mtime_ns, stat.st_size, encoding)
    data = _packed.get(key)
    if data is None:
        data = _pack(path, encoding)
        _packed.put(key, data)
    response = Response(data, mimetype=mimetypes.guess_type(filename)[0] or "application/octet-stream")
    response.headers["Content-Encoding"] = encoding
    response.set_etag(f"{stat.st_mtime_ns:x}-{stat.st_size:x}-{encoding}")
    response.last_modified = stat.st_mtime
    response.vary.add("Accept-Encoding")
    response.cache_control.public = True
    response.cache_control.max_age = YEAR
    if request.args.get("v"):
        response.cache_control.immutable = True
    return response.make_conditional(request)


def init_app(app: Flask) -> None:
    app.view_functions["static"] = send_static
