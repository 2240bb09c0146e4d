from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from .. import geocoder
from ..access import org_view, public, user_view
from ..accounts import mail
from ..accounts.policy import why_not_start_organisation
from ..accounts.recovery import mark_verified
from ..accounts.second_factor import may_reset, reset_all
from ..activity.labels import describe
from ..activity.service import recent
from ..blocks.overview import overview_context
from ..extensions import client_address, db, limiter
from ..rendering import render
from .forms import InvitationForm, OrganisationForm, RoleForm, role_label
from .models import Role
from .service import (
    LastCoordinatorError,
    accept_invitation,
    change_role,
    create_invitation,
    create_organisation,
    find_invitation,
    get_membership_or_none,
    members,
    memberships_of,
    open_invitations,
    remove_member,
    revoke_invitation,
    slug_taken,
)

bp = Blueprint("orgs", __name__)


@bp.get("/")
@public
def home():
    if not current_user.is_authenticated:
        return render_template("orgs/welcome.html")
    mine = memberships_of(current_user)
    last = session.get("org")
    for membership in mine:
        if membership.organisation.slug == last or len(mine) == 1:
            return redirect(url_for("orgs.dashboard", slug=membership.organisation.slug))
    return redirect(url_for("orgs.list_orgs"))


@bp.get("/orgs")
@user_view
def list_orgs():
    return render_template("orgs/list.html", memberships=memberships_of(current_user), role_label=role_label)


@bp.get("/orgs/new")
@user_view
def new_org():
    return render_template("orgs/new.html", form=OrganisationForm(), blocked=why_not_start_organisation(current_user))


def _created(response) -> bool:
    return response.status_code == 303


# Only organisations actually started count; a stranger with an open sign-up cannot start
# dozens of them (each with its own share of streams and storage).
@bp.post("/orgs")
@user_view
@limiter.limit(
    lambda: current_app.config["RESOKIT_ORG_LIMIT"], key_func=lambda: f"org-new:{current_user.id}", deduct_when=_created
)
@limiter.limit(
    lambda: current_app.config["RESOKIT_ORG_LIMIT_IP"],
    key_func=lambda: f"org-new-ip:{client_address()}",
    deduct_when=_created,
)
def create_org():
    form = OrganisationForm()
    blocked = why_not_start_organisation(current_user)
    if blocked:
        return render_template("orgs/new.html", form=form, blocked=blocked), 403
    if (search := geocoder.lookup(form.map_lat, form.map_lon, form.neighbourhood.data)) is not None:
        return render_template("orgs/new.html", form=form, blocked=None, lookup=search)
    if form.validate():
        if slug_taken(form.slug.data):
            form.slug.errors.append(_("Another organisation already uses this address."))
        else:
            org = create_organisation(
                current_user,
                name=form.name.data,
                slug=form.slug.data,
                neighbourhood=form.neighbourhood.data,
                neighbourhood_fr=form.neighbourhood_fr.data,
                neighbourhood_en=form.neighbourhood_en.data,
                map_lat=form.map_lat.data,
                map_lon=form.map_lon.data,
            )
            db.session.commit()
            flash(_("Your organisation is ready. You are its coordinator."), "success")
            return redirect(url_for("orgs.dashboard", slug=org.slug), code=303)
    return render_template("orgs/new.html", form=form, blocked=None), 422


@bp.get("/o/<slug>/")
@org_view(Role.viewer)
def dashboard():
    return render("orgs/dashboard.html", blocks=("activity_feed", "todo_list"), **overview_context())


@bp.get("/o/<slug>/audit")
@org_view(Role.coordinator)
def audit_log():
    return render("orgs/audit.html", activity=describe(recent(g.org.id, limit=200, audit=True)))


@bp.get("/o/<slug>/members")
@org_view(Role.coordinator)
def list_members():
    return _members_page(InvitationForm())


def _members_page(invite_form: InvitationForm, status: int = 200):
    new_link = session.pop("new_invitation", None)
    return render(
        "orgs/members.html",
        members=members(g.org),
        invitations=open_invitations(g.org),
        invite_form=invite_form,
        new_link=new_link,
        roles=[r.value for r in Role],
        role_label=role_label,
    ), status


@bp.post("/o/<slug>/members/<int:membership_id>/role")
@org_view(Role.coordinator)
def change_member_role(membership_id: int):
    membership = get_membership_or_none(g.org, membership_id) or abort(404)
    form = RoleForm()
    if not form.validate():
        flash(_("Choose one of the roles."), "error")
        return redirect(url_for("orgs.list_members"), code=303)
    try:
        change_role(g.org, membership, Role(form.role.data), by=current_user)
    except LastCoordinatorError:
        db.session.rollback()
        flash(_("An organisation needs at least one coordinator. Make someone else coordinator first."), "error")
        return redirect(url_for("orgs.list_members"), code=303)
    db.session.commit()
    flash(_("The role is changed."), "success")
    return redirect(url_for("orgs.list_members"), code=303)


