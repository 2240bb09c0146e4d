"""Rendering a page or just one of its blocks, the way htmx asks for it.

One template per URL; its fragments are ``{% block %}``s. An htmx request names the
element it will swap (``HX-Target``); if that id is one of the template's fragment
blocks (by convention the block's name with ``_`` written as ``-``), only that block is
rendered. Everything else gets the whole page. Never chosen by the triggering element.
"""

from __future__ import annotations

from flask import make_response, render_template
from jinja2_fragments.flask import render_block

from .extensions import htmx


def fragment_target() -> str | None:
    if htmx and not htmx.boosted and htmx.target:
        return htmx.target
    return None


def render(template: str, *, blocks: tuple[str, ...] | dict[str, str] = (), **context):
    """Render ``template``; for an htmx request aimed at one of its fragments, only that block.

    ``blocks`` names the fragment blocks (the target id is the block name with ``-`` for
    ``_``), or maps target ids to block names where an id carries a number
    (``{"treasure-42": "row"}``).
    """
    target = fragment_target()
    if isinstance(blocks, dict):
        block = blocks.get(target) if target else None
    else:
        block = target.replace("-", "_") if target and target.replace("-", "_") in blocks else None
    if block:
        body = render_block(template, block, **context)
    else:
        body = render_template(template, **context)
    response = make_response(body)
    response.vary.add("HX-Request")
    response.vary.add("HX-Target")
    return response
