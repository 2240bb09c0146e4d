"""The landing page of each building block (``/o/<slug>/mindset``, ``/burger``, ``/buurt``,
``/organisatie``): the block's tools as cards in the method's order, each with what it
is for and a live figure. The tools come from the registry in ``core/nav.py``."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from .views import bp

    app.register_blueprint(bp)
