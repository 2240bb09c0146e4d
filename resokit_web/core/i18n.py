"""Which language a page speaks: saved preference, then ?lang=, then the browser's wish."""

from __future__ import annotations

from datetime import date, datetime

from babel import Locale, dates
from babel.lists import format_list
from flask import Flask, current_app, g, request, session
from flask_babel import get_locale, get_timezone, get_translations, gettext, ngettext, pgettext, to_user_timezone
from flask_login import current_user
from markupsafe import Markup, escape

LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English"}
# The resident pages (the public page, its thanks page, its embed) also speak the
# languages most spoken in Brussels homes after those three; each name in its own tongue.
RESIDENT_LANGUAGE_NAMES = {
    **LANGUAGE_NAMES,
    "ar": "العربية",
    "tr": "Türkçe",
    "es": "Español",
    "ro": "Română",
    "pl": "Polski",
    "pt": "Português",
}
RIGHT_TO_LEFT = frozenset({"ar"})
RESIDENT_ENDPOINTS = frozenset(
    {"public.show_page", "public.send_place", "public.thanks", "public.places_geojson", "public.embed_page"}
)


def languages() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def on_resident_page() -> bool:
    return request.endpoint in RESIDENT_ENDPOINTS


def select_locale() -> str:
    """The workspace: the saved preference, ?lang=, the session, the browser. A resident page
    offers more languages, and there what the visitor asks for in the address comes first
    (a coordinator checking the Arabic page keeps their own preference for the workspace)."""
    supported = languages()
    resident = on_resident_page()
    if resident:
        supported = tuple(RESIDENT_LANGUAGE_NAMES)
    asked = request.args.get("lang")
    signed_in = current_user and current_user.is_authenticated and current_user.locale in supported
    if signed_in and not (resident and asked in supported):
        return current_user.locale
    if asked in supported:
        if session.get("lang") != asked:
            session["lang"] = asked
        return asked
    if session.get("lang") in supported:
        return session["lang"]
    return request.accept_languages.best_match(supported) or current_app.config["BABEL_DEFAULT_LOCALE"]


def text_direction(code: str) -> str:
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"


def workspace_locale() -> str:
    """A language the workspace's own pages speak: the page's, else the browser's best."""
    code = str(get_locale())
    if code in languages():
        return code
    return request.accept_languages.best_match(languages()) or current_app.config["BABEL_DEFAULT_LOCALE"]


# The conventions dates and times follow, per language: English with the British ones
# (3 December 2026, 03/12/2026, 08:05), not the American month first and AM/PM.
FORMAT_LOCALES = {"en": "en_GB"}
_parsed: dict[str, Locale] = {}


def formatting_locale() -> Locale:
    """The locale whose conventions dates and numbers follow on this page."""
    code = str(get_locale())
    code = FORMAT_LOCALES.get(code, code)
    if code not in _parsed:
        _parsed[code] = Locale.parse(code)
    return _parsed[code]


def format_datetime(value: datetime, format: str = "medium") -> str:
    """A moment in the organisation's time zone, day first in every language."""
    return dates.format_datetime(value, format, tzinfo=get_timezone(), locale=formatting_locale())


def format_date(value: date | datetime, format: str = "medium") -> str:
    if isinstance(value, datetime):
        value = to_user_timezone(value)
    return dates.format_date(value, format, locale=formatting_locale())


def format_time(value: datetime, format: str = "medium") -> str:
    return dates.format_time(value, format, tzinfo=get_timezone(), locale=formatting_locale())


def link_list(links: list[tuple[str, str | None]], more: int = 0) -> Markup:
    """Names (linked where they have a URL) joined the way the language joins a list:
    "A, B en C", "A, B et 2 autres". The separators come from the locale's data."""
    parts = [Markup('<a href="{}">{}</a>').format(url, name) if url else escape(name) for name, url in links]
    if more:
        parts.append(escape(ngettext("%(num)d more", "%(num)d more", more)))
    if not parts:
        return Markup("")
    slots = [f"\x00{i}\x00" for i in range(len(parts))]
    joined = str(escape(format_list(slots, locale=formatting_locale())))
    for slot, part in zip(slots, parts):
        joined = joined.replace(slot, str(part))
    return Markup(joined)


def for_object(name: str) -> Markup:
    """What a button acts on, after its label and for screen readers only ("Edit: Café
    Le Coin"), with the language's own spacing before the colon."""
    text = pgettext("the object of a button, read out after its label", ": %(name)s", name=name)
    return Markup('<span class="visually-hidden">{}</span>').format(text)


def user_text(value: str) -> Markup:
    """Text a person typed, inside a translated sentence: kept apart for its own direction."""
    return Markup('<span class="user-text" dir="auto">{}</span>').format(value)


def neighbourhood_name(org) -> str:
    """The organisation's neighbourhood as this page's language calls it."""
    return org.neighbourhood_in(str(get_locale()))


class LazyPlural:
    """A message with a singular and a plural form, translated when used: ``%`` gives the
    singular (as a lazy string does), a call with a number the right form for it.
    Extracted by the ``lazy_plural`` keyword (``i18n_tools.py``)."""

    def __init__(self, singular: str, plural: str):
        self.singular, self.plural = singular, plural

    def __mod__(self, variables: dict) -> str:
        return gettext(self.singular, **variables)

    def __call__(self, num: int, **variables) -> str:
        return ngettext(self.singular, self.plural, num, **variables)

    def __str__(self) -> str:
        return gettext(self.singular)


def lazy_plural(singular: str, plural: str) -> LazyPlural:
    return LazyPlural(singular, plural)


def install_date_filters(app: Flask) -> None:
    """Templates' ``datetimeformat``, ``dateformat`` and ``timeformat`` in place of
    Flask-Babel's, which follow the plain language (American order for English)."""
    app.jinja_env.filters.update(datetimeformat=format_datetime, dateformat=format_date, timeformat=format_time)


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
