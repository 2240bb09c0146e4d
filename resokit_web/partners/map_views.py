"""The partner map: the own map, and maps other organisations share with this one."""

from __future__ import annotations

import os
import re

from flask import Response, current_app, g, jsonify, render_template

from ..access import org_view
from ..orgs.models import Role
from ..rendering import render
from .access import get_incoming_share_or_404
from .service import current_partners
from .sharing import SHARED_COLUMNS, shared_partner_rows
from .view_helpers import map_context, map_layout
from .views import bp

# The standalone SVG is a file to keep, print or mail: its one stylesheet is inside it and
# nothing else may load or run (no scripts, no outside resources).
SVG_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_css_cache: dict[float, str] = {}


def map_css() -> str:
    """The map's stylesheet, to embed in the standalone SVG (the pages link the same file)."""
    path = os.path.join(current_app.static_folder, "css", "partner-map.css")
    mtime = os.path.getmtime(path)
    if mtime not in _css_cache:
        with open(path, encoding="utf-8") as fh:
            css = fh.read()
        if "]]>" in css or "<" in css or "&" in css:
            raise ValueError("partner-map.css must stay plain CSS that is safe inside an SVG <style>")
        _css_cache.clear()
        _css_cache[mtime] = re.sub(r"/\*.*?\*/", "", css, flags=re.S).strip()
    return _css_cache[mtime]


def svg_response(partners, centre_name: str, filename: str) -> Response:
    body = render_template(
        "partners/map.svg", layout=map_layout(partners, centre_name), centre_name=centre_name, css=map_css()
    )
    response = Response(body, mimetype="image/svg+xml")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Content-Security-Policy"] = SVG_POLICY
    return response


@bp.get("/o/<slug>/partners/map")
@org_view(Role.viewer)
def show_partner_map():
    partners = current_partners(g.org.id)
    return render("partners/map.html", blocks=("partner_map_block",), **map_context(partners, g.org.name))


@bp.get("/o/<slug>/partners/map.svg")
@org_view(Role.viewer)
def partner_map_svg():
    return svg_response(current_partners(g.org.id), g.org.name, f"{g.org.slug}-partner-map.svg")


@bp.get("/o/<slug>/shared/<source_slug>/partners/map")
@org_view(Role.viewer)
def show_shared_map(source_slug: str):
    share = get_incoming_share_or_404(source_slug)
    partners = shared_partner_rows(share.source_org_id)
    return render(
        "partners/shared_map.html",
        blocks=("partner_map_block",),
        share=share,
        **map_context(partners, share.source.name),
    )


@bp.get("/o/<slug>/shared/<source_slug>/partners/map.svg")
@org_view(Role.viewer)
def shared_map_svg(source_slug: str):
    share = get_incoming_share_or_404(source_slug)
    return svg_response(
        shared_partner_rows(share.source_org_id), share.source.name, f"{share.source.slug}-partner-map.svg"
    )


@bp.get("/o/<slug>/shared/<source_slug>/partners.json")
@org_view(Role.viewer)
def shared_partners_json(source_slug: str):
    share = get_incoming_share_or_404(source_slug)
    rows = shared_partner_rows(share.source_org_id)
    return jsonify(
        {
            "organisation": share.source.slug,
            "name": share.source.name,
            "partners": [{c: getattr(r, c) for c in SHARED_COLUMNS} for r in rows],
        }
    )
