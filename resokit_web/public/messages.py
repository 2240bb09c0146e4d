"""What the resident page answers when a send cannot go through (resident catalogues)."""

from __future__ import annotations

from flask_babel import gettext as _


def too_many() -> tuple[str, str, str]:
    return (
        _("Please wait a little"),
        _("You sent many places in a short time. Thank you for that!"),
        _("To keep out spam, we take a short break now. Please try again in an hour."),
    )


def too_large() -> tuple[str, str, str]:
    return (
        _("That is too long"),
        _("What you sent is much longer than we can take."),
        _("Please go back, write a little less, and send it again."),
    )
