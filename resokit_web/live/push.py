"""Changed fragments rendered once per audience and sent inside the stream.

Without this, every open page that shows a changed row asks the server for it again:
500 colleagues on the buurtkaart meant 500 renders of the same row after one save. An
area registers a *pusher* for the live page that shows its rows; before the bus wakes
the streams of that page, it renders the fragment once for each audience among them
(language × role, plus the user when the fragment names them), and every stream of that
audience in this process sends the same text. With Redis, each worker renders once.

What a pushed fragment may not hold: anything tied to one session. Forms in it carry an
empty ``csrf_token``; the page fills it in from its own token (static/js/live.js), and
htmx requests send the token as a header anyway. Pushes only reach pages with JavaScript
(the stream is JavaScript), so a page without it never sees such a form.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, g
from flask_babel import force_locale

from ..core.cache import SingleFlight
from ..extensions import db
from .bus import Event
from .sse import format_push, format_sse

log = logging.getLogger(__name__)

# Rendered fragments kept per process (by event and audience): enough for every audience
# of the last events of many organisations at once.
KEEP = 1024


@dataclass(frozen=True)
class Audience:
    locale: str
    role: object  # orgs.models.Role
    user_id: int


class RowPusher:
    """A pusher for the rows of one object type (``object_type``): it wants that type's
    events and the presence of someone editing one; the editors get their own copy."""

    object_type = ""

    def object_id(self, event: Event) -> int | None:
        if event.type == self.object_type and event.id is not None:
            return event.id
        if event.type == "presence":
            kind, _, raw = str(event.extra.get("item", "")).partition(":")
            if kind == self.object_type and raw.isdigit():
                return int(raw)
        return None

    def wants(self, event: Event) -> bool:
        return self.object_id(event) is not None

    def personal(self, event: Event) -> frozenset[int]:
        from .presence import store

        item = f"{self.object_type}:{self.object_id(event)}"
        return frozenset(p.user_id for p in store().current(event.org_id) if p.item == item)

    def render(self, event: Event, exclude_user: int | None) -> list[tuple[str, str]]:
        """(SSE event name, data) pairs for this event, rendered in a request context where
        ``g.org`` and ``g.membership`` (only its role) are the audience's."""
        raise NotImplementedError


def no_token() -> str:
    """``csrf_token`` in a pushed fragment: empty, filled in by the page (module docstring)."""
    return ""


# live page → its pushers by class name (every app a process builds registers them again).
_PUSHERS: dict[str, dict[str, RowPusher]] = {}


def register(page: str, pusher: RowPusher) -> None:
    """Push ``pusher``'s fragments to every stream of the live page ``page``."""
    kind = type(pusher)
    _PUSHERS.setdefault(page, {})[f"{kind.__module__}.{kind.__qualname__}"] = pusher


def pushers_for(page: str) -> list[RowPusher]:
    return list(_PUSHERS.get(page, {}).values())


def event_key(event: Event) -> tuple:
    """What tells one event from another in this process's caches: its number and its
    content (a Redis that lost its data numbers events from 1 again)."""
    return (
        event.org_id,
        event.seq,
        event.type,
        event.id,
        event.version,
        event.by,
        tuple(sorted((k, str(v)) for k, v in event.extra.items())),
    )


class _Membership:
    """What a pushed fragment may know of its reader: the role, nothing else."""

    def __init__(self, role) -> None:
        self.role = role


class Renderer:
    """Renders (and remembers) the pushed fragments of one app's streams, and formats each
    event once for all of them."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.cache = SingleFlight(KEEP)
        self.formatted = SingleFlight(256)

    def event_text(self, event: Event, format_event: Callable[[], str]) -> str:
        """An event as every stream of this process sends it: formatted by the first."""
        if event.seq is None:
            return format_event()
        return self.formatted.get(event_key(event), format_event)

    def prepare(self, event: Event, subscriptions) -> None:
        """Before the streams are woken: format the event and render what each audience
        among them gets pushed, so that every woken stream only writes."""
        if event.seq is None:
            return
        bus = self.app.extensions["resokit_bus"]
        self.event_text(event, lambda: format_sse(event, bus.event_id(event)))
        for page, audience, base_url in {sub.push for sub in subscriptions if sub.push is not None}:
            try:
                self.text(page, event, audience, base_url)
            except Exception:  # noqa: BLE001 - remembered; each stream sends RESYNC instead
                continue

    def text(self, page: str, event: Event, audience: Audience, base_url: str) -> str:
        """The pushed fragments as this stream sends them (rendered and formatted once per
        audience), or raise when rendering failed (the stream then tells the page to
        refresh its live parts)."""
        pushers = [p for p in pushers_for(page) if p.wants(event)]
        if event.seq is None or not pushers:
            return ""
        key = event_key(event)
        # Per pusher: this reader, when they are one of those who get a copy of their own.
        me = tuple(
            audience.user_id if audience.user_id in self._personal(key, pusher, event) else None for pusher in pushers
        )

        def render() -> str:
            return "".join(
                format_push(name, data)
                for pusher, user in zip(pushers, me)
                for name, data in pusher.render(event, user)
            )

        return self.cache.get(
            ("text", key, page, audience.locale, str(audience.role), me),
            lambda: self._in_context(event, audience, base_url, render),
        )

    def _personal(self, key: tuple, pusher: RowPusher, event: Event) -> frozenset[int]:
        def compute() -> frozenset[int]:
            with self.app.app_context():
                return pusher.personal(event)

        return self.cache.get(("personal", key, type(pusher).__qualname__), compute)

    def _in_context(self, event: Event, audience: Audience, base_url: str, work: Callable[[], str]) -> str:
        from ..orgs.models import Organisation

        # A context of its own (its own database session, ended with it), even where the
        # stream runs inside another app context (the test client).
        with self.app.app_context(), self.app.test_request_context(base_url=base_url):
            g.org = db.session.get(Organisation, event.org_id)
            if g.org is None:
                return ""
            g.membership = _Membership(audience.role)
            with force_locale(audience.locale):
                return work()


def renderer(app: Flask) -> Renderer:
    found = app.extensions.get("resokit_push")
    if found is None:
        found = app.extensions["resokit_push"] = Renderer(app)
        app.extensions["resokit_bus"].before_deliver = found.prepare
    return found


def log_failure(error: Exception) -> None:
    log.error("a pushed fragment could not be rendered", exc_info=error)
