from __future__ import annotations

from datetime import date

import factory

from resokit_web.extensions import db, utcnow
from resokit_web.live import versioning
from resokit_web.people.models import Consent, Person
from resokit_web.roles.models import Match, MatchStep, SocialRole

from . import BaseFactory, World, param_factory


class _Versioned(BaseFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the versioning service, so version 1 has its history row like real ones.
        obj = model_class(*args, **kwargs)
        versioning.create(obj, user_id=None)
        return obj


class PersonFactory(_Versioned):
    class Meta:
        model = Person

    pseudonym = factory.Sequence(lambda n: f"Deelnemer {n}")
    talents = factory.LazyFunction(lambda: ["koken"])
    interests = factory.LazyFunction(lambda: ["tuin"])
    strengths = factory.LazyFunction(lambda: ["geduldig"])
    domains = factory.LazyFunction(list)
    status = "active"
    consents = factory.LazyAttribute(
        lambda o: [
            Consent(
                organisation_id=o.organisation_id,
                given_on=date.today(),
                scopes=["talentenkaart", "matching"],
                recorded_at=utcnow(),
            )
        ]
    )


class RoleFactory(_Versioned):
    class Meta:
        model = SocialRole

    title = factory.Sequence(lambda n: f"Rol {n}")
    description = "Elke donderdag.\nSamen met de kok."
    tags = factory.LazyFunction(lambda: ["koken"])
    time = "Donderdag 10-14 u"
    status = "open"


class MatchFactory(_Versioned):
    class Meta:
        model = Match

    stage = "idea"
    notes = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        org_id = kwargs["organisation_id"]
        if "person_id" not in kwargs:
            kwargs["person_id"] = PersonFactory(organisation_id=org_id).id
        if "role_id" not in kwargs:
            kwargs["role_id"] = RoleFactory(organisation_id=org_id).id
        match = super()._create(model_class, *args, **kwargs)
        db.session.add(
            MatchStep(
                organisation_id=org_id,
                match_id=match.id,
                happened_on=date.today(),
                stage=match.stage,
                text="Eerste gesprek",
            )
        )
        db.session.flush()
        return match


@param_factory("person_id")
def _person_id(world: World, org) -> int:
    person = PersonFactory(organisation_id=org.id)
    db.session.commit()
    return person.id


@param_factory("role_id")
def _role_id(world: World, org) -> int:
    role = RoleFactory(organisation_id=org.id)
    db.session.commit()
    return role.id


@param_factory("match_id")
def _match_id(world: World, org) -> int:
    match = MatchFactory(organisation_id=org.id)
    db.session.commit()
    return match.id


@param_factory("step")
def _step(world: World, org) -> str:
    return "interests"
