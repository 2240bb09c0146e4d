"""factory_boy factories, the test "world", and the id factories of the access matrix.

Each area adds a module here (``tests/factories/<area>.py``) with its factories and
``@param_factory("treasure_id")`` functions: given the world and an organisation, they
create an object there and return the value for that URL parameter. The access matrix
finds them all by itself.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import factory
from factory.alchemy import SQLAlchemyModelFactory

from resokit_web.accounts.models import User
from resokit_web.accounts.passwords import hash_password
from resokit_web.extensions import db, utcnow
from resokit_web.orgs.models import Invitation, Membership, Organisation, Role
from resokit_web.orgs.service import token_hash

TEST_PASSWORD = "a-test-password-1"


@functools.cache
def _password_hash() -> str:
    return hash_password(TEST_PASSWORD)


class BaseFactory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class UserFactory(BaseFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    display_name = factory.Sequence(lambda n: f"Collega {n}")
    password_hash = factory.LazyFunction(_password_hash)
    locale = "en"
    email_verified_at = factory.LazyFunction(utcnow)


class OrganisationFactory(BaseFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    neighbourhood = "Kuregem"
    map_lat = 50.8366
    map_lon = 4.3185


class MembershipFactory(BaseFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.member


class InvitationFactory(BaseFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    token_hash = factory.Sequence(lambda n: token_hash(f"token-{n}"))
    role = Role.member
    expires_at = factory.LazyFunction(lambda: utcnow() + timedelta(days=7))


@dataclass
class World:
    org_a: Organisation
    org_b: Organisation
    coordinator: User
    member: User
    viewer: User
    outsider: User  # coordinator of org B

    def user_for(self, role: str) -> User | None:
        return {
            "coordinator": self.coordinator,
            "member": self.member,
            "viewer": self.viewer,
            "outsider": self.outsider,
            "anonymous": None,
        }[role]

    def membership(self, user: User, org: Organisation | None = None) -> Membership:
        org = org or self.org_a
        return db.session.scalar(db.select(Membership).filter_by(user_id=user.id, organisation_id=org.id))


def build_world() -> World:
    org_a = OrganisationFactory(slug="org-a", name="Buurthuis A")
    org_b = OrganisationFactory(slug="org-b", name="Wijkpunt B")
    users = {}
    for role in ("coordinator", "member", "viewer"):
        users[role] = UserFactory(email=f"{role}@a.test", display_name=f"{role.title()} A")
        MembershipFactory(organisation=org_a, user=users[role], role=Role(role))
    outsider = UserFactory(email="coordinator@b.test", display_name="Coordinator B")
    MembershipFactory(organisation=org_b, user=outsider, role=Role.coordinator)
    db.session.commit()
    return World(org_a=org_a, org_b=org_b, outsider=outsider, **users)


# URL parameter name -> function(world, organisation) -> value for that parameter.
PARAM_FACTORIES: dict[str, Callable[[World, Organisation], object]] = {}


def param_factory(name: str):
    def register(func: Callable[[World, Organisation], object]):
        PARAM_FACTORIES[name] = func
        return func

    return register


@param_factory("membership_id")
def _membership_id(world: World, org: Organisation) -> int:
    user = world.member if org.id == world.org_a.id else world.outsider
    return world.membership(user, org).id


@param_factory("invitation_id")
def _invitation_id(world: World, org: Organisation) -> int:
    invitation = InvitationFactory(organisation=org)
    db.session.commit()
    return invitation.id


def load_area_factories() -> None:
    """Import every ``tests/factories/<area>.py`` so its param factories register."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
