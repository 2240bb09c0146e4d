"""Moderation of residents' proposals: the live queue and the three decisions."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import geocoder
from ..access import org_view
from ..core.nav import badge_targets
from ..extensions import db, htmx
from ..live.versioning import VersionMissing, parse_version
from ..orgs.models import Role
from ..rendering import fragment_or_redirect, fragment_target, render
from .access import get_merge_target, get_proposal_or_404
from .forms import MergeForm, RejectForm
from .notify import set_mail_waiting
from .service import (
    AlreadyDecided,
    DescriptionTooLong,
    Proposal,
    accept,
    add_candidates,
    merge,
    recent_decisions,
    reject,
    waiting_count,
    waiting_proposals,
)
from .view_helpers import BADGE_ID, accept_form_for, decided_message, outcome_message

bp = Blueprint("moderation", __name__)


@bp.get("/o/<slug>/moderation")
@org_view(Role.viewer)
def show_queue():
    target = fragment_target()
    if target in badge_targets(BADGE_ID):  # the navigation badge refreshing itself
        return render("moderation/index.html", blocks=badge_targets(BADGE_ID), waiting=waiting_count(g.org))
    if target == "decided-list":
        return render("moderation/index.html", blocks=("decided_list",), decided=recent_decisions(g.org.id))
    proposals = waiting_proposals(g.org.id)
    return render(
        "moderation/index.html",
        blocks=("moderation_badge", "decided_list", "proposal_list"),
        proposals=proposals,
        decided=recent_decisions(g.org.id),
        waiting=len(proposals),
    )


def _review(
    proposal: Proposal,
    *,
    accept_form=None,
    merge_form=None,
    reject_form=None,
    notice=None,
    status: int = 200,
    lookup=None,
):
    """The proposal on its own: to review and decide (or its outcome once decided).

    When one decision comes back with a message, the other two forms show what the
    moderator had typed in them (the page sends the whole card with each decision), not
    the stored proposal: nothing typed is lost to a missing reason.
    """
    add_candidates(g.org.id, [proposal])
    sent = request.form if request.method == "POST" else {}
    accept_form = accept_form or _as_sent(lambda data: accept_form_for(proposal, formdata=data), sent, "name")
    merge_form = merge_form or _as_sent(lambda data: MergeForm(proposal.id, formdata=data), sent, "into")
    reject_form = reject_form or _as_sent(lambda data: RejectForm(proposal.id, formdata=data), sent, "reason", "note")
    merge_form.into.choices = [(c.treasure_id, c.name) for c in proposal.candidates]
    part = request.args.get("part")
    block = {"card": "card", "notice": "decided_notice"}.get(part, "review")
    return render(
        "moderation/proposal.html",
        blocks={
            f"proposal-{proposal.id}": block,
            "proposal-list": "card",
            f"proposal-notice-{proposal.id}": "decided_notice",
        },
        p=proposal,
        accept_form=accept_form,
        merge_form=merge_form,
        reject_form=reject_form,
        notice=notice,
        lookup=lookup,
    ), status


def _as_sent(make, sent, *fields: str):
    """A decision form filled in with what was sent, when any of ``fields`` was sent
    (not validated: its messages belong to its own decision); else the blank one."""
    form = make(None)
    if any(getattr(form, name).name in sent for name in fields):
        form = make(sent)
    return form


@bp.get("/o/<slug>/moderation/<int:proposal_id>")
@org_view(Role.viewer)
def show_proposal(proposal_id: int):
    return _review(get_proposal_or_404(proposal_id))


def _decided(proposal: Proposal, message: str):
    """After a decision: the card in its decided state (htmx) or back to the queue."""
    return fragment_or_redirect(
        message,
        url_for("moderation.show_queue"),
        "moderation/proposal.html",
        blocks={f"proposal-{proposal.id}": "card_saved"},
        p=proposal,
    )


def _already_decided(proposal: Proposal, error: AlreadyDecided):
    """409: someone else decided first. Nothing of this request was applied."""
    db.session.refresh(proposal.treasure)
    message = decided_message(error.submission)
    if htmx:
        return render(
            "moderation/proposal.html",
            blocks={f"proposal-{proposal.id}": "card_saved"},
            p=proposal,
            message=message,
            message_kind="warning",
        ), 409
    return _review(proposal, notice=message, status=409)


@bp.post("/o/<slug>/moderation/<int:proposal_id>/accept")
@org_view(Role.member)
def accept_proposal(proposal_id: int):
    proposal = get_proposal_or_404(proposal_id)
    try:
        base_version = parse_version(request.form.get("version"))
    except VersionMissing:
        abort(428)
    form = accept_form_for(proposal, formdata=request.form)
    edited = form.name.name in request.form
    if (search := geocoder.lookup(form.lat, form.lon, form.address.data)) is not None:
        return _review(proposal, accept_form=form, lookup=search)
    if edited and not form.validate():
        return _review(proposal, accept_form=form, status=422)
    try:
        result = accept(proposal, form.values() if edited else None, base_version, user_id=current_user.id)
    except AlreadyDecided as error:
        return _already_decided(proposal, error)
    if result.status == "conflict":
        db.session.rollback()
        return _review(
            proposal,
            accept_form=form,
            status=409,
            notice=_("A colleague changed this proposal while you were looking at it. Check it and decide again."),
        )
    db.session.commit()
    return _decided(proposal, outcome_message(proposal))


@bp.post("/o/<slug>/moderation/<int:proposal_id>/merge")
@org_view(Role.member)
def merge_proposal(proposal_id: int):
    proposal = get_proposal_or_404(proposal_id)
    form = MergeForm(proposal.id)
    into = get_merge_target(form.into.data, proposal) if form.validate() else None
    if form.into.data and not form.into.errors and into is None:
        form.into.errors.append(_("Choose a place that is on the map."))
    if into is None:
        return _review(proposal, merge_form=form, status=422)
    try:
        merge(proposal, into, user_id=current_user.id)
    except AlreadyDecided as error:
        return _already_decided(proposal, error)
    except DescriptionTooLong:
        db.session.rollback()
        form.into.errors.append(
            _(
                "The description of that place would become too long. Shorten it first, or accept this proposal as a place of its own."
            )
        )
        return _review(proposal, merge_form=form, status=422)
    db.session.commit()
    return _decided(proposal, outcome_message(proposal))


@bp.post("/o/<slug>/moderation/<int:proposal_id>/reject")
@org_view(Role.member)
def reject_proposal(proposal_id: int):
    proposal = get_proposal_or_404(proposal_id)
    form = RejectForm(proposal.id)
    if not form.validate():
        return _review(proposal, reject_form=form, status=422)
    try:
        reject(proposal, form.reason.data, form.note.data or "", user_id=current_user.id)
    except AlreadyDecided as error:
        return _already_decided(proposal, error)
    db.session.commit()
    return _decided(proposal, outcome_message(proposal))


@bp.post("/o/<slug>/moderation/mail")
@org_view(Role.coordinator)
def set_waiting_mail():
    """A coordinator's own switch: an e-mail when residents' places start to wait."""
    wanted = request.form.get("mail_waiting_places") == "on"
    set_mail_waiting(g.membership, wanted)
    db.session.commit()
    if wanted:
        flash(_("You get an e-mail when residents' places start to wait."), "success")
    else:
        flash(_("You no longer get an e-mail about waiting places."), "success")
    return redirect(url_for("moderation.show_queue"), code=303)
