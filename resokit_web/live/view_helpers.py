"""View steps every collaborative object shares (treasures, partners, people, roles,
matches, opinion pieces and contributions)."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from .versioning import restore_version


def restore_from_history(obj, version: int, *, nothing: str, restore: Callable | None = None) -> None:
    """Bring back ``version`` of ``obj`` as a new version, commit, and say what happened.

    ``nothing`` is the message when that version is what the object looks like now;
    a version the object never had is a 404. ``restore`` replaces the plain
    ``restore_version`` for objects that restore more than their own fields.
    """
    try:
        result = (restore or restore_version)(obj, version, user_id=current_user.id)
    except LookupError:
        abort(404)
    db.session.commit()
    if result.applied:
        flash(_("Version %(old)d is restored as version %(new)d.", old=version, new=obj.version), "success")
    else:
        flash(str(nothing), "info")
