from __future__ import annotations

from flask import abort

from ..access import scoped_get_or_404
from .models import Match, SocialRole


def get_role_or_404(role_id: int) -> SocialRole:
    """A role of the current organisation (any status), or 404."""
    return scoped_get_or_404(SocialRole, role_id)


def get_match_or_404(match_id: int) -> Match:
    """A match of the current organisation whose person is in view (consent in force), or 404."""
    match = scoped_get_or_404(Match, match_id)
    if not match.person.is_active:
        abort(404)
    return match
