"""The one access path to an organisation's data.

Every view under ``/o/<slug>/`` is wrapped by :func:`org_view`: it loads the
organisation and the current user's membership, answers 404 to anyone who is not a
member (the organisation's existence is not revealed) and 403 to a member whose role
is too low, logs the denial, and leaves the organisation in ``g.org`` for the view and
for the area ``access.py`` helpers, which scope every query by it.

Views that only need a signed-in user use :func:`user_view`; views open to anyone are
marked :func:`public`. The route-inventory test fails on any endpoint that is neither.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import sqlalchemy as sa
from flask import Response, abort, g, make_response, redirect, request, session, url_for
from flask_login import current_user

from .accounts.models import User
from .accounts.second_factor import missing_for
from .activity.service import record_denied
from .extensions import db
from .orgs.models import Membership, Organisation, Role


def public(view: Callable) -> Callable:
    """Mark a view as intentionally open to anyone.

    The route-inventory test keeps its own list of the public endpoints, so opening a
    new one is always a deliberate, reviewed change.
    """
    view.resokit_access = "public"
    return view


def _login_redirect(endpoint: str = "accounts.login") -> Response:
    target = url_for(endpoint, next=request.full_path.rstrip("?"))
    if request.headers.get("HX-Request"):
        # A full page load to the login page, not a login form inside a fragment.
        response = make_response("", 401)
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target)


def user_view(view: Callable) -> Callable:
    """A view for any signed-in user (not tied to one organisation)."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return _login_redirect()
        return view(*args, **kwargs)

    wrapped.resokit_access = "user"
    return wrapped


# Built once (every request under /o/<slug>/ runs it): compiled once, then only bound.
_SIGNED_IN = (
    sa.select(User, Organisation, Membership)
    .select_from(User)
    .where(User.id == sa.bindparam("uid"), User.session_epoch == sa.bindparam("epoch"))
    .outerjoin(Organisation, Organisation.slug == sa.bindparam("slug"))
    .outerjoin(Membership, sa.and_(Membership.organisation_id == Organisation.id, Membership.user_id == User.id))
)


def _signed_in(slug: str) -> tuple[Organisation | None, Membership | None] | None:
    """The signed-in user, the organisation and the user's membership of it, in one query.

    A user not loaded yet (every request under ``/o/<slug>/``) is read from the session
    and checked exactly as ``load_user`` checks it (id and session epoch), then becomes
    Flask-Login's current user. None: nobody is signed in (validly)."""
    if "_login_user" in g:  # loaded already (the error pages, a test): the same query
        if not current_user.is_authenticated:
            return None
        uid, epoch = current_user.id, current_user.session_epoch
    else:
        try:
            uid, epoch = (int(part) for part in str(session.get("_user_id") or "").split(":", 1))
        except ValueError:
            return None
    row = db.session.execute(_SIGNED_IN, {"uid": uid, "epoch": epoch, "slug": slug}).first()
    if row is None:
        return None
    user, org, membership = row
    g._login_user = user  # what Flask-Login's loader would have set
    return org, membership


def load_org(slug: str, need: Role) -> tuple[Organisation, Membership] | None:
    """The signed-in user's organisation ``slug`` and membership, or abort 404/403; None
    when nobody is signed in."""
    found = _signed_in(slug)
    if found is None:
        return None
    org, membership = found
    if org is None:
        abort(404)
    if membership is None:
        record_denied(org.id, current_user.id, "denied.not_member")
        abort(404)
    if not membership.role.allows(need):
        record_denied(org.id, current_user.id, "denied.role")
        abort(403)
    return org, membership


def org_view(need: Role = Role.viewer) -> Callable[[Callable], Callable]:
    """Wrap a view under ``/o/<slug>/``: the view receives no ``slug``; it finds the
    organisation in ``g.org`` and the membership in ``g.membership``."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(*args, slug: str, **kwargs):
            loaded = load_org(slug, need)
            if loaded is None:
                return _login_redirect()
            g.org, g.membership = loaded
            if missing_for(current_user, g.membership.role):
                # Where a second sign-in step is required, a coordinator without one sets
                # it up before seeing anything of the organisation (people, audit log...).
                return _login_redirect("accounts.security")
            g._member_role = g.membership.role  # see can(): read before any commit expires it
            return view(*args, **kwargs)

        wrapped.resokit_access = need
        return wrapped

    return decorator


def current_org() -> Organisation:
    return g.org


def can(need: Role | str) -> bool:
    """For templates and views: does the current member have at least this role here?

    The role is read from the membership once per request: a row asks a few times, and
    after a commit every read of ``membership.role`` would load the membership again."""
    role = g.get("_member_role")
    if role is None:
        membership = g.get("membership")
        if membership is None:
            return False
        role = g._member_role = membership.role
    return role.allows(Role(need))


def require(need: Role) -> None:
    """Inside an org view, refuse the rest of the work when the role is too low."""
    if not can(need):
        record_denied(g.org.id, current_user.id, "denied.role")
        abort(403)


def scoped_get(model, object_id: int, *, org_field: str = "organisation_id", options=()):
    """``model`` by id inside the current organisation, or None. ``options`` (loader
    options such as ``joinedload``) save the queries a page would otherwise make for
    related rows."""
    return db.session.scalar(
        sa.select(model).where(model.id == object_id, getattr(model, org_field) == g.org.id).options(*options)
    )


def scoped_get_or_404(model, object_id: int, *, org_field: str = "organisation_id", options=()):
    """Load ``model`` by id inside the current organisation, or 404 (area helpers such as
    ``get_treasure_or_404`` are thin wrappers around this)."""
    obj = scoped_get(model, object_id, org_field=org_field, options=options)
    if obj is None:
        abort(404)
    return obj
