"""Stadswoorden: a lexicon of city words, ours and the team's own (versioned, live)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS, DESCRIBERS
    from ..core.i18n import lazy_plural
    from ..core.nav import Page, register_tool
    from . import (
        demo,  # noqa: F401  (registers the seeder)
        models,  # noqa: F401
    )
    from .describe import describe_entries
    from .service import city_words, lexicon_figure
    from .views import bp

    app.register_blueprint(bp)
    register_tool(
        app,
        "city_words",
        Page(
            "lexicon.show_lexicon",
            _l("Lexicon"),
            also_for=("lexicon.show_entry", "lexicon.edit_lexicon_entry", "lexicon.lexicon_entry_history"),
        ),
        figure=lexicon_figure,
    )
    # For help texts anywhere: {{ city_words(_("...")) }} links the lexicon's words.
    app.jinja_env.globals.update(city_words=city_words)
    ACTIONS.update(
        {
            "lexicon_entry.created": lazy_plural("%(who)s added a city word", "%(who)s added %(num)d city words"),
            "lexicon_entry.updated": lazy_plural("%(who)s changed a city word", "%(who)s changed %(num)d city words"),
            "lexicon_entry.merged": lazy_plural(
                "%(who)s changed a city word (merged with a colleague's change)",
                "%(who)s changed %(num)d city words (merged with a colleague's change)",
            ),
            "lexicon_entry.archived": lazy_plural(
                "%(who)s archived a city word", "%(who)s archived %(num)d city words"
            ),
            "lexicon_entry.restored": lazy_plural(
                "%(who)s put a city word back", "%(who)s put %(num)d city words back"
            ),
            "lexicon_entry.reverted": lazy_plural(
                "%(who)s restored an older version of a city word",
                "%(who)s restored older versions of %(num)d city words",
            ),
        }
    )
    DESCRIBERS["lexicon_entry"] = describe_entries
