"""People: the list, adding with consent, the person page, the talentenkaart, consent,
the access log, export and erasure. Every response here is ``Cache-Control: no-store``."""

from __future__ import annotations

import json

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, g, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import can, org_view
from ..core import erasure
from ..extensions import db, htmx
from ..live import presence
from ..live.lifecycle import Lifecycle, base_version_or_428
from ..live.resolution import resolve
from ..orgs.models import Role
from ..rendering import fragment_or_redirect, render
from ..roles.models import Match
from .access import find_visible_person, get_person_or_404
from .forms import STEP_FORMS, ConsentForm, EraseForm, PersonEditForm, PersonForm, RetentionForm
from .gdpr import erase_person, export_person
from .models import STEPS
from .pseudonyms import warnings as pseudonym_warnings
from .service import (
    access_log,
    active_people,
    create_person,
    log_access,
    record_consent,
    save_person,
    withdraw_consent,
    withdrawn_people,
)
from .view_helpers import (
    DISPLAY,
    FIELD_LABELS,
    PAGE,
    STEP_INTROS,
    STEP_TITLES,
    edit_form_for,
    editing_names,
    history_items,
    row_context,
    saved_message,
    step_form_for,
    step_nav,
)

bp = Blueprint("people", __name__)


@bp.after_request
def no_store(response: Response) -> Response:
    # Nothing about a person stays in a browser's or a proxy's cache, nor in the back-forward cache.
    response.headers["Cache-Control"] = "no-store, max-age=0"
    response.headers["Pragma"] = "no-cache"
    return response


def _person_matches(person_id: int):
    from ..roles.service import visible_matches

    return visible_matches(g.org.id, person_id=person_id)


def _match_count(person_id: int) -> int:
    """All of a person's matches, also while they are hidden (consent withdrawn)."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(Match).where(Match.person_id == person_id))


@bp.get("/o/<slug>/people")
@org_view(Role.member)
def list_people():
    show_withdrawn = request.args.get("show") == "withdrawn" and can("coordinator")
    people = withdrawn_people(g.org.id) if show_withdrawn else active_people(g.org.id)
    return render(
        "people/index.html",
        blocks=("people_results", "people_count"),
        people=people,
        show_withdrawn=show_withdrawn,
        form=PersonForm(formdata=None),
        editing=editing_names(g.org.id),
    )


@bp.get("/o/<slug>/people/new")
@org_view(Role.member)
def new_person():
    return render("people/new.html", form=PersonForm(formdata=None))


@bp.post("/o/<slug>/people")
@org_view(Role.member)
def create_person_view():
    form = PersonForm()
    if not form.validate():
        return render("people/new.html", blocks=("add_person",), form=form), 422
    person = create_person(
        g.org.id,
        form.values(),
        given_on=form.consent_date.data,
        scopes=form.consent_scope.data,
        user_id=current_user.id,
    )
    db.session.commit()
    warnings = pseudonym_warnings(person.pseudonym)
    return fragment_or_redirect(
        _("The person is added, with their consent recorded."),
        url_for("people.show_person", person_id=person.id),
        "people/new.html",
        blocks=("add_person",),
        also_flash=[(warning, "warning") for warning in warnings],
        form=PersonForm(formdata=None),
        created=person,
        added_warnings=warnings,  # in the status line, not under the emptied field
        **row_context(person),
    )


@bp.post("/o/<slug>/people/check-pseudonym")
@org_view(Role.member)
def check_pseudonym():
    """While typing: the warnings a pseudonym would get (nothing is stored)."""
    pseudonym = (request.form.get("pseudonym") or "")[:200]
    return render("people/_pseudonym_check.html", warnings=pseudonym_warnings(pseudonym))


@bp.get("/o/<slug>/people.json")
@org_view(Role.member)
def people_json():
    data = [
        {"id": p.id, "pseudonym": p.pseudonym, "talents": p.talents, "interests": p.interests}
        for p in active_people(g.org.id)
    ]
    return Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")


@bp.get("/o/<slug>/people/settings")
@org_view(Role.coordinator)
def privacy_settings():
    return render("people/settings.html", form=RetentionForm(formdata=None, obj=g.org))


@bp.post("/o/<slug>/people/settings")
@org_view(Role.coordinator)
def save_privacy_settings():
    form = RetentionForm()
    if not form.validate():
        return render("people/settings.html", form=form), 422
    g.org.retention_months = form.retention_months.data
    db.session.commit()
    flash(
        _("Saved. People's data is kept for %(n)d months after the last activity.", n=g.org.retention_months), "success"
    )
    return redirect(url_for("people.privacy_settings"), code=303)


@bp.get("/o/<slug>/people/<int:person_id>")
@org_view(Role.member)
def show_person(person_id: int):
    row_target = f"person-{person_id}"
    if htmx.target in (row_target, "person-list") and request.args.get("list"):
        person = find_visible_person(person_id)
        if person is None:  # erased, or consent withdrawn: it leaves every list
            response = make_response("")
            response.headers["HX-Reswap"] = "delete"
            return response
        return render("people/person.html", blocks={htmx.target: "row"}, **row_context(person))
    person = get_person_or_404(person_id)
    log_access(person, "viewed", what="person", user_id=current_user.id)
    db.session.commit()
    return render(
        "people/person.html",
        blocks={"person-card": "card", f"stale-{person.id}": "stale_notice"},
        since=request.args.get("since", person.version, type=int),
        matches=_person_matches(person.id),
        consent_form=ConsentForm(formdata=None),
        **row_context(person),
    )


def _opened(person, view: str) -> None:
    """Reading a person's edit form or history is in their access log."""
    log_access(person, "viewed", what=view, user_id=current_user.id)
    db.session.commit()


