"""The buurtanalyse notebook and its sources."""

from __future__ import annotations

import factory
import sqlalchemy as sa

from resokit_web.buurtanalyse.models import NotebookEdition, NotebookFigure, NotebookSection, OwnSource
from resokit_web.extensions import db
from resokit_web.live import versioning

from . import BaseFactory, World, param_factory


class NotebookFigureFactory(BaseFactory):
    class Meta:
        model = NotebookFigure

    section = "residents"
    label = factory.Sequence(lambda n: f"Inwoners {n}")
    value = 21500.0
    unit = "inwoners"
    year = 2025
    source_id = "wijkmonitoring"
    status = "current"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Through the versioning service, so version 1 has its history row like real ones.
        obj = model_class(*args, **kwargs)
        versioning.create(obj, user_id=None)
        return obj


class NotebookEditionFactory(BaseFactory):
    class Meta:
        model = NotebookEdition

    note = "Voorjaar"
    data = factory.LazyFunction(lambda: {"sections": {}, "figures": []})


class OwnSourceFactory(BaseFactory):
    class Meta:
        model = OwnSource

    name = factory.Sequence(lambda n: f"Eigen bron {n}")
    publisher = "Wijkcomité"
    level = "neighbourhood"
    url = "https://www.example.be/bron"
    languages = factory.LazyFunction(lambda: ["nl"])
    status = "current"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        versioning.create(obj, user_id=None)
        return obj


@param_factory("source_id")
def _source_id(world: World, org) -> int:
    source = OwnSourceFactory(organisation_id=org.id)
    db.session.commit()
    return source.id


@param_factory("section_key")
def _section_key(world: World, org) -> str:
    """Every organisation's notebook has the same sections, so there is no "section of
    organisation B" to put in A's address: B gets a key no notebook has (A's 404). In A the
    section has been written in, so its history has a version to restore."""
    if org.id != world.org_a.id:
        return "no-such-section"
    exists = db.session.scalar(
        sa.select(NotebookSection.id).where(
            NotebookSection.organisation_id == org.id, NotebookSection.key == "residents"
        )
    )
    if exists is None:
        versioning.create(NotebookSection(organisation_id=org.id, key="residents", body="Kuregem\n"), user_id=None)
        db.session.commit()
    return "residents"


@param_factory("figure_id")
def _figure_id(world: World, org) -> int:
    figure = NotebookFigureFactory(organisation_id=org.id)
    db.session.commit()
    return figure.id
