"""Response headers that keep pages safe: a strict CSP with a per-request nonce and friends."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from flask import Flask, Response, g, request


def tile_origin(tile_url: str) -> str:
    """The origin the map tiles come from, as a CSP source (``{s}`` becomes ``*``)."""
    parts = urlsplit(tile_url)
    host = parts.netloc.replace("{s}", "*")
    return f"{parts.scheme}://{host}" if host else ""


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def init_app(app: Flask) -> None:
    tiles = tile_origin(app.config["RESOKIT_TILE_URL"])

    @app.after_request
    def set_security_headers(response: Response) -> Response:
        nonce = csp_nonce()
        policy = [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            f"style-src 'self' 'nonce-{nonce}'",
            f"img-src 'self' data: {tiles}".strip(),
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ]
        headers = response.headers
        headers.setdefault("Content-Security-Policy", "; ".join(policy))
        headers.setdefault("X-Content-Type-Options", "nosniff")
        # Other sites (the tile server too) get our origin at most, never a path or token.
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "geolocation=(self), camera=(), microphone=()")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
