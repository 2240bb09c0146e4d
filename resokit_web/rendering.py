"""Rendering a page or just one of its blocks, the way htmx asks for it.

One template per URL; its fragments are ``{% block %}``s. An htmx request names the
element it will swap (``HX-Target``); if that id is one of the template's fragment
blocks (by convention the block's name with ``_`` written as ``-``), only that block is
rendered. Everything else gets the whole page. Never chosen by the triggering element.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Hashable, Iterable

from flask import current_app, flash, g, make_response, redirect, render_template
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from jinja2_fragments.flask import render_block
from markupsafe import Markup

from .core.cache import SingleFlight
from .extensions import htmx

# Where a kept block had the CSRF token of the request that rendered it: random per
# process, so no text a user typed can ever be taken for it.
_TOKEN_SLOT = "csrf-slot-" + secrets.token_hex(16)
# Blocks kept per process: a page of 100 rows is ~250 KB, so a few dozen; a single row is
# ~3 KB, so a few thousand (every row a busy list refreshes, in each language and role).
KEEP_BLOCKS = 48
KEEP_ROWS = 4096


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
    return fragment_response(body)


def fragment_or_redirect(
    message: str,
    to: str,
    fragment: str | Callable[[], object],
    *,
    blocks: tuple[str, ...] | dict[str, str] = (),
    category: str = "success",
    also_flash: Iterable[tuple[str, str]] = (),
    **context,
):
    """The answer to a form that changed something: a fragment for htmx, flash and 303
    without JavaScript.

    For htmx, ``fragment`` is a template rendered like :func:`render` (with ``blocks``,
    ``context`` and ``message``, which the fragment shows in place), or a function that
    makes the whole response (called for htmx only). Without JavaScript, ``message`` is
    flashed as ``category``, then each ``(text, category)`` of ``also_flash``, and the
    browser is sent to ``to`` with a 303::

        return fragment_or_redirect(
            _("Saved."), url_for("roles.list_roles"), "roles/role.html",
            blocks={f"role-{role.id}": "row_saved"}, role=role,
        )
    """
    if htmx:
        if callable(fragment):
            return fragment()
        return render(fragment, blocks=blocks, message=message, **context)
    flash(message, category)
    for text, kind in also_flash:
        flash(str(text), kind)
    return redirect(to, code=303)


def fragment_response(body: str):
    """A page or fragment chosen by the htmx headers: caches must tell them apart."""
    response = make_response(body)
    response.vary.add("HX-Request")
    response.vary.add("HX-Target")
    return response


def kept_block(
    template: str, block: str, key: Hashable, context: Callable[[], dict | None], *, small: bool = False
) -> Markup:
    """``block`` of ``template`` rendered once per ``key`` and kept, for a block that many
    requests show alike (a page of the buurtkaart's list: ~1 ms a row to render).

    ``key`` must name everything the block shows besides the reader's language and role,
    which are added here: e.g. the organisation's revision (``live/revisions.py``), the
    filters, who is editing what. ``context()`` is called only to render (``None``: the
    block is empty, e.g. a row that left a filtered list); ``small`` blocks (a row) are
    kept by the thousand, the others by the dozen. The CSRF token,
    the one per-session thing a block may hold, is taken out of the kept copy and the
    reader's own is put in for every request."""
    blocks: SingleFlight = current_app.extensions["resokit_rows" if small else "resokit_blocks"]
    full_key = (template, block, str(get_locale()), str(g.get("_member_role")), key)

    def build() -> str:
        values = context()
        if values is None:
            return ""
        return render_block(template, block, **values).replace(generate_csrf(), _TOKEN_SLOT)

    html: str = blocks.get(full_key, build)  # type: ignore[assignment]
    return Markup(html.replace(_TOKEN_SLOT, generate_csrf()))


def warm_up(app) -> None:
    """Compile every template at start-up (from the bytecode cache when it has them), so
    that no visitor's request waits for it."""
    for name in app.jinja_env.list_templates(extensions=("html", "svg")):
        app.jinja_env.get_template(name)


def init_app(app) -> None:
    app.extensions["resokit_blocks"] = SingleFlight(KEEP_BLOCKS, remember_failures=False)
    app.extensions["resokit_rows"] = SingleFlight(KEEP_ROWS, remember_failures=False)
