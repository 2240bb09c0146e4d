from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, Response, g, jsonify, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import org_view
from ..core.urls import back_or
from ..extensions import db, htmx
from ..live.lifecycle import Lifecycle, base_version_or_428
from ..orgs.models import Role
from ..rendering import fragment_or_redirect, fragment_target, render
from .access import get_partner_or_404
from .forms import FilterForm, PartnerForm
from .models import Partner
from .service import (
    PAGE_SIZE,
    Filters,
    as_json,
    create_partner,
    filtered,
    grouped,
    make_active,
    page_of,
    save_partner,
    set_status,
    to_csv,
)
from .view_helpers import (
    FIELD_LABELS,
    PAGE,
    conflict_display,
    editing_names,
    form_for,
    history_items,
    list_group,
    row_context,
    row_response,
    saved_message,
)
from .vocab import RELATION_GROUPS

bp = Blueprint("partners", __name__)


def _filters() -> Filters:
    return Filters.from_args(request.args, FilterForm)


def _list_url(partner, **extra) -> str:
    return url_for("partners.list_partners", _anchor=f"partner-{partner.id}", **extra)


@bp.get("/o/<slug>/partners")
@org_view(Role.viewer)
def list_partners():
    filter_form = FilterForm(request.args)
    filters = Filters.from_form(filter_form)
    page = request.args.get("page", 1, type=int)  # brought within the list by page_of
    groups, counts, page = page_of(g.org.id, filters, page)
    return render(
        "partners/index.html",
        blocks=("partner_results",),
        filter_form=filter_form,
        filters=filters,
        groups=groups,
        counts=counts,
        total=sum(counts.values()),
        page=page,
        page_size=PAGE_SIZE,
        relation_groups=RELATION_GROUPS,
        # The add form (its place choices are a query) belongs to the whole page only.
        form=None if fragment_target() == "partner-results" else PartnerForm(formdata=None, org_id=g.org.id),
        editing=editing_names(g.org.id),
    )


@bp.get("/o/<slug>/partners.json")
@org_view(Role.viewer)
def partners_json():
    query = filtered(g.org.id, _filters()).order_by(sa.func.lower(Partner.name), Partner.id)
    return jsonify([as_json(p) for p in db.session.scalars(query)])


@bp.get("/o/<slug>/partners.csv")
@org_view(Role.viewer)
def partners_csv():
    partners = [p for group in grouped(g.org.id, _filters()).values() for p in group]
    response = Response(to_csv(partners), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{g.org.slug}-partners.csv"'
    return response


@bp.get("/o/<slug>/partners/new")
@org_view(Role.member)
def new_partner():
    return render("partners/new.html", form=PartnerForm(formdata=None, org_id=g.org.id))


@bp.post("/o/<slug>/partners")
@org_view(Role.member)
def create_partner_view():
    form = PartnerForm(org_id=g.org.id)
    if not form.validate():
        return render("partners/new.html", blocks=("add_partner",), form=form), 422
    partner = create_partner(g.org.id, form.values(), user_id=current_user.id)
    db.session.commit()
    return fragment_or_redirect(
        _("“%(name)s” is on your partner list.", name=partner.name),
        _list_url(partner),
        "partners/new.html",
        blocks=("add_partner",),
        form=PartnerForm(formdata=None, org_id=g.org.id),
        created=partner,
        relation_groups=RELATION_GROUPS,
        **row_context(partner, Filters(), partner.relation),
    )


@bp.get("/o/<slug>/partners/<int:partner_id>")
@org_view(Role.viewer)
def show_partner(partner_id: int):
    partner = get_partner_or_404(partner_id)
    filters = _filters()
    if request.args.get("new") and htmx:
        return row_response(partner, filters, "", inserting=True)
    if htmx.target == f"partner-{partner.id}" and request.args.get("list"):
        return row_response(partner, filters, list_group())
    return render(
        "partners/partner.html",
        blocks={f"partner-{partner.id}": "row", f"stale-{partner.id}": "stale_notice"},
        since=request.args.get("since", partner.version, type=int),
        **row_context(partner, filters),
    )


def _after_change(partner, message: str, filters: Filters | None = None):
    return fragment_or_redirect(
        message, _list_url(partner), lambda: row_response(partner, filters or Filters(), list_group(), message=message)
    )


@bp.post("/o/<slug>/partners/<int:partner_id>/activate")
@org_view(Role.member)
def activate_partner(partner_id: int):
    """ "We work together now": wanted, to discover or occasional → active, in one click."""
    partner = get_partner_or_404(partner_id)
    base_version = base_version_or_428(request.form)
    result = make_active(partner, base_version, user_id=current_user.id)
    if result.status == "conflict":
        db.session.rollback()  # (the form shows what is saved now)
        form = form_for(partner)
        form.relation.data = "active"
        return PARTNERS.conflict(partner, form, base_version, result)
    db.session.commit()
    if result.status == "unchanged":
        return _after_change(partner, _("“%(name)s” was already an active collaboration.", name=partner.name))
    return _after_change(partner, _("“%(name)s” is now an active collaboration.", name=partner.name))


def _changed(partner, message: str):
    return fragment_or_redirect(
        message,
        back_or("partners.show_partner", partner_id=partner.id),
        lambda: row_response(partner, Filters(status="all"), list_group(), message=message),
    )


PARTNERS = Lifecycle(
    name="partner",
    path="partners",
    templates="partners",
    page=PAGE,
    load=get_partner_or_404,
    form=lambda formdata, partner: PartnerForm(
        formdata=formdata, org_id=g.org.id, current_treasure_id=partner.treasure_id
    ),
    form_for=form_for,
    save=save_partner,
    saved=lambda partner, result: _after_change(partner, saved_message(result)),
    labels=FIELD_LABELS,
    history_items=history_items,
    nothing_to_restore=_l("Nothing to restore: this is what the partner looks like now."),
    edit_context=lambda _partner: {"group": list_group()},
    conflict_context=lambda result: {"display": conflict_display(result)},
    set_status=set_status,
    restored_status="current",
    archived_message=_l("“%(name)s” is archived. You can restore it from the archive."),
    restored_message=_l("“%(name)s” is back on your partner list."),
    changed=_changed,
)
PARTNERS.register(bp)
