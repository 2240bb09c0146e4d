from __future__ import annotations

from flask import Response, abort, g, request

from ..access import scoped_get_or_404
from .models import Partner, Share
from .sharing import incoming_from


def get_partner_or_404(partner_id: int) -> Partner:
    """A partner of the current organisation (any status), or 404."""
    return scoped_get_or_404(Partner, partner_id)


def get_outgoing_share_or_404(share_id: int) -> Share:
    """A share the current organisation gave (active or revoked), or 404."""
    return scoped_get_or_404(Share, share_id, org_field="source_org_id")


def get_incoming_share_or_404(source_slug: str) -> Share:
    """The active share of the organisation at ``source_slug`` with the current one, or 404.

    A revoked share is gone at once: the next request finds nothing. An open page that
    asks for a fresh copy of a revoked map reloads itself (and then shows "not found").
    """
    share = incoming_from(g.org.id, source_slug)
    if share is None:
        if request.headers.get("HX-Request"):
            abort(Response("", 404, {"HX-Refresh": "true"}))
        abort(404)
    return share
