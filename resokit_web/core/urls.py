from __future__ import annotations

from urllib.parse import urlsplit

from flask import request, url_for


def safe_next(target: str | None, fallback_endpoint: str = "orgs.list_orgs", **fallback_values) -> str:
    """A same-site path to go back to, never another site (no open redirect)."""
    if target:
        parts = urlsplit(target)
        if (
            not parts.scheme
            and not parts.netloc
            and target.startswith("/")
            and not target.startswith("//")
            and "\\" not in target
        ):
            return target
    return url_for(fallback_endpoint, **fallback_values)


def back_or(fallback_endpoint: str, **fallback_values) -> str:
    """The page the request came from when it is on this site, else the fallback: where
    a plain form post (no JavaScript) returns to after a small action such as archiving."""
    referrer = request.referrer
    if referrer and referrer.startswith(request.host_url):
        return referrer
    return url_for(fallback_endpoint, **fallback_values)


def current_path() -> str:
    return request.full_path.rstrip("?")
