"""Accounts: signing up and in, e-mail, password reset, second factors, device cookies."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from ..activity.labels import ACTIONS
    from . import mail, recovery_views, security_views  # noqa: F401 - the view modules add their routes
    from .cli import user_command
    from .policy import may_sign_up
    from .views import bp

    mail.init_app(app)
    app.register_blueprint(bp)
    app.cli.add_command(user_command)
    app.jinja_env.globals["may_sign_up"] = may_sign_up
    ACTIONS.update(
        {
            "password.reset": _l("%(who)s chose a new password through an e-mail link"),
            "email.verified": _l("%(who)s confirmed their e-mail address"),
            "second_factor.enabled": _l("%(who)s turned on sign-in with a code"),
            "second_factor.disabled": _l("%(who)s turned off sign-in with a code"),
            "second_factor.reset": _l("%(who)s reset a member's second sign-in step"),
            "recovery_codes.renewed": _l("%(who)s made new recovery codes"),
            "passkey.added": _l("%(who)s added a passkey"),
            "passkey.removed": _l("%(who)s removed a passkey"),
        }
    )
