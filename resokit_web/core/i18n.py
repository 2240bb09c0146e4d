"""Which language a page speaks: saved preference, then ?lang=, then the browser's wish."""

from __future__ import annotations

from flask import Flask, current_app, g, request, session
from flask_babel import get_translations
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


def _translations():
    """The page's translations, looked up once per page and language instead of once per
    string: a list of a hundred rows translates some fifteen hundred strings, and
    Flask-Babel's own lookup (locale, domain, cache) costs more than the translating.
    Keyed by the locale object, so ``force_locale`` (posters, pushed rows) still works."""
    state = g.get("_flask_babel")
    if state is not None:
        hit = getattr(state, "resokit_translations", None)
        if hit is not None and hit[0] is getattr(state, "babel_locale", None):
            return hit[1]
    translations = get_translations()
    state = g.get("_flask_babel")
    if state is not None:
        state.resokit_translations = (getattr(state, "babel_locale", None), translations)
    return translations


def install_template_gettext(app: Flask) -> None:
    """Templates' ``_``, ``ngettext``, ``pgettext``, ``npgettext`` through :func:`_translations`."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
