"""Publishing events once the change they announce is committed, never before."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session

from ..extensions import db
from .bus import Event, InProcessBus, RedisBus

_KEY = "resokit_events"

# Object types only members may see (people and their matches): viewers' streams skip
# their events, so not even ids reach them. Areas add their types in init_app.
MEMBER_ONLY_TYPES: set[str] = set()


def hidden_from(event: Event, hidden: frozenset[str]) -> bool:
    if event.type == "presence":
        return event.extra.get("item", "").split(":", 1)[0] in hidden
    return event.type in hidden


def publish_after_commit(event: Event) -> None:
    db.session.info.setdefault(_KEY, []).append(event)


def _after_commit(session: Session) -> None:
    events = session.info.pop(_KEY, None)
    if events:
        bus = current_app.extensions["resokit_bus"]
        for event in events:
            bus.publish(event)


def _after_rollback(session: Session) -> None:
    session.info.pop(_KEY, None)


def bus() -> InProcessBus:
    return current_app.extensions["resokit_bus"]


def init_app(app: Flask, redis_client=None) -> None:
    if redis_client is not None:
        app.extensions["resokit_bus"] = RedisBus(redis_client, app.config["RESOKIT_REDIS_PREFIX"] + "bus:")
    else:
        app.extensions["resokit_bus"] = InProcessBus()
    if not getattr(Session, "_resokit_events_listening", False):
        sa.event.listen(Session, "after_commit", _after_commit)
        sa.event.listen(Session, "after_rollback", _after_rollback)
        Session._resokit_events_listening = True
