from __future__ import annotations

from flask import abort

from ..orgs.models import Organisation
from .service import find_public_org


def get_public_org_or_404(public_slug: str) -> Organisation:
    """The organisation behind /buurt/<public_slug>; 404 when unknown or switched off."""
    org = find_public_org(public_slug)
    if org is None:
        abort(404)
    return org
