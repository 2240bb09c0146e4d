"""A person's inclusieweb: the drawing with its list, contacts (declared lifecycle),
moments and their comparison, the "with the person" view and the printable page."""

from __future__ import annotations

import json
import os

from flask import Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from .. import radial
from ..access import org_view
from ..extensions import db
from ..live import presence
from ..live.lifecycle import Lifecycle
from ..live.versioning import VersionMissing, parse_version
from ..orgs.models import Role
from ..partners.map_views import SVG_POLICY, map_css
from ..people.models import Person
from ..rendering import render
from ..roles.forms import NewMatchForm
from ..roles.models import SocialRole
from ..roles.service import create_match
from .access import get_contact_or_404, get_web_person_or_404
from .compare import compare
from .drawing import layout
from .forms import ContactForm, MomentForm, PlaceForm
from .measures import measures
from .models import Contact, Moment
from .service import (
    contacts_of,
    create_contact,
    moments_of,
    people_with_webs,
    save_contact,
    set_contact_status,
    snapshot,
    take_moment,
)
from .suggestions import suggestions_for
from .view_helpers import (
    CONTACT_FIELD_LABELS,
    DISPLAY,
    GEOMETRY,
    contact_form_for,
    contact_history_items,
    page_name,
    saved_message,
)

bp = Blueprint("inclusieweb", __name__)


@bp.after_request
def no_store(response: Response) -> Response:
    # Every page of a web is about one person.
    response.headers["Cache-Control"] = "no-store, max-age=0"
    response.headers["Pragma"] = "no-cache"
    return response


@bp.url_defaults
def add_person_id(endpoint: str, values: dict) -> None:
    # Inside a person's web, url_for() fills in the person (the lifecycle's views need it).
    args = request.view_args or {}
    if (
        "person_id" not in values
        and "person_id" in args
        and current_app.url_map.is_endpoint_expecting(endpoint, "person_id")
    ):
        values["person_id"] = args["person_id"]


def _web_url(person: Person, **kw) -> str:
    return url_for("inclusieweb.show_web", person_id=person.id, **kw)


def _web_context(person: Person, **extra) -> dict:
    contacts = contacts_of(person.id)
    data = snapshot(contacts)
    return {
        "person": person,
        "contacts": contacts,
        "layout": layout(data, person.pseudonym, geometry=GEOMETRY),
        "phone_layout": layout(data, person.pseudonym, geometry=radial.COMPACT),
        "measures": measures(data),
        "moments": moments_of(person.id),
        "page": page_name(person),
        **extra,
    }


def _web_page(person: Person, status: int = 200, **extra):
    response = render(
        "inclusieweb/web.html",
        blocks=("web_block",),
        form=extra.pop("form", None) or ContactForm(formdata=None),
        moment_form=extra.pop("moment_form", None) or MomentForm(formdata=None),
        suggestions=suggestions_for(person, contacts_of(person.id)),
        match_errors=extra.pop("match_errors", {}),
        **_web_context(person, **extra),
    )
    return (response, status) if status != 200 else response


@bp.get("/o/<slug>/inclusieweb")
@org_view(Role.member)
def list_webs():
    return render("inclusieweb/index.html", rows=people_with_webs(g.org.id))


@bp.get("/o/<slug>/people/<int:person_id>/inclusieweb")
@org_view(Role.member)
def show_web(person_id: int):
    person = get_web_person_or_404(person_id)
    presence.announce(g.org.id, current_user.id, page_name(person))
    return _web_page(person)


@bp.get("/o/<slug>/people/<int:person_id>/inclusieweb.svg")
@org_view(Role.member)
def web_svg(person_id: int):
    person = get_web_person_or_404(person_id)
    with open(os.path.join(current_app.static_folder, "css", "inclusieweb.css"), encoding="utf-8") as fh:
        css = map_css() + fh.read()
    body = render_template("inclusieweb/web.svg", css=css, **_web_context(person))
    response = Response(body, mimetype="image/svg+xml")
    response.headers["Content-Disposition"] = f'attachment; filename="inclusieweb-{person.id}.svg"'
    response.headers["Content-Security-Policy"] = SVG_POLICY
    return response


