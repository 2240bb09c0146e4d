"""Partners and the partner map (the method's "buurtkaart organisatie")."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from . import models  # noqa: F401  (the views, navigation and sharing come with the partners issue)
