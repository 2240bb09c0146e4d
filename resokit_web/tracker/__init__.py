"""The inclusietracker: a team's self-scan in rounds per building block, answers hidden
until the coordinator reveals them, the trend over rounds and the actions that follow."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS, DESCRIBERS
    from ..core.i18n import lazy_plural
    from ..core.method import BLOCKS
    from ..core.nav import Page, Todo, register_todo, register_tool
    from ..orgs.models import Role
    from ..orgs.service import MEMBER_REMOVED_HOOKS
    from . import demo  # noqa: F401  (registers the demo seeder)
    from .describe import describe_actions, describe_questions, describe_rounds
    from .screening import screening_figure
    from .screening_views import bp  # the tracker's blueprint, with the screening's views
    from .service import actions_due_todo, tracker_figure, unanswered_rounds_todo, unsign_comments
    from .statements import SCALE

    app.register_blueprint(bp)
    register_tool(
        app,
        "inclusion_tracker",
        Page(
            "tracker.show_tracker",
            _l("Self-scan"),
            also_for=tuple(
                f"tracker.{name}"
                for name in (
                    "show_round",
                    "list_statements",
                    "edit_action",
                    "action_history",
                    "create_round",
                    "play_round",
                )
            ),
        ),
        figure=tracker_figure,
    )
    register_tool(
        app,
        "loneliness_sensitive",
        Page(
            "tracker.show_screening",
            _l("Loneliness screening"),
            also_for=tuple(
                f"tracker.{name}" for name in ("print_screening", "list_editions", "edit_question", "question_history")
            ),
        ),
        figure=screening_figure,
    )
    register_todo(app, Todo("tracker.unanswered_rounds", unanswered_rounds_todo, need=Role.member, order=40))
    register_todo(app, Todo("tracker.actions_due", actions_due_todo, need=Role.member, order=45))
    if unsign_comments not in MEMBER_REMOVED_HOOKS:
        MEMBER_REMOVED_HOOKS.append(unsign_comments)
    app.jinja_env.globals.update(tracker_scale=SCALE, tracker_blocks=BLOCKS)
    ACTIONS.update(
        {
            "tracker_round.opened": lazy_plural(
                "%(who)s opened a tracker round", "%(who)s opened %(num)d tracker rounds"
            ),
            "tracker_round.revealed": lazy_plural(
                "%(who)s revealed the results of a tracker round",
                "%(who)s revealed the results of %(num)d tracker rounds",
            ),
            "tracker_round.closed": lazy_plural(
                "%(who)s closed a tracker round", "%(who)s closed %(num)d tracker rounds"
            ),
            "tracker_statement.created": lazy_plural(
                "%(who)s added a tracker statement", "%(who)s added %(num)d tracker statements"
            ),
            "tracker_statement.archived": lazy_plural(
                "%(who)s retired a tracker statement", "%(who)s retired %(num)d tracker statements"
            ),
            "tracker_statement.restored": lazy_plural(
                "%(who)s brought back a tracker statement", "%(who)s brought back %(num)d tracker statements"
            ),
            "tracker_action.created": lazy_plural("%(who)s added an action", "%(who)s added %(num)d actions"),
            "tracker_action.updated": lazy_plural("%(who)s changed an action", "%(who)s changed %(num)d actions"),
            "tracker_action.merged": lazy_plural(
                "%(who)s changed an action (merged with a colleague's change)",
                "%(who)s changed %(num)d actions (merged with a colleague's change)",
            ),
            "tracker_action.archived": lazy_plural("%(who)s archived an action", "%(who)s archived %(num)d actions"),
            "tracker_action.restored": lazy_plural("%(who)s reopened an action", "%(who)s reopened %(num)d actions"),
            "tracker_action.reverted": lazy_plural(
                "%(who)s restored an older version of an action", "%(who)s restored older versions of %(num)d actions"
            ),
            "screening_question.updated": lazy_plural(
                "%(who)s worked on a question of the screening", "%(who)s worked on %(num)d questions of the screening"
            ),
            "screening_question.merged": lazy_plural(
                "%(who)s worked on a question of the screening (merged with a colleague's change)",
                "%(who)s worked on %(num)d questions of the screening (merged with a colleague's change)",
            ),
            "screening_question.reverted": lazy_plural(
                "%(who)s restored an older answer in the screening",
                "%(who)s restored older answers to %(num)d questions of the screening",
            ),
            "denied.results_hidden": _l("%(who)s was refused: the results are not revealed yet"),
        }
    )
    DESCRIBERS["tracker_round"] = describe_rounds
    DESCRIBERS["tracker_action"] = describe_actions
    DESCRIBERS["screening_question"] = describe_questions