@bp.get("/o/<slug>/people/<int:person_id>/inclusieweb.json")
@org_view(Role.member)
def web_json(person_id: int):
    person = get_web_person_or_404(person_id)
    contacts = contacts_of(person.id)
    data = {
        "person": person.id,
        "contacts": [c.as_json() for c in contacts],
        "measures": measures(snapshot(contacts)),
    }
    return Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")


@bp.post("/o/<slug>/people/<int:person_id>/inclusieweb/contacts")
@org_view(Role.member)
def create_contact_view(person_id: int):
    person = get_web_person_or_404(person_id)
    form = ContactForm()
    if not form.validate():
        return _web_page(person, 422, form=form, add_open=True)
    contact = create_contact(person, form.values(), user_id=current_user.id)
    db.session.commit()
    flash(_("“%(label)s” is in the web.", label=contact.label), "success")
    return redirect(_web_url(person, _anchor=f"contact-{contact.id}"), code=303)


@bp.post("/o/<slug>/people/<int:person_id>/inclusieweb/contacts/<int:contact_id>/move")
@org_view(Role.member)
def move_contact(person_id: int, contact_id: int):
    """Another circle or domain: a drag, the arrow keys and Enter, or the list's small form."""
    contact = get_contact_or_404(contact_id)
    person = get_web_person_or_404(person_id)
    try:
        base_version = parse_version(request.form.get("version"))
    except VersionMissing:
        abort(428)
    form = PlaceForm()
    if not form.validate():
        return _web_page(person, 422, move_errors={contact.id: form.errors})
    result = save_contact(contact, form.values(), base_version, user_id=current_user.id, action="moved")
    if result.status == "conflict":
        db.session.rollback()
        return _web_page(person, 409, move_conflict=contact.id)
    db.session.commit()
    if request.form.get("back") == "together":  # with the person: no staff messages
        return redirect(url_for("inclusieweb.together_view", person_id=person.id), code=303)
    flash(saved_message(result, contact), "success")
    return redirect(_web_url(person, _anchor=f"contact-{contact.id}"), code=303)


def _saved(contact: Contact, result):
    flash(saved_message(result, contact), "success")
    return redirect(url_for("inclusieweb.show_web", person_id=contact.person_id, _anchor=f"contact-{contact.id}"), 303)


def _changed(contact: Contact, message: str):
    flash(message, "success")
    return redirect(url_for("inclusieweb.show_web", person_id=contact.person_id, _anchor="web-list"), 303)


CONTACTS = Lifecycle(
    name="contact",
    path="people/<int:person_id>/inclusieweb/contacts",
    templates="inclusieweb",
    page="inclusieweb",
    load=get_contact_or_404,
    form=lambda formdata, _contact: ContactForm(formdata=formdata),
    form_for=contact_form_for,
    save=save_contact,
    saved=_saved,
    labels=CONTACT_FIELD_LABELS,
    history_items=contact_history_items,
    nothing_to_restore=_l("Nothing to restore: this is what the contact looks like now."),
    conflict_context=lambda _result: {"display": DISPLAY},
    edit_context=lambda contact: {"person": contact_person(contact)},
    set_status=set_contact_status,
    restored_status="active",
    archived_message=_l("“%(name)s” is archived. You can restore it from the archive."),
    restored_message=_l("“%(name)s” is back in the web."),
    changed=_changed,
    title=lambda contact: contact.label,
    writer=Role.member,
    reader=Role.member,
)
CONTACTS.register(bp)


def contact_person(contact: Contact) -> Person:
    return db.session.get(Person, contact.person_id)


@bp.get("/o/<slug>/people/<int:person_id>/inclusieweb/archive")
@org_view(Role.member)
def archived_contacts(person_id: int):
    person = get_web_person_or_404(person_id)
    return render("inclusieweb/archive.html", person=person, contacts=contacts_of(person.id, archived=True))


# --- From web to action ---------------------------------------------------------------------


