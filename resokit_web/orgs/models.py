from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import UTCDateTime, db, utcnow


class Role(enum.StrEnum):
    viewer = "viewer"
    member = "member"
    coordinator = "coordinator"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def allows(self, need: Role) -> bool:
        return self.rank >= need.rank


_RANK = {Role.viewer: 1, Role.member: 2, Role.coordinator: 3}


def role_type() -> sa.Enum:
    return sa.Enum(
        Role,
        native_enum=False,
        length=20,
        validate_strings=True,
        values_callable=lambda e: [m.value for m in e],
        name="role",
    )


class Organisation(db.Model):
    """A tenant: one welfare organisation's workspace."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(60), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    # The neighbourhood's name in Dutch (the default language), and where French or English
    # call it otherwise (Kuregem, Cureghem): empty means the Dutch name serves.
    neighbourhood: Mapped[str] = mapped_column(sa.String(120), default="")
    neighbourhood_fr: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    neighbourhood_en: Mapped[str] = mapped_column(sa.String(120), default="", server_default="")
    map_lat: Mapped[float] = mapped_column(default=50.8466)
    map_lon: Mapped[float] = mapped_column(default=4.3528)
    map_zoom: Mapped[int] = mapped_column(default=15)
    public_slug: Mapped[str | None] = mapped_column(sa.String(60), unique=True)
    public_enabled: Mapped[bool] = mapped_column(default=False)
    # The sites allowed to show the public map in a frame (/buurt/<slug>/embed): origins
    # such as https://www.example.be, one a line, checked by public/embed.py.
    embed_origins: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # GDPR: people inactive for longer than this are erased by ``flask purge``.
    retention_months: Mapped[int] = mapped_column(default=24, server_default="24")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="organisation", cascade="all, delete-orphan")

    def neighbourhood_in(self, language: str) -> str:
        """The neighbourhood's name in ``language``, the Dutch one where it has none."""
        own = getattr(self, f"neighbourhood_{language}", "") if language in ("fr", "en") else ""
        return own or self.neighbourhood

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"


class Membership(db.Model):
    __tablename__ = "memberships"
    __table_args__ = (sa.UniqueConstraint("organisation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(role_type())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A coordinator's mail when residents' places start to wait (see moderation/notify.py).
    mail_waiting_places: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    waiting_mailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<Membership user={self.user_id} org={self.organisation_id} {self.role}>"


class Invitation(db.Model):
    """A single-use link to join an organisation with a given role.

    Only a hash of the token is stored: a database leak gives no usable links.
    """

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    role: Mapped[Role] = mapped_column(role_type())
    note: Mapped[str] = mapped_column(sa.String(120), default="")
    # The address the invitation was e-mailed to, if it was (the link works for anyone).
    email: Mapped[str | None] = mapped_column(sa.String(254))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation] = relationship()

    @property
    def is_open(self) -> bool:
        return self.used_at is None and self.revoked_at is None and self.expires_at > utcnow()

    def __repr__(self) -> str:
        return f"<Invitation {self.id} org={self.organisation_id} {self.role}>"
