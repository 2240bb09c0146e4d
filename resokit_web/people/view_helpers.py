"""What the people templates need besides the people themselves."""

from __future__ import annotations

from flask import g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..live.diff import describe_history
from ..live.presence import editing_names_for
from ..live.versioning import SaveResult
from .domains import DOMAINS
from .forms import STEP_FORMS, PersonEditForm
from .models import STEP_FIELDS, STEPS, Person

PAGE = "people"

FIELD_LABELS = {
    "pseudonym": _l("Pseudonym"),
    "interests": _l("Interests"),
    "interests_note": _l("Interests in their own words"),
    "strengths": _l("Strengths"),
    "strengths_note": _l("Strengths in their own words"),
    "talents": _l("Talents"),
    "talents_note": _l("Talents in their own words"),
    "domains": _l("Life domains"),
    "domains_note": _l("Where and how"),
    "status": _l("Status"),
}

STATUS_LABELS = {"active": _l("Consent in force"), "withdrawn": _l("Consent withdrawn")}

STEP_TITLES = {
    "interests": _l("Interests"),
    "strengths": _l("Strengths"),
    "talents": _l("Talents"),
    "domains": _l("Where they could be used"),
}

STEP_INTROS = {
    "interests": _l("Start with what the person likes and what makes them curious: there is energy there."),
    "strengths": _l("Then their qualities: what others appreciate in them, how they go about things."),
    "talents": _l("Now what they can do: skills, languages, things they did before, at home or at work."),
    "domains": _l("Finally, where all this could be used: in which parts of life, at which places, with whom."),
}

ACCESS_LABELS = {
    "viewed": _l("viewed"),
    "exported": _l("exported"),
    "erased": _l("erased"),
    "purged": _l("erased after the retention period"),
}
ACCESS_WHAT = {
    "person": _l("person page"),
    "edit": _l("edit form"),
    "talentenkaart": _l("talentenkaart"),
    "suggestions": _l("suggested roles"),
    "history": _l("history"),
    "match": _l("a match"),
}

DISPLAY = {
    "domains": lambda v: ", ".join(str(DOMAINS.get(d, d)) for d in (v or [])),
    "status": lambda v: str(STATUS_LABELS.get(v, v)),
}


def editing_names(org_id: int) -> dict[int, list[str]]:
    return editing_names_for(org_id, "person", exclude_user=current_user.id)


def row_context(person: Person) -> dict:
    return {"person": person, "editing": editing_names(g.org.id)}


def edit_form_for(person: Person) -> PersonEditForm:
    return PersonEditForm(
        formdata=None,
        data={
            "pseudonym": person.pseudonym,
            "talents": ", ".join(person.talents),
            "interests": ", ".join(person.interests),
            "strengths": ", ".join(person.strengths),
        },
    )


def step_form_for(person: Person, step: str):
    tags, note = STEP_FIELDS[step]
    value = getattr(person, tags)
    return STEP_FORMS[step](
        formdata=None, data={tags: list(value) if step == "domains" else ", ".join(value), note: getattr(person, note)}
    )


def step_nav(step: str) -> dict:
    index = STEPS.index(step)
    return {
        "index": index + 1,
        "count": len(STEPS),
        "previous": STEPS[index - 1] if index > 0 else None,
        "next": STEPS[index + 1] if index + 1 < len(STEPS) else None,
    }


def saved_message(result: SaveResult) -> str:
    if result.status == "merged":
        return _("Saved. A colleague changed this person at the same time; both changes are kept.")
    if result.status == "unchanged":
        return _("Nothing had changed, so nothing was saved.")
    return _("Saved.")


def history_items(entries):
    return describe_history(entries, labels=FIELD_LABELS, display=DISPLAY, text_fields=Person.__text_fields__)
