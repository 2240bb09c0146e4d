"""Reading the neighbourhood with figures: the buurtanalyse notebook (the method's
"leidraad buurtanalyse") and Brussel op het net, the catalogue of Brussels data sources
the notebook's figures cite."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from .. import markdown
    from ..activity.labels import ACTIONS, DESCRIBERS
    from ..core.bounded import checks_its_own_text
    from ..core.i18n import lazy_plural
    from ..core.nav import Page, register_tool
    from . import demo  # noqa: F401  (registers the demo seeder)
    from .catalogue import LANGUAGES
    from .describe import describe_sections
    from .numbers import figure_change, figure_number
    from .service import notebook_figure, sources_figure
    from .views import bp

    app.register_blueprint(bp)
    markdown.init_app(app)
    checks_its_own_text(app, "buurtanalyse.save_section_view", "buurtanalyse.add_figure_view")
    register_tool(
        app,
        "neighbourhood_analysis",
        Page(
            "buurtanalyse.notebook_page",
            _l("Neighbourhood analysis"),
            also_for=(
                "buurtanalyse.edit_section",
                "buurtanalyse.section_history",
                "buurtanalyse.compare_editions",
                "buurtanalyse.print_notebook",
                "buurtanalyse.edit_figure",
                "buurtanalyse.figure_history",
            ),
        ),
        figure=notebook_figure,
    )
    register_tool(
        app,
        "brussels_online",
        Page(
            "buurtanalyse.list_sources",
            _l("Data sources"),
            also_for=("buurtanalyse.edit_source", "buurtanalyse.source_history"),
        ),
        figure=sources_figure,
    )
    app.jinja_env.filters.update(
        figure_number=figure_number,
        figure_change=figure_change,
        language_label=lambda code: str(LANGUAGES.get(code, code)),
    )
    ACTIONS.update(
        {
            "notebook_section.created": lazy_plural(
                "%(who)s started a section of the neighbourhood analysis",
                "%(who)s started %(num)d sections of the neighbourhood analysis",
            ),
            "notebook_section.updated": lazy_plural(
                "%(who)s worked on the neighbourhood analysis",
                "%(who)s worked on %(num)d sections of the neighbourhood analysis",
            ),
            "notebook_section.reverted": _l(
                "%(who)s restored an older version of a section of the neighbourhood analysis"
            ),
            "notebook_section.merged": lazy_plural(
                "%(who)s worked on the neighbourhood analysis (merged with a colleague's change)",
                "%(who)s worked on %(num)d sections of the neighbourhood analysis (merged with a colleague's change)",
            ),
        }
    )
    ACTIONS.update(
        {
            "notebook_figure.created": lazy_plural(
                "%(who)s added a figure to the neighbourhood analysis",
                "%(who)s added %(num)d figures to the neighbourhood analysis",
            ),
            "notebook_figure.updated": lazy_plural(
                "%(who)s changed a figure of the neighbourhood analysis",
                "%(who)s changed %(num)d figures of the neighbourhood analysis",
            ),
            "notebook_figure.merged": lazy_plural(
                "%(who)s changed a figure of the neighbourhood analysis (merged with a colleague's change)",
                "%(who)s changed %(num)d figures of the neighbourhood analysis (merged with a colleague's change)",
            ),
            "notebook_figure.archived": lazy_plural(
                "%(who)s took a figure out of the neighbourhood analysis",
                "%(who)s took %(num)d figures out of the neighbourhood analysis",
            ),
            "notebook_figure.restored": lazy_plural(
                "%(who)s put a figure back in the neighbourhood analysis",
                "%(who)s put %(num)d figures back in the neighbourhood analysis",
            ),
            "notebook_figure.reverted": lazy_plural(
                "%(who)s restored an older version of a figure",
                "%(who)s restored older versions of %(num)d figures",
            ),
            "notebook_source.updated": lazy_plural(
                "%(who)s changed a data source of your own", "%(who)s changed %(num)d data sources of your own"
            ),
            "notebook_source.merged": lazy_plural(
                "%(who)s changed a data source of your own (merged with a colleague's change)",
                "%(who)s changed %(num)d data sources of your own (merged with a colleague's change)",
            ),
            "notebook_source.archived": lazy_plural(
                "%(who)s archived a data source of your own", "%(who)s archived %(num)d data sources of your own"
            ),
            "notebook_source.restored": lazy_plural(
                "%(who)s put a data source of your own back", "%(who)s put %(num)d data sources of your own back"
            ),
            "notebook_source.reverted": lazy_plural(
                "%(who)s restored an older version of a data source",
                "%(who)s restored older versions of %(num)d data sources",
            ),
            "notebook_edition.created": _l("%(who)s froze the neighbourhood analysis as an edition"),
            "notebook_source.created": lazy_plural(
                "%(who)s added a data source to Brussels on the net",
                "%(who)s added %(num)d data sources to Brussels on the net",
            ),
        }
    )
    DESCRIBERS["notebook_section"] = describe_sections
