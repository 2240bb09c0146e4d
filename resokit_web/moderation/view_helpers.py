"""What the moderation templates need besides the proposals themselves."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..public.models import ResidentSubmission
from .forms import AcceptForm
from .service import Proposal

BADGE_ID = "moderation-badge"
PAGE = "moderation"

DECISIONS = {
    "accepted": _l("Accepted"),
    "merged": _l("Merged into an existing place"),
    "rejected": _l("Turned down"),
}


def accept_form_for(proposal: Proposal, formdata=None) -> AcceptForm:
    """The accept form, filled in with the proposal as it stands; the public switch
    is off and locked when the resident did not agree to show it."""
    t = proposal.treasure
    data = {
        "name": t.name,
        "kind": t.kind,
        "category": t.category,
        "description": t.description,
        "address": t.address or proposal.submission.location_text,
        "lat": t.lat,
        "lon": t.lon,
        "public": t.public and proposal.submission.consent,
    }
    form = AcceptForm(proposal.id, formdata=formdata, data=data)
    if not proposal.submission.consent:
        form.public.render_kw = {"disabled": True}
        form.public.description = _("The resident did not agree to show it publicly, so it stays for the team only.")
    else:
        form.public.description = _("The resident agreed. Untick to keep it for the team only.")
    return form


def decided_message(submission: ResidentSubmission) -> str:
    """For the second moderator: who decided, and what."""
    who = submission.decided_by.display_name if submission.decided_by else _("a colleague")
    if submission.decision == "accepted":
        return _("Already decided by %(who)s: accepted. Nothing was changed.", who=who)
    if submission.decision == "merged":
        return _("Already decided by %(who)s: merged into a place on the map. Nothing was changed.", who=who)
    if submission.decision == "rejected":
        return _("Already decided by %(who)s: turned down. Nothing was changed.", who=who)
    return _("This proposal is no longer waiting. Nothing was changed.")


def outcome_message(proposal: Proposal) -> str:
    t, s = proposal.treasure, proposal.submission
    if s.decision == "accepted":
        if t.public:
            return _("“%(name)s” is on the map and on the public page.", name=t.name)
        return _("“%(name)s” is on the map, for the team only.", name=t.name)
    if s.decision == "merged":
        return _("“%(name)s” is added to “%(into)s”.", name=t.name, into=s.merged_into.name if s.merged_into else "?")
    return _("“%(name)s” is turned down. The resident will not see your reason.", name=t.name)
