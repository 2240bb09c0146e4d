"""Resokit Web: a shared, live workspace for the Resokit network-strengthening method."""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from flask import Flask, g, request, session
from jinja2 import FileSystemBytecodeCache
from werkzeug.middleware.proxy_fix import ProxyFix

from . import config as config_module
from .core import bounded
from .extensions import babel, compress, csrf, db, htmx, limiter, login_manager, migrate

# The areas of the method, each a package with init_app(app): blueprint, navigation, labels.
AREAS = (
    "blocks",
    "buurtkaart",
    "partners",
    "public",
    "moderation",
    "people",
    "roles",
    "opinions",
    "inclusieweb",
    "buurtanalyse",
    "observations",
    "lexicon",
    "tracker",
    "sessions",
)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then the environment, then ``config`` (tests)."""
    app = Flask(
        __name__,
        template_folder="../templates",
        static_folder="../static",
        instance_path=os.environ.get("RESOKIT_INSTANCE_PATH") or None,
    )
    settings = config_module.defaults(app.instance_path)
    settings.update(config_module.from_environment(os.environ))
    settings.update(config or {})
    config_module.finalise(settings, app.instance_path)
    app.config.update(settings)

    if app.config["RESOKIT_PROXY_COUNT"]:
        n = app.config["RESOKIT_PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)

    bounded.init_app(app)  # before the blueprints: their rules take the bounded int converter
    _init_extensions(app)
    _register_areas(app)
    _init_templates(app)

    from .cli import register_commands

    register_commands(app)
    return app


def _folder(*parts: str) -> str:
    path = os.path.join(*parts)
    os.makedirs(path, exist_ok=True)
    return path


def redis_client(app: Flask):
    return app.extensions.get("resokit_redis")


def _init_extensions(app: Flask) -> None:
    from .accounts.service import load_user
    from .accounts.sessions import session_interface
    from .core import assets, bodies, errors, security, sessionless, sqlite_writes
    from .core.i18n import install_date_filters, install_template_gettext, select_locale
    from .live import events, presence, progress, quotas, revisions

    sqlite = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    if sqlite:
        options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]
        options["connect_args"] = sqlite_writes.connect_args(options.get("connect_args") or {})
    db.init_app(app)
    if sqlite:
        with app.app_context():
            sa.event.listen(db.engine, "connect", _sqlite_pragmas)
            sqlite_writes.init_engine(db.engine)

    @app.after_request
    def end_transaction(response):
        # Whatever a view did not commit is dropped now, before the session is saved on its
        # own connection: on SQLite an open write would otherwise lock that save out. (A
        # request that never used the database has nothing to drop.)
        if db.session.registry.has():
            db.session.rollback()
        return response

    migrate.init_app(
        app,
        db,
        directory=os.path.join(os.path.dirname(app.root_path), "migrations"),
        render_as_batch=True,
        compare_type=True,
    )

    client = None
    if app.config.get("RESOKIT_REDIS_URL"):
        import redis

        client = redis.Redis.from_url(app.config["RESOKIT_REDIS_URL"], health_check_interval=30)
    app.extensions["resokit_redis"] = client
    app.session_interface = session_interface(app, client)
    sessionless.init_app(app)

    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    login_manager.session_protection = None  # sessions are server-side with fresh ids at login

    babel.init_app(app, locale_selector=select_locale)
    install_template_gettext(app)
    install_date_filters(app)
    csrf.init_app(app)
    htmx.init_app(app)
    compress.init_app(app)
    assets.init_app(app)
    # The limiter is one module-level object that keeps the first app's key prefix; a
    # process that builds several apps (the tests) must give each its own.
    limiter._key_prefix = app.config.get("RATELIMIT_KEY_PREFIX", "")
    limiter.init_app(app)
    _check_limits_only_where_declared(app)
    security.init_app(app)
    errors.init_app(app)
    events.init_app(app, client)
    bodies.init_app(app, client)
    revisions.init_listeners()
    presence.init_app(app, client)
    progress.init_app(app, client)
    quotas.init_app(app, client)


def _check_limits_only_where_declared(app: Flask) -> None:
    """Flask-Limiter checks, before every request, the limits that apply to all routes;
    we have none (the limits are on login, sign-up and the resident page, each checked by
    its own decorator), and that check was a third of what a trivial request cost. So it
    goes, as long as no default or application-wide limit is configured."""
    if app.config.get("RATELIMIT_DEFAULT") or app.config.get("RATELIMIT_APPLICATION"):
        return
    checks = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in checks:
        checks.remove(limiter._check_request_limit)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: readers never block the writer, so a stream or a page read does not stall a save.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


def _register_areas(app: Flask) -> None:
    from . import accounts
    from .core.views import bp as core_bp
    from .live.views import bp as live_bp
    from .orgs.nav import register_nav as register_org_nav
    from .orgs.views import bp as orgs_bp

    app.register_blueprint(core_bp)
    accounts.init_app(app)
    for blueprint in (orgs_bp, live_bp):
        app.register_blueprint(blueprint)
    register_org_nav(app)
    for area in AREAS:
        importlib.import_module(f"{__name__}.{area}").init_app(app)

    @app.url_defaults
    def add_org_slug(endpoint: str, values: dict) -> None:
        # Inside an organisation, url_for() fills in its slug by itself.
        if "slug" not in values and "org" in g and app.url_map.is_endpoint_expecting(endpoint, "slug"):
            values["slug"] = g.org.slug

    @app.after_request
    def remember_org(response):
        org = g.get("org")
        if org is not None and session.get("org") != org.slug and request.method == "GET":
            session["org"] = org.slug
        return response


def _init_templates(app: Flask) -> None:
    from flask_babel import get_locale
    from flask_login import current_user

    from . import rendering
    from .access import can
    from .core.assets import asset
    from .core.i18n import (
        LANGUAGE_NAMES,
        RESIDENT_LANGUAGE_NAMES,
        for_object,
        link_list,
        neighbourhood_name,
        on_resident_page,
        text_direction,
        user_text,
    )
    from .core.nav import workspace_nav
    from .core.security import csp_nonce
    from .core.urls import current_path
    from .live import ACTION_LABELS
    from .orgs.forms import role_label
    from .orgs.service import memberships_of

    rendering.init_app(app)
    # Compiled templates kept on disk: a new worker loads them instead of compiling again.
    app.jinja_env.bytecode_cache = FileSystemBytecodeCache(_folder(app.instance_path, "jinja-cache"))
    # Versioned asset URLs (?v=digest) may be cached for a year.
    app.config.setdefault("SEND_FILE_MAX_AGE_DEFAULT", 365 * 24 * 3600)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    app.jinja_env.globals.update(
        for_object=for_object,
        link_list=link_list,
        neighbourhood_name=neighbourhood_name,
        role_label=role_label,
        user_text=user_text,
    )

    @app.context_processor
    def workspace_context() -> dict[str, Any]:
        return {
            "action_labels": ACTION_LABELS,
            "asset": asset,
            "csp_nonce": csp_nonce,
            "can": can,
            "current_org": g.get("org"),
            "current_locale": str(get_locale()),
            "text_direction": text_direction(str(get_locale())),
            # The switch on a resident page offers the residents' languages too.
            "language_names": RESIDENT_LANGUAGE_NAMES if on_resident_page() else LANGUAGE_NAMES,
            "resident_language_names": RESIDENT_LANGUAGE_NAMES,
            "current_path": current_path,
            "workspace_nav": workspace_nav,
            "my_memberships": lambda: memberships_of(current_user) if current_user.is_authenticated else [],
        }
