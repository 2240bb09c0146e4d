"""Static file URLs that change when the file changes, so browsers may cache them for long."""

from __future__ import annotations

import hashlib
import os

from flask import current_app, url_for

_digests: dict[tuple[str, float], str] = {}


def asset(filename: str) -> str:
    path = os.path.join(current_app.static_folder, filename)
    mtime = os.path.getmtime(path)
    key = (filename, mtime)
    digest = _digests.get(key)
    if digest is None:
        with open(path, "rb") as fh:
            digest = hashlib.sha256(fh.read()).hexdigest()[:12]
        _digests[key] = digest
    return url_for("static", filename=filename, v=digest)
