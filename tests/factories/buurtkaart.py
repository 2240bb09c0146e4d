from __future__ import annotations

import factory

from resokit_web.buurtkaart.models import Treasure, TreasureImport
from resokit_web.extensions import db
from resokit_web.live import versioning

from . import BaseFactory, World, param_factory


class TreasureFactory(BaseFactory):
    class Meta:
        model = Treasure

    name = factory.Sequence(lambda n: f"Schat {n}")
    kind = "place"
    category = "meeting_place"
    description = "Elke dinsdag koffie.\nIedereen welkom."
    address = "Clemenceaulaan 1"
    lat = 50.8366
    lon = 4.3185
    formal = True
    tags = factory.LazyFunction(lambda: ["koffie"])
    status = "accepted"
    source = "team"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the versioning service, so version 1 has its history row like real ones.
        obj = model_class(*args, **kwargs)
        versioning.create(obj, user_id=None)
        return obj


@param_factory("treasure_id")
def _treasure_id(world: World, org) -> int:
    treasure = TreasureFactory(organisation_id=org.id)
    db.session.commit()
    return treasure.id


@param_factory("version")
def _version(world: World, org) -> int:
    return 1


class TreasureImportFactory(BaseFactory):
    class Meta:
        model = TreasureImport

    filename = "schatten.csv"
    format = "csv"
    status = "ready"
    total_rows = 2
    valid_rows = 1
    rows = factory.LazyFunction(
        lambda: [
            {
                "line": 2,
                "raw": {"name": "Wasserette"},
                "errors": {},
                "warnings": {},
                "values": {
                    "name": "Wasserette",
                    "kind": "place",
                    "category": "market_shops",
                    "description": "",
                    "address": "Bergensesteenweg 40",
                    "lat": 50.8366,
                    "lon": 4.3185,
                    "formal": True,
                    "tags": [],
                    "status": "accepted",
                    "public": False,
                },
            },
            {
                "line": 3,
                "raw": {"name": "", "kind": "kasteel"},
                "warnings": {},
                "values": {},
                "errors": {"name": ["required", {}], "kind": ["unknown_kind", {"value": "kasteel"}]},
            },
        ]
    )


@param_factory("import_id")
def _import_id(world: World, org) -> int:
    job = TreasureImportFactory(organisation_id=org.id)
    db.session.commit()
    return job.id
