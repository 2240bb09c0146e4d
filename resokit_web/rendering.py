"""Rendering a page or just one of its blocks, the way htmx asks for it.

One template per URL; its fragments are ``{% block %}``s. An htmx request names the
element it will swap (``HX-Target``); if that id is one of the template's fragment
blocks (by convention the block's name with ``_`` written as ``-``), only that block is
rendered. Everything else gets the whole page. Never chosen by the triggering element.
"""

from __future__ import annotations

from flask import make_response, render_template, request
from jinja2_fragments.flask import render_block

from .extensions import htmx


def fragment_target() -> str | None:
    if htmx and not htmx.boosted and htmx.target:
        return htmx.target
    return None


def render(template: str, *, blocks: tuple[str, ...] = (), **context):
    """Render ``template``; for an htmx request whose target is in ``blocks``, only that block."""
    target = fragment_target()
    block = target.replace("-", "_") if target else None
    if block and block in blocks:
        body = render_block(template, block, **context)
    else:
        body = render_template(template, **context)
    response = make_response(body)
    response.vary.add("HX-Request")
    response.vary.add("HX-Target")
    return response
