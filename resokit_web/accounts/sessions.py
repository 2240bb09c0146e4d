"""Server-side sessions (Flask-Session): in the database by default, in Redis when configured.

The database backend is our own small subclass rather than Flask-Session's SQLAlchemy
one, because that one commits the application's ``db.session`` (it would commit a
view's half-done work) and creates its table outside our migrations. Ours talks to the
database on its own connection and its table belongs to an Alembic migration.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask
from flask_session.base import ServerSideSession, ServerSideSessionInterface
from flask_session.redis import RedisSessionInterface
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import UTCDateTime, db, utcnow


class ServerSession(db.Model):
    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

    def __repr__(self) -> str:
        return "<ServerSession>"


class DatabaseSessionInterface(ServerSideSessionInterface):
    """Sessions stored in the ``sessions`` table, expired rows swept now and then."""

    session_class = ServerSideSession
    ttl = True  # we sweep ourselves, see _maybe_sweep

    def __init__(self, app: Flask, *, sweep_every: int = 500):
        super().__init__(app, key_prefix="", use_signer=False,
                         permanent=app.config["SESSION_PERMANENT"])
        self.sweep_every = sweep_every

    def _retrieve_session_data(self, store_id: str) -> dict | None:
        table = ServerSession.__table__
        with db.engine.connect() as conn:
            row = conn.execute(sa.select(table.c.data, table.c.expires_at)
                               .where(table.c.id == store_id)).first()
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
        if self.sweep_every and random.randrange(self.sweep_every) == 0:
            self._delete_expired_sessions()


def session_interface(app: Flask, redis_client=None) -> ServerSideSessionInterface:
    if redis_client is not None:
        return RedisSessionInterface(app, client=redis_client,
                                     key_prefix=app.config["RESOKIT_REDIS_PREFIX"] + "session:",
                                     use_signer=False, permanent=app.config["SESSION_PERMANENT"])
    return DatabaseSessionInterface(app)
