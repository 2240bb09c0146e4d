"""No session at all for the requests that never use one: static files and the health
check. A browser sends its session cookie with every stylesheet and script; loading the
session for each (a database read, without Redis) was most of what they cost."""

from __future__ import annotations

from flask import Flask, Request
from flask.sessions import SessionInterface


class WithoutSessionFor(SessionInterface):
    """The app's session interface, except that paths under ``prefixes`` get Flask's null
    session (empty; writing to it is an error, so a route that starts to need a session
    is noticed at once) and nothing is read or stored for them."""

    def __init__(self, inner: SessionInterface, prefixes: tuple[str, ...]) -> None:
        self.inner = inner
        self.prefixes = prefixes

    def open_session(self, app: Flask, request: Request):
        if request.path.startswith(self.prefixes):
            return self.inner.make_null_session(app)
        return self.inner.open_session(app, request)

    def save_session(self, app: Flask, session, response) -> None:
        return self.inner.save_session(app, session, response)

    def __getattr__(self, name: str):
        # Everything else (regenerate, the cookie settings) is the inner interface's.
        return getattr(self.inner, name)


def init_app(app: Flask) -> None:
    app.session_interface = WithoutSessionFor(app.session_interface, ("/healthz", f"{app.static_url_path}/"))
