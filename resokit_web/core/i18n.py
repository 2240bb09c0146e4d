"""Which language a page speaks: saved preference, then ?lang=, then the browser's wish."""

from __future__ import annotations

from flask import current_app, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user

LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English"}


def languages() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def select_locale() -> str:
    supported = languages()
    if current_user and current_user.is_authenticated and current_user.locale in supported:
        return current_user.locale
    asked = request.args.get("lang")
    if asked in supported:
        if session.get("lang") != asked:
            session["lang"] = asked
        return asked
    if session.get("lang") in supported:
        return session["lang"]
    return request.accept_languages.best_match(supported) or current_app.config["BABEL_DEFAULT_LOCALE"]


# The method's building blocks, in the order the navigation shows them.
BLOCKS = {
    "buurt": _l("Neighbourhood"),
    "burger": _l("Citizen"),
    "organisatie": _l("Organisation"),
    "mindset": _l("Mindset"),
}
