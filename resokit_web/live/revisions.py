"""The organisation revision: one number per organisation, raised by every committed
change of its objects.

What is built from an organisation's objects and kept between requests (the map data,
``core/bodies.py``; the moderation queue's prepared treasures) is keyed by it, so a
cache can never answer with data older than the last commit: the versioning machinery
(``live/versioning.py``: every create, save, archive, restore, accept, import) calls
:func:`changed`, and the number goes up in the same transaction as the change, just
before it commits. Reading it is one primary-key lookup.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..extensions import db
from ..orgs.models import Membership, Organisation

_KEY = "resokit_changed_orgs"


class OrganisationRevision(db.Model):
    __tablename__ = "organisation_revisions"

    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    revision: Mapped[int] = mapped_column(sa.BigInteger, default=0)

    def __repr__(self) -> str:
        return f"<OrganisationRevision org={self.organisation_id} {self.revision}>"


_TABLE = OrganisationRevision.__table__
# Built once: the hot path (every map-data request) only binds the organisation.
_READ = sa.select(_TABLE.c.revision).where(_TABLE.c.organisation_id == sa.bindparam("org_id"))


def changed(org_id: int) -> None:
    """Note that the current transaction changes ``org_id``'s objects: its revision goes
    up when the transaction commits (and not at all when it rolls back)."""
    db.session.info.setdefault(_KEY, set()).add(org_id)


def user_renamed(user_id: int) -> None:
    """Rows name who changed them last: a new display name changes what every organisation
    of the user shows."""
    for org_id in db.session.scalars(sa.select(Membership.organisation_id).where(Membership.user_id == user_id)):
        changed(org_id)


def revision_of(org_id: int) -> int:
    return db.session.execute(_READ, {"org_id": org_id}).scalar() or 0


_UPSERTS: dict[str, sa.Insert] = {}


def _upsert(dialect: str) -> sa.Insert:
    """``INSERT … ON CONFLICT DO UPDATE`` raising one organisation's revision (a missing
    one starts at 1), built once per dialect: compiled once, then only bound."""
    statement = _UPSERTS.get(dialect)
    if statement is None:
        insert = (postgresql if dialect == "postgresql" else sqlite).insert(_TABLE)
        statement = _UPSERTS[dialect] = insert.values(
            organisation_id=sa.bindparam("org_id"), revision=1
        ).on_conflict_do_update(index_elements=[_TABLE.c.organisation_id], set_={"revision": _TABLE.c.revision + 1})
    return statement


def _before_commit(session: Session) -> None:
    org_ids = session.info.pop(_KEY, None)
    if org_ids:
        # Right before the commit, so the row stays locked for the shortest time; several
        # organisations in a fixed order (PostgreSQL takes their row locks in it).
        upsert = _upsert(session.get_bind().dialect.name)
        for org_id in sorted(org_ids):
            session.execute(upsert, {"org_id": org_id})


def _after_rollback(session: Session) -> None:
    session.info.pop(_KEY, None)


def jump_all() -> None:
    """After a restore from a backup: move every organisation's revision past any number
    a cache may have seen, so a body kept from before (in Redis, in a running worker)
    never matches the restored history as it goes on."""
    org_ids = list(db.session.scalars(sa.select(Organisation.id).order_by(Organisation.id)))
    if org_ids:
        jump = secrets.randbelow(2**40) + 2**20
        db.session.execute(
            sa.update(_TABLE).values(revision=_TABLE.c.revision + jump).execution_options(synchronize_session=False)
        )
        missing = set(org_ids) - set(db.session.scalars(sa.select(_TABLE.c.organisation_id)))
        if missing:
            db.session.execute(sa.insert(_TABLE), [{"organisation_id": i, "revision": jump} for i in sorted(missing)])
    db.session.commit()


def init_listeners() -> None:
    if not getattr(Session, "_resokit_revisions_listening", False):
        sa.event.listen(Session, "before_commit", _before_commit)
        sa.event.listen(Session, "after_rollback", _after_rollback)
        Session._resokit_revisions_listening = True
