from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, request, session
from flask_login import current_user

from ..access import public
from ..extensions import db
from .i18n import languages
from .urls import safe_next

bp = Blueprint("core", __name__)


@bp.get("/healthz")
@public
def healthz():
    checks = {"database": "ok", "event_bus": "ok"}
    try:
        # A pooled connection at the driver's level: the check is the database, not the ORM.
        connection = db.engine.raw_connection()
        try:
            connection.cursor().execute("SELECT 1")
        finally:
            connection.close()  # back to the pool
    except Exception:  # noqa: BLE001 - a health check reports, it does not raise
        checks["database"] = "error"
    bus = current_app.extensions["resokit_bus"]
    checks["event_bus"] = bus.health()
    healthy = checks["database"] == "ok" and checks["event_bus"].endswith("ok")
    body = {"status": "ok" if healthy else "error", **checks}
    return jsonify(body), 200 if healthy else 503


@bp.post("/language")
@public
def set_language():
    lang = request.form.get("lang", "")
    if lang in languages():
        session["lang"] = lang
        if current_user.is_authenticated and current_user.locale != lang:
            current_user.locale = lang
            db.session.commit()
    return redirect(safe_next(request.form.get("next"), "orgs.home"), code=303)
