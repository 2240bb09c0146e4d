"""The printable poster: texts in the chosen languages and a QR code to the public page."""

from __future__ import annotations

import segno
from flask_babel import get_locale
from flask_babel import gettext as _

from ..orgs.models import Organisation

POSTER_INTRO_MAX = 160


def qr_svg(url: str) -> str:
    """An inline SVG QR code (no external request, no style attribute: CSP-safe).

    segno builds it from ``url`` alone, which is our own address; it is safe to embed.
    """
    code = segno.make(url, error="m")
    return code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr-code", lineclass=None)


def poster_texts(org: Organisation, intro: str) -> dict:
    """The poster's sentences in the current (forced) locale: short and plain."""
    place = org.neighbourhood_in(str(get_locale())) or org.name
    return {
        "title": _("Which places in %(place)s matter to you?", place=place),
        # A long welcome text does not fit a poster: then the short standard one.
        "lead": intro
        if intro and len(intro) <= POSTER_INTRO_MAX
        else _("Tell us about the places where you feel at home: a bench, a café, a garden, a club."),
        "steps": [
            _("Scan the code with your phone."),
            _("Write the name of the place and why it matters."),
            _("The team of %(org)s puts it on the map.", org=org.name),
        ],
        "no_account": _("No account needed. It takes one minute."),
        "or_visit": _("Or go to:"),
    }
