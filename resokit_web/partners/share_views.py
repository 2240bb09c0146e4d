"""Sharing the partner map (coordinators) and the combined network view (everyone)."""

from __future__ import annotations

from flask import g, jsonify, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import org_view
from ..extensions import db
from ..orgs.models import Role
from ..rendering import fragment_or_redirect, render
from . import network as network_module
from . import sharing
from .access import get_incoming_share_or_404, get_outgoing_share_or_404
from .forms import ShareForm
from .views import bp

SHARE_BLOCKS = ("sharing_main", "outgoing_list", "incoming_list")


def _sharing_page(form: ShareForm, status: int = 200, message: str | None = None):
    return render(
        "partners/shares.html",
        blocks=SHARE_BLOCKS,
        form=form,
        message=message,
        outgoing=sharing.outgoing(g.org.id),
        incoming=sharing.incoming(g.org.id),
    ), status


def _done(message: str, category: str = "success"):
    return fragment_or_redirect(
        message,
        url_for("partners.list_shares"),
        lambda: _sharing_page(ShareForm(formdata=None), message=message),
        category=category,
    )


@bp.get("/o/<slug>/shares")
@org_view(Role.coordinator)
def list_shares():
    return _sharing_page(ShareForm(formdata=None))


@bp.get("/o/<slug>/shares.json")
@org_view(Role.coordinator)
def shares_json():
    return jsonify([sharing.as_json(s) for s in sharing.outgoing(g.org.id)])


@bp.post("/o/<slug>/shares")
@org_view(Role.coordinator)
def create_share():
    form = ShareForm()
    if not form.validate():
        return _sharing_page(form, 422)
    try:
        share, created = sharing.share_map(g.org, form.organisation.data, user_id=current_user.id)
    except sharing.ShareError as error:
        db.session.rollback()
        form.organisation.errors.append(
            _("No organisation uses this short address. Check it with their coordinator.")
            if error.code == "unknown"
            else _("This is your own organisation. Fill in the short address of another one.")
        )
        return _sharing_page(form, 422)
    db.session.commit()
    if created:
        return _done(_("Your partner map is now shared with %(org)s. They see it read-only.", org=share.target.name))
    return _done(_("Your partner map was already shared with %(org)s.", org=share.target.name), "info")


@bp.post("/o/<slug>/shares/<int:share_id>/revoke")
@org_view(Role.coordinator)
def revoke_share(share_id: int):
    share = get_outgoing_share_or_404(share_id)
    ended = sharing.revoke(share, user_id=current_user.id)
    db.session.commit()
    if ended:
        return _done(_("%(org)s no longer sees your partner map.", org=share.target.name))
    return _done(_("This share had already ended."), "info")


@bp.post("/o/<slug>/shared/<source_slug>/hide")
@org_view(Role.coordinator)
def hide_share(source_slug: str):
    share = get_incoming_share_or_404(source_slug)
    sharing.set_hidden(share, True, user_id=current_user.id)
    db.session.commit()
    return _done(
        _("The map of %(org)s is hidden from your network view. You can show it again here.", org=share.source.name)
    )


@bp.post("/o/<slug>/shared/<source_slug>/show")
@org_view(Role.coordinator)
def unhide_share(source_slug: str):
    share = get_incoming_share_or_404(source_slug)
    sharing.set_hidden(share, False, user_id=current_user.id)
    db.session.commit()
    return _done(_("The map of %(org)s is back in your network view.", org=share.source.name))


@bp.get("/o/<slug>/network")
@org_view(Role.viewer)
def show_network():
    return render("partners/network.html", blocks=("network_block",), network=network_module.build(g.org))