def _saved(person, result):
    flash(saved_message(result), "success")
    for warning in pseudonym_warnings(person.pseudonym):
        flash(str(warning), "warning")
    return redirect(url_for("people.show_person", person_id=person.id), code=303)


PEOPLE = Lifecycle(
    name="person",
    path="people",
    templates="people",
    page=PAGE,
    load=get_person_or_404,
    form=lambda formdata, _person: PersonEditForm(formdata=formdata),
    form_for=edit_form_for,
    save=save_person,
    saved=_saved,
    labels=FIELD_LABELS,
    history_items=history_items,
    nothing_to_restore=_l("Nothing to restore: this is what the person's profile looks like now."),
    conflict_context=lambda _result: {"display": DISPLAY},
    edit_target=lambda _person: "person-edit",
    opened=_opened,
)
PEOPLE.register(bp)


@bp.get("/o/<slug>/people/<int:person_id>/talentenkaart")
@org_view(Role.member)
def show_talentenkaart(person_id: int):
    person = get_person_or_404(person_id)
    log_access(person, "viewed", what="talentenkaart", user_id=current_user.id)
    db.session.commit()
    return render(
        "people/talentenkaart.html",
        blocks={"talentenkaart-overview": "overview"},
        person=person,
        steps=STEPS,
        step_titles=STEP_TITLES,
    )


def _step_or_404(step: str) -> str:
    if step not in STEPS:
        abort(404)
    return step


def _step_page(person, step: str, form, version: int, status: int = 200, block: str = "step_form", **extra):
    return render(
        "people/step.html",
        blocks={"step-form": block},
        person=person,
        step=step,
        form=form,
        version=version,
        steps=STEPS,
        step_titles=STEP_TITLES,
        intro=STEP_INTROS[step],
        stepnav=step_nav(step),
        **extra,
    ), status


def _after_step(person, step: str) -> str:
    """The next step, this one again ("save and stay"), or the talentenkaart after the last."""
    following = step_nav(step)["next"]
    if following and request.form.get("then") != "stay":
        return url_for("people.edit_step", person_id=person.id, step=following)
    if following:
        return url_for("people.edit_step", person_id=person.id, step=step)
    return url_for("people.show_talentenkaart", person_id=person.id)