@bp.post("/o/<slug>/members/<int:membership_id>/remove")
@org_view(Role.coordinator)
def remove_member_view(membership_id: int):
    membership = get_membership_or_none(g.org, membership_id) or abort(404)
    try:
        remove_member(g.org, membership, by=current_user)
    except LastCoordinatorError:
        db.session.rollback()
        flash(_("An organisation needs at least one coordinator. Make someone else coordinator first."), "error")
        return redirect(url_for("orgs.list_members"), code=303)
    db.session.commit()
    flash(_("The member is removed and signed out."), "success")
    if membership.user_id == current_user.id:
        return redirect(url_for("accounts.login"), code=303)
    return redirect(url_for("orgs.list_members"), code=303)


@bp.post("/o/<slug>/members/<int:membership_id>/reset-second-factor")
@org_view(Role.coordinator)
def reset_member_second_factor(membership_id: int):
    membership = get_membership_or_none(g.org, membership_id) or abort(404)
    member = membership.user
    if member.id == current_user.id:
        flash(_("Change your own second step on your security page."), "error")
        return redirect(url_for("orgs.list_members"), code=303)
    if not may_reset(current_user, member):
        flash(
            _(
                "%(name)s is also in organisations you do not coordinate: a coordinator of each of them must agree, "
                "so ask the person who runs Resokit.",
                name=member.display_name,
            ),
            "error",
        )
        return redirect(url_for("orgs.list_members"), code=303)
    reset_all(member, by=current_user)
    db.session.commit()
    mail.send(
        member.email,
        "second_factor_reset",
        locale=member.locale or str(get_locale()),
        link=url_for("accounts.security", _external=True),
        user=member,
        coordinator=current_user,
        org=g.org,
    )
    flash(
        _("The second sign-in step of %(name)s is reset and they are signed out everywhere.", name=member.display_name),
        "success",
    )
    return redirect(url_for("orgs.list_members"), code=303)


@bp.post("/o/<slug>/invitations")
@org_view(Role.coordinator)
@limiter.limit(
    lambda: current_app.config["RESOKIT_INVITE_MAIL_LIMIT"],
    key_func=lambda: f"invite-mail:{current_user.id}",
    exempt_when=lambda: not request.form.get("email"),
)
def create_invitation_view():
    form = InvitationForm()
    if not form.validate():
        return _members_page(form, 422)
    invitation, token = create_invitation(
        g.org,
        role=Role(form.role.data),
        days=form.days.data,
        note=form.note.data,
        by=current_user,
        email=form.email.data,
    )
    db.session.commit()
    link = url_for("orgs.show_invitation", token=token, _external=True)
    session["new_invitation"] = link  # the link stays, for people without mail
    if invitation.email:
        mail.send(
            invitation.email,
            "invitation",
            locale=form.language.data,
            link=link,
            inviter=current_user,
            org=g.org,
            role=role_label(invitation.role),
            expires_at=invitation.expires_at,
        )
        flash(_("The invitation is on its way to %(email)s.", email=invitation.email), "success")
    return redirect(url_for("orgs.list_members"), code=303)


@bp.post("/o/<slug>/invitations/<int:invitation_id>/revoke")
@org_view(Role.coordinator)
def revoke_invitation_view(invitation_id: int):
    if not revoke_invitation(g.org, invitation_id, by=current_user):
        abort(404)
    db.session.commit()
    flash(_("The invitation link no longer works."), "success")
    return redirect(url_for("orgs.list_members"), code=303)


@bp.get("/join/<token>")
@public
def show_invitation(token: str):
    invitation = find_invitation(token)
    usable = invitation is not None and invitation.is_open
    return render_template(
        "orgs/join.html", invitation=invitation if usable else None, token=token, role_label=role_label
    ), 200 if usable else 404


@bp.post("/join/<token>")
@user_view
def accept_invitation_view(token: str):
    invitation = find_invitation(token)
    if invitation is None or not invitation.is_open:
        return render_template("orgs/join.html", invitation=None, token=token), 404
    membership = accept_invitation(invitation, current_user)
    if membership is None:
        return render_template("orgs/join.html", invitation=None, token=token), 409
    if invitation.email and invitation.email == current_user.email:
        mark_verified(current_user)  # the link came by mail to this very address
    db.session.commit()
    flash(_("Welcome to %(org)s!", org=invitation.organisation.name), "success")
    return redirect(url_for("orgs.dashboard", slug=invitation.organisation.slug), code=303)
