from __future__ import annotations

import factory

from resokit_web.extensions import db, utcnow
from resokit_web.live import versioning
from resokit_web.partners.models import Partner, Share

from . import BaseFactory, OrganisationFactory, World, param_factory


class PartnerFactory(BaseFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner {n}")
    sector = "welfare"
    relation = "active"
    strength = "light"
    formal = True
    contact = "Onthaal, 02 555 00 00"
    notes = "Eerste lijn.\nTweede lijn."
    treasure_id = None
    status = "current"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the versioning service, so version 1 has its history row like real ones.
        obj = model_class(*args, **kwargs)
        versioning.create(obj, user_id=None)
        return obj


class ShareFactory(BaseFactory):
    class Meta:
        model = Share

    created_at = factory.LazyFunction(utcnow)


@param_factory("partner_id")
def _partner_id(world: World, org) -> int:
    partner = PartnerFactory(organisation_id=org.id)
    db.session.commit()
    return partner.id


@param_factory("share_id")
def _share_id(world: World, org) -> int:
    """A share ``org`` gave to an organisation of its own."""
    other = OrganisationFactory()
    share = ShareFactory(source_org_id=org.id, target_org_id=other.id)
    db.session.commit()
    return share.id


@param_factory("source_slug")
def _source_slug(world: World, org) -> str:
    """An organisation that shares its map with ``org``."""
    source = OrganisationFactory()
    PartnerFactory(organisation_id=source.id)
    ShareFactory(source_org_id=source.id, target_org_id=org.id)
    db.session.commit()
    return source.slug
