"""Friendly error pages in the visitor's language that reveal nothing about the inside."""

from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .i18n import workspace_locale

MESSAGES = {
    400: (
        _l("Something in this request was not right"),
        _l(
            "The form may have been open too long, or something went wrong on the way. Go back, reload the page and try again."
        ),
    ),
    401: (_l("Please sign in"), _l("You need to sign in to see this page.")),
    403: (
        _l("Not allowed"),
        _l("Your role in this organisation does not allow this. A coordinator can change your role."),
    ),
    404: (_l("Page not found"), _l("This page does not exist, or you do not have access to it.")),
    405: (_l("Not possible this way"), _l("This address does not accept this kind of request.")),
    413: (_l("Too large"), _l("What you sent is larger than we accept. Try a smaller file.")),
    428: (
        _l("Version missing"),
        _l("This change did not say which version it started from. Reload the page and try again."),
    ),
    429: (
        _l("Slow down a little"),
        _l("There were too many attempts in a short time. Wait a few minutes and try again."),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l("It is not your fault. Try again in a moment; if it keeps happening, tell your coordinator."),
    ),
}


def render_error(code: int):
    try:
        # A resident page may speak a language the workspace's error pages do not.
        with force_locale(workspace_locale()):
            return _render_error(code)
    except Exception:  # noqa: BLE001 - the full page needs the database; this one does not
        current_app.logger.exception("error page fell back to the bare version")
        return _bare_error(code), code


def _render_error(code: int):
    title, message = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
    if request.headers.get("HX-Request"):
        response = render_template("errors/alert.html", code=code, title=title, message=message)
        return response, code, {"HX-Retarget": "#status", "HX-Reswap": "innerHTML"}
    return render_template("errors/error.html", code=code, title=title, message=message), code


def _bare_error(code: int) -> str:
    """The error page without the workspace around it: no user, no database, no session.

    Used when the full page cannot be drawn, typically because the database is down.
    """
    lang = (
        request.accept_languages.best_match(current_app.config["LANGUAGES"])
        or current_app.config["BABEL_DEFAULT_LOCALE"]
    )
    with force_locale(lang):
        title, message = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
        # Straight from the Jinja environment: context processors would load the user.
        template = current_app.jinja_env.get_template("errors/bare.html")
        return template.render(code=code, title=str(title), message=str(message), lang=lang)


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code in (301, 302, 303, 307, 308):
            return error
        return render_error(error.code or 500)

    @app.errorhandler(InternalServerError)
    def server_error(error):
        return render_error(500)
