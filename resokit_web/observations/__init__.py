"""De buurt lezen: observations from the street, a layer of the buurtkaart, and treasures."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS, DESCRIBERS
    from ..core.i18n import lazy_plural
    from ..core.nav import Page, register_tool
    from . import demo  # noqa: F401  (registers the seeder)
    from .labels import KIND_LABELS, observation_kind_label, section_title
    from .service import describe_observations, observation_figure, observations_of_treasure
    from .views import allow_photo_upload, bp

    app.register_blueprint(bp)
    # First of all before-request functions: CSRF protection reads the form, and the
    # photo upload's own size limit must be set before anything reads the body.
    app.before_request_funcs.setdefault(None, []).insert(0, allow_photo_upload)
    register_tool(
        app,
        "reading_the_neighbourhood",
        Page(
            "observations.list_observations",
            _l("Observations"),
            also_for=(
                "observations.show_observation",
                "observations.new_observation",
                "observations.edit_observation",
                "observations.observation_history",
            ),
        ),
        figure=observation_figure,
    )
    app.jinja_env.globals.update(
        observation_kind_label=observation_kind_label,
        observation_kind_codes=tuple(KIND_LABELS),
        section_title=section_title,
        observations_of_treasure=observations_of_treasure,
    )
    ACTIONS.update(
        {
            "observation.created": lazy_plural("%(who)s noted an observation", "%(who)s noted %(num)d observations"),
            "observation.treasure": lazy_plural(
                "%(who)s turned an observation into a treasure",
                "%(who)s turned %(num)d observations into treasures",
            ),
            "observation.updated": lazy_plural(
                "%(who)s changed an observation", "%(who)s changed %(num)d observations"
            ),
            "observation.merged": lazy_plural(
                "%(who)s changed an observation (merged with a colleague's change)",
                "%(who)s changed %(num)d observations (merged with a colleague's change)",
            ),
            "observation.archived": lazy_plural(
                "%(who)s archived an observation", "%(who)s archived %(num)d observations"
            ),
            "observation.restored": lazy_plural(
                "%(who)s put an observation back", "%(who)s put %(num)d observations back"
            ),
            "observation.reverted": lazy_plural(
                "%(who)s restored an older version of an observation",
                "%(who)s restored older versions of %(num)d observations",
            ),
            "observation.section": lazy_plural(
                "%(who)s linked an observation to a section of the neighbourhood analysis",
                "%(who)s linked %(num)d observations to sections of the neighbourhood analysis",
            ),
            "observation.photo_removed": lazy_plural(
                "%(who)s removed the photo of an observation",
                "%(who)s removed the photos of %(num)d observations",
            ),
        }
    )
    DESCRIBERS["observation"] = describe_observations
