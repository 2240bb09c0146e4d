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


def allow_framing(origins: list[str]) -> None:
    """Let this one response be shown in a frame on these sites (and our own pages): its
    CSP says ``frame-ancestors 'self' <origins>`` and it sends no X-Frame-Options; with no
    origins it stays unframeable. Nothing else of the policy changes. The origins must be
    checked already (``public/embed.py``): they are written into the header as they are."""
    g.frame_ancestors = " ".join(["'self'", *origins]) if origins else None


def init_app(app: Flask) -> None:
    tiles = tile_origin(app.config["RESOKIT_TILE_URL"])

    # The policy around the nonce is the same for every response: joined once, at start-up.
    policy = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'nonce-{nonce}'",
            f"img-src 'self' data: {tiles}".strip(),
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ]
    )
    fixed = (
        ("X-Content-Type-Options", "nosniff"),
        # Other sites (the tile server too) get our origin at most, never a path or token.
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", "geolocation=(self), camera=(), microphone=()"),
    )

    @app.after_request
    def set_security_headers(response: Response) -> Response:
        headers = response.headers
        present = {name.lower() for name in headers.keys()}  # one pass, not one per header
        ancestors = g.get("frame_ancestors")
        if "content-security-policy" not in present:
            value = policy.replace("{nonce}", csp_nonce())
            if ancestors:
                value = value.replace("frame-ancestors 'none'", f"frame-ancestors {ancestors}")
            headers.add("Content-Security-Policy", value)
        for name, value in fixed:
            if name.lower() not in present and not (ancestors and name == "X-Frame-Options"):
                headers.add(name, value)
        if request.is_secure and "strict-transport-security" not in present:
            # Secure as the server saw it: gunicorn trusts no forwarded header
            # (gunicorn_config.py); only ProxyFix does, for RESOKIT_PROXY_COUNT proxies.
            headers.add("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if "cache-control" not in present and _private(response):
            headers["Cache-Control"] = "no-store"
        return response


def _private(response: Response) -> bool:
    """A signed-in page or fragment, or any page with a CSRF token in it: no cache (the
    browser's back button included) keeps a copy. Responses that chose their own caching
    (static files, the public map data) keep it."""
    if "csrf_token" in g:  # Flask-WTF keeps the token it rendered here
        return True
    # Whoever was signed in was loaded already (every signed-in view asks); a request
    # that never looked (a health check, a static file) is not a signed-in page.
    user = g.get("_login_user")
    return user is not None and user.is_authenticated
