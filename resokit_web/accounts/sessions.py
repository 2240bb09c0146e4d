"""Server-side sessions (Flask-Session): in the database by default, in Redis when configured.

The database backend is our own small subclass rather than Flask-Session's SQLAlchemy
one, because that one commits the application's ``db.session`` (it would commit a
view's half-done work) and creates its table outside our migrations. Ours talks to the
database on its own connection and its table belongs to an Alembic migration.

No session is stored until one is needed. An anonymous visit (the resident page, the
login page) holds at most its CSRF token, its language and a message to show: those
travel in the same cookie, signed (a signed double-submit cookie for the token), and
nothing is written on the server. The first key beyond them — signing in, a second
sign-in step — moves the session to the store under a fresh random id.
"""

from __future__ import annotations

import hashlib
import time
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask, Request, Response
from flask.json.tag import TaggedJSONSerializer
from flask_session.base import ServerSideSession, ServerSideSessionInterface
from flask_session.redis import RedisSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import UTCDateTime, db, utcnow


class ServerSession(db.Model):
    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    def __repr__(self) -> str:
        return "<ServerSession>"


# What an anonymous visit may hold without a stored session.
LIGHT_KEYS = frozenset({"_permanent", "csrf_token", "lang", "_flashes"})


def needs_store(session: ServerSideSession) -> bool:
    return bool(session.keys() - LIGHT_KEYS)


class LightSessionMixin:
    """Keeps a session holding only :data:`LIGHT_KEYS` in a signed cookie instead of the
    store. A stored session's id never contains a dot; a signed cookie always does."""

    def _light_serializer(self, app: Flask) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(
            app.secret_key,
            salt="resokit-light-session",
            serializer=TaggedJSONSerializer(),
            signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha256},
        )

    def open_session(self, app: Flask, request: Request) -> ServerSideSession:
        value = request.cookies.get(self.get_cookie_name(app))
        if value and "." in value:
            try:
                max_age = int(app.permanent_session_lifetime.total_seconds())
                data = self._light_serializer(app).loads(value, max_age=max_age)
            except BadSignature:
                data = None
            session = self.session_class(data if isinstance(data, dict) else None, sid=None, permanent=self.permanent)
            session.light_cookie = True
            return session
        if value:
            data = self._retrieve_session_data(self._get_store_id(value))
            if data is not None:
                return self.session_class(data, sid=value)
        return self.session_class(sid=None, permanent=self.permanent)

    def regenerate(self, session: ServerSideSession) -> None:
        if session.sid is None:  # never stored: nothing to delete, only a new id to take
            session.sid = self._generate_sid(self.sid_length)
            session.modified = True
            return
        super().regenerate(session)

    def save_session(self, app: Flask, session: ServerSideSession, response: Response) -> None:
        if needs_store(session):
            if session.sid is None:
                session.sid = self._generate_sid(self.sid_length)
                session.modified = True
            super().save_session(app, session, response)
            return
        if session.sid is not None:
            # A stored session that holds nothing but light keys now (signed out): it
            # leaves the store and goes on as a cookie.
            self._delete_session(self._get_store_id(session.sid))
            session.modified = True
        self._save_light(app, session, response)

    def _save_light(self, app: Flask, session: ServerSideSession, response: Response) -> None:
        name, domain, path = self.get_cookie_name(app), self.get_cookie_domain(app), self.get_cookie_path(app)
        if session.accessed:
            response.vary.add("Cookie")
        if not session:
            if session.modified or getattr(session, "light_cookie", False):
                response.delete_cookie(key=name, domain=domain, path=path)
                response.vary.add("Cookie")
            return
        if not session.modified:
            return
        response.set_cookie(
            key=name,
            value=self._light_serializer(app).dumps(dict(session)),
            expires=self.get_expiration_time(app, session),
            httponly=self.get_cookie_httponly(app),
            domain=domain,
            path=path,
            secure=self.get_cookie_secure(app),
            samesite=self.get_cookie_samesite(app),
        )
        response.vary.add("Cookie")


class DatabaseSessionInterface(LightSessionMixin, ServerSideSessionInterface):
    """Sessions stored in the ``sessions`` table, expired rows swept now and then."""

    session_class = ServerSideSession
    ttl = True  # we sweep ourselves, see _maybe_sweep

    def __init__(self, app: Flask, *, sweep_every: timedelta = timedelta(hours=1)):
        super().__init__(app, key_prefix="", use_signer=False, permanent=app.config["SESSION_PERMANENT"])
        # Expired sessions are deleted at most once per interval and process, on a write,
        # and the first time one interval after start: a fixed rhythm rather than a random
        # draw, so a request's cost does not depend on luck.
        self.sweep_every = sweep_every.total_seconds()
        self.next_sweep = time.monotonic() + self.sweep_every

    def _retrieve_session_data(self, store_id: str) -> dict | None:
        table = ServerSession.__table__
        with db.engine.connect() as conn:
            row = conn.execute(sa.select(table.c.data, table.c.expires_at).where(table.c.id == store_id)).first()
        if row is None:
            return None
        if row.expires_at <= utcnow():
            self._delete_session(store_id)
            return None
        return self.serializer.decode(bytes(row.data))

    def _delete_session(self, store_id: str) -> None:
        with db.engine.begin() as conn:
            conn.execute(sa.delete(ServerSession.__table__).where(ServerSession.__table__.c.id == store_id))

    def _upsert_session(self, session_lifetime: timedelta, session: ServerSideSession, store_id: str) -> None:
        table = ServerSession.__table__
        values = {"data": self.serializer.encode(session), "expires_at": utcnow() + session_lifetime}
        with db.engine.begin() as conn:
            updated = conn.execute(sa.update(table).where(table.c.id == store_id).values(**values)).rowcount
            if not updated:
                conn.execute(sa.insert(table).values(id=store_id, **values))
        self._maybe_sweep()

    def _delete_expired_sessions(self) -> None:
        table = ServerSession.__table__
        with db.engine.begin() as conn:
            conn.execute(sa.delete(table).where(table.c.expires_at <= utcnow()))

    def _maybe_sweep(self) -> None:
        now = time.monotonic()
        if now >= self.next_sweep:
            self.next_sweep = now + self.sweep_every
            self._delete_expired_sessions()


class LightRedisSessionInterface(LightSessionMixin, RedisSessionInterface):
    pass


def session_interface(app: Flask, redis_client=None) -> ServerSideSessionInterface:
    if redis_client is not None:
        return LightRedisSessionInterface(
            app,
            client=redis_client,
            key_prefix=app.config["RESOKIT_REDIS_PREFIX"] + "session:",
            use_signer=False,
            permanent=app.config["SESSION_PERMANENT"],
        )
    return DatabaseSessionInterface(app)