@bp.get("/o/<slug>/people/<int:person_id>/talentenkaart/<step>")
@org_view(Role.member)
def edit_step(person_id: int, step: str):
    person = get_person_or_404(person_id)
    _step_or_404(step)
    log_access(person, "viewed", what="talentenkaart", user_id=current_user.id)
    db.session.commit()
    presence.announce(g.org.id, current_user.id, PAGE, f"person:{person.id}")
    return _step_page(person, step, step_form_for(person, step), person.version)


@bp.post("/o/<slug>/people/<int:person_id>/talentenkaart/<step>")
@org_view(Role.member)
def save_step(person_id: int, step: str):
    person = get_person_or_404(person_id)
    _step_or_404(step)
    formdata = resolve(request.form)
    base_version = base_version_or_428(formdata)
    form = STEP_FORMS[step](formdata=formdata)
    if not form.validate():
        return _step_page(person, step, form, base_version, 422)
    result = save_person(person, form.values(), base_version, user_id=current_user.id)
    if result.status == "conflict":
        db.session.rollback()
        conflict = {"result": result, "labels": FIELD_LABELS, "display": DISPLAY}
        return _step_page(person, step, form, base_version, 409, "conflict", **conflict)
    db.session.commit()
    presence.announce(g.org.id, current_user.id, PAGE, f"person:{person.id}", leaving=True)
    flash(saved_message(result), "success")
    return redirect(_after_step(person, step), code=303)


@bp.post("/o/<slug>/people/<int:person_id>/consent/withdraw")
@org_view(Role.member)
def withdraw_consent_view(person_id: int):
    person = get_person_or_404(person_id)
    if person.is_active:
        withdraw_consent(person, user_id=current_user.id)
        db.session.commit()
    flash(
        _(
            "The consent is withdrawn. The person and their matches no longer show in any list. "
            "A coordinator can still export or erase their data."
        ),
        "success",
    )
    return redirect(url_for("people.list_people"), code=303)


@bp.post("/o/<slug>/people/<int:person_id>/consent")
@org_view(Role.coordinator)
def record_consent_view(person_id: int):
    person = get_person_or_404(person_id)
    form = ConsentForm()
    if not form.validate():
        return render(
            "people/person.html",
            person=person,
            matches=_person_matches(person.id),
            consent_form=form,
            since=person.version,
            editing={},
        ), 422
    record_consent(person, given_on=form.consent_date.data, scopes=form.consent_scope.data, user_id=current_user.id)
    db.session.commit()
    flash(_("The new consent is recorded."), "success")
    return redirect(url_for("people.show_person", person_id=person.id), code=303)


@bp.get("/o/<slug>/people/<int:person_id>/access-log")
@org_view(Role.coordinator)
def show_access_log(person_id: int):
    person = get_person_or_404(person_id)
    return render("people/access_log.html", person=person, entries=access_log(person))


@bp.get("/o/<slug>/people/<int:person_id>/export.json")
@org_view(Role.coordinator)
def export_person_view(person_id: int):
    person = get_person_or_404(person_id)
    log_access(person, "exported", user_id=current_user.id)
    db.session.commit()
    body = json.dumps(export_person(person), ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="person-{person.id}.json"'
    return response


@bp.get("/o/<slug>/people/<int:person_id>/erase")
@org_view(Role.coordinator)
def confirm_erase(person_id: int):
    person = get_person_or_404(person_id)
    return render(
        "people/erase.html", person=person, form=EraseForm(formdata=None), match_count=_match_count(person.id)
    )


@bp.post("/o/<slug>/people/<int:person_id>/erase")
@org_view(Role.coordinator)
def erase_person_view(person_id: int):
    person = get_person_or_404(person_id)
    form = EraseForm()
    if not form.validate():
        return render("people/erase.html", person=person, form=form, match_count=_match_count(person.id)), 422
    erase_person(person, user_id=current_user.id)
    db.session.commit()
    erasure.finish()
    flash(
        _(
            "The person is erased, with their matches, steps and history. Only a line saying that a person "
            "was erased remains in the log."
        ),
        "success",
    )
    return redirect(url_for("people.list_people"), code=303)