@bp.post("/o/<slug>/people/<int:person_id>/inclusieweb/matches")
@org_view(Role.member)
def propose_match(person_id: int):
    """A suggested role becomes a match proposal in one step, through the roles' own form
    (the same checks) and service (the same version, history and event); then the match."""
    person = get_web_person_or_404(person_id)
    raw_role = request.form.get("role", "")
    form = NewMatchForm(
        formdata=MultiDict(
            {"csrf_token": request.form.get("csrf_token", ""), "person": str(person.id), "role": raw_role}
        )
    )
    valid = form.validate()
    role = db.session.get(SocialRole, form.role_id) if valid else None
    if role is not None and role.status != "open":
        form.role.errors = [_("This role is not open any more: it takes no new match.")]
        valid = False
    if not valid:
        messages = [str(m) for errors in form.errors.values() for m in errors]
        return _web_page(person, 422, match_errors={f"role-{raw_role}": messages or [_("Choose a role.")]})
    match = create_match(g.org.id, person.id, role.id, user_id=current_user.id)
    db.session.commit()
    flash(_("The match is proposed, at “Idea”: %(role)s.", role=role.title), "success")
    return redirect(url_for("roles.show_match", match_id=match.id), code=303)


# --- Moments ----------------------------------------------------------------------------


@bp.post("/o/<slug>/people/<int:person_id>/inclusieweb/moments")
@org_view(Role.member)
def create_moment(person_id: int):
    person = get_web_person_or_404(person_id)
    form = MomentForm()
    if not form.validate():
        return _web_page(person, 422, moment_form=form)
    take_moment(person, form.note.data or "", user_id=current_user.id)
    db.session.commit()
    flash(_("The web is saved as a moment. Compare it later to see what changed."), "success")
    return redirect(_web_url(person, _anchor="moments"), code=303)


@bp.get("/o/<slug>/people/<int:person_id>/inclusieweb/moments.json")
@org_view(Role.member)
def moments_json(person_id: int):
    person = get_web_person_or_404(person_id)
    data = [{"id": m.id, "taken_at": m.taken_at.isoformat(), "note": m.note} for m in moments_of(person.id)]
    return Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")


def _state(person: Person, moments: dict[int, Moment], raw: str | None):
    """A moment (by id) or ``now``: (its moment or None, its contacts); 404 for anything else."""
    if raw == "now":
        return None, snapshot(contacts_of(person.id))
    try:
        moment = moments[int(raw or "")]
    except (ValueError, KeyError):
        abort(404)
    return moment, moment.contacts


@bp.get("/o/<slug>/people/<int:person_id>/inclusieweb/compare")
@org_view(Role.member)
def compare_web(person_id: int):
    person = get_web_person_or_404(person_id)
    moments = {m.id: m for m in moments_of(person.id)}
    if not moments:
        flash(_("Save the web as a moment first; then you can compare it with later."), "info")
        return redirect(_web_url(person, _anchor="moments"), code=303)
    first = min(moments.values(), key=lambda m: (m.taken_at, m.id))
    start, before = _state(person, moments, request.args.get("from") or str(first.id))
    end, after = _state(person, moments, request.args.get("to") or "now")
    result = compare(before, after)
    changes = {c["id"]: result.changes_of(c["id"]) for c in after}
    return render(
        "inclusieweb/compare.html",
        person=person,
        moments=list(moments.values()),
        start=start,
        end=end,
        result=result,
        layout=layout(after, person.pseudonym, geometry=GEOMETRY, changes=changes, gone=result.gone),
        before_layout=layout(before, person.pseudonym, geometry=GEOMETRY),
    )


# --- With the person, and on paper --------------------------------------------------------


@bp.get("/o/<slug>/people/<int:person_id>/inclusieweb/together")
@org_view(Role.member)
def together_view(person_id: int):
    person = get_web_person_or_404(person_id)
    presence.announce(g.org.id, current_user.id, page_name(person))
    return render("inclusieweb/together.html", blocks=("web_block",), together=True, **_web_context(person))


@bp.get("/o/<slug>/people/<int:person_id>/inclusieweb/print")
@org_view(Role.member)
def print_web(person_id: int):
    person = get_web_person_or_404(person_id)
    return render("inclusieweb/print.html", **_web_context(person))
