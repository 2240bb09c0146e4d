"""The public map for an organisation's own website: a compact page of the accepted public
places (/buurt/<slug>/embed) that the sites the coordinators list may show in an iframe.
Only that page's ``frame-ancestors`` opens, to those sites; every other response stays
unframeable, and nothing else of the CSP changes."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import org_view, public
from ..activity.service import record
from ..buurtkaart.point_map import draw
from ..core.i18n import RESIDENT_LANGUAGE_NAMES
from ..core.security import allow_framing
from ..extensions import db
from ..orgs.models import Role
from .access import get_public_org_or_404
from .origins import EmbedForm, parse_origins, stored_origins
from .service import PAGE_SIZE, public_places
from .views import _settings_page, bp


@bp.get("/buurt/<public_slug>/embed")
@public
def embed_page(public_slug: str):
    org = get_public_org_or_404(public_slug)
    page = max(request.args.get("page", 1, type=int), 1)
    places, total = public_places(org.id, page)
    start = (page - 1) * PAGE_SIZE + 1
    drawing = draw(places, centre=(org.map_lat, org.map_lon), start=start)
    allow_framing(stored_origins(org))
    return render_template(
        "embed/page.html",
        org=org,
        places=places,
        total=total,
        page=page,
        start=start,
        pages=max((total - 1) // PAGE_SIZE + 1, 1),
        drawing=drawing,
        numbers={m.item_id: m.number for m in drawing.markers},
        # Passed on to the page links only when it is one of the residents' languages.
        lang=request.args.get("lang") if request.args.get("lang") in RESIDENT_LANGUAGE_NAMES else None,
    )


@bp.post("/o/<slug>/settings/embed")
@org_view(Role.coordinator)
def save_embed_origins():
    form = EmbedForm()
    if not form.validate():
        return _settings_page(embed_form=form, status=422)
    g.org.embed_origins = "\n".join(parse_origins(form.embed_origins.data))
    record(
        "public_page.updated", org_id=g.org.id, user_id=current_user.id, object_type="organisation", object_id=g.org.id
    )
    db.session.commit()
    flash(_("The list of websites that may show the map is saved."), "success")
    return redirect(url_for("public.show_settings", _anchor="embed-title"), code=303)
