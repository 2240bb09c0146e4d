"""The organisation's event stream and presence endpoints."""

from __future__ import annotations

import random
import re
import secrets
import time

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, g, render_template, request, session
from flask_babel import get_locale
from flask_login import current_user

from ..access import org_view
from ..accounts.models import User
from ..extensions import db
from ..orgs.models import Membership, Role
from . import presence, push, quotas
from .bus import Event
from .events import MEMBER_ONLY_TYPES, hidden_from
from .sse import RESYNC, clean_name, format_sse

bp = Blueprint("live", __name__)


def _still_member(app, org_id: int, user_id: int, epoch: int) -> bool:
    with app.app_context():
        try:
            row = db.session.execute(
                sa.select(User.session_epoch)
                .join(Membership, Membership.user_id == User.id)
                .where(User.id == user_id, Membership.organisation_id == org_id)
            ).first()
            return row is not None and row.session_epoch == epoch
        finally:
            db.session.remove()


def _seq_of(event_id: str) -> int:
    raw = event_id.rpartition(".")[2]
    return int(raw) if raw.isdigit() else 0


@bp.get("/o/<slug>/events")
@org_view(Role.viewer)
def stream_events():
    app = current_app._get_current_object()
    org_id, user_id, epoch = g.org.id, current_user.id, current_user.session_epoch
    page = clean_name(request.args.get("page"))
    # Each stream beats at its own pace around the configured one: streams opened together
    # (a restart, a training session) would otherwise renew their presence and check their
    # membership all in the same instant, and a colleague's save would wait behind them.
    heartbeat = app.config["RESOKIT_SSE_HEARTBEAT"] * random.uniform(0.8, 1.2)
    max_age = app.config["RESOKIT_SSE_MAX_AGE"]
    bus = app.extensions["resokit_bus"]
    limit = app.config["RESOKIT_SSE_MAX_STREAMS"]
    if limit and bus.subscriber_count() >= limit:
        # Every thread a stream holds is one a save cannot use: past the limit, the page
        # keeps working without live updates and its stream retries (htmx-ext-sse backs off).
        return Response("", status=503, headers={"Retry-After": "30", "Cache-Control": "no-store"})
    # One session, one person or one organisation never takes the whole cap (live/quotas.py).
    slot = quotas.acquire(session_id=getattr(session, "sid", None), user_id=user_id, org_id=org_id)
    if slot is None:
        return Response("", status=429, headers={"Retry-After": "60", "Cache-Control": "no-store"})
    subscription = bus.subscribe(org_id)
    # A browser that reconnects says where it was; it gets what it missed (subscribed first,
    # so nothing falls in between; what arrives twice is skipped by its number).
    last_id = request.headers.get("Last-Event-ID", "").strip()
    missed = bus.since(org_id, last_id) if last_id else []
    # Where the log stands now: sent at once, so even a stream that saw no event yet
    # reconnects with a Last-Event-ID and misses nothing in between.
    position = bus.position(org_id)
    # Names this stream's page presence, so a reload's new stream is not undone by this one's goodbye.
    owner = secrets.token_hex(8)
    # Viewers do not see people; their stream does not even carry the ids of changes to them.
    hidden = frozenset() if g.membership.role.allows(Role.member) else frozenset(MEMBER_ONLY_TYPES)
    if page:
        presence.announce(org_id, user_id, page, owner=owner)
    # Pages whose rows come inside the stream (live/push.py) render them for this audience.
    renderer = push.renderer(app)
    pushes = bool(page and push.pushers_for(page))
    audience = push.Audience(str(get_locale()), g.membership.role, user_id)
    base_url = request.host_url.rstrip("/") + request.script_root

    if pushes:
        subscription.push = (page, audience, base_url)

    def sent(event: Event) -> str:
        """The event (formatted once per process) and the fragments pushed with it, in one
        write: the bus had them rendered before it woke this stream (live/push.py)."""
        text = renderer.event_text(event, lambda: format_sse(event, bus.event_id(event)))
        if not pushes:
            return text
        try:
            return text + renderer.text(page, event, audience, base_url)
        except Exception as error:  # noqa: BLE001 - the page refreshes its live parts instead
            push.log_failure(error)
            return text + RESYNC

    def generate():
        started = time.monotonic()
        last_check = started - random.uniform(0, 30)  # membership checks spread the same way
        seen = 0
        planned_end = False
        try:
            # Reconnect quickly after a dropped connection (with Last-Event-ID).
            yield "retry: 2000\n: connected\n\n"
            if missed is None:
                yield RESYNC
            else:
                seen = _seq_of(last_id)
            for event in missed or ():
                if event.type == "access" and event.extra.get("user_id") == user_id:
                    return
                if "stream" in event.extra:
                    continue  # another stream's order to end, long past
                seen = event.seq or seen
                if not (hidden and hidden_from(event, hidden)):
                    yield sent(event)
            if not missed:
                yield f"id: {position}\n\n"  # sets the browser's last id, dispatches nothing
            while time.monotonic() - started < max_age:
                event = subscription.get(timeout=heartbeat)
                if subscription.ended:
                    # The server is stopping: the browser reconnects (to the next one) and
                    # catches up; its presence lives on until then, as at the end of max_age.
                    planned_end = True
                    return
                if subscription.overflowed:
                    return
                if event is None:
                    yield ": ping\n\n"
                    with app.app_context():
                        if page:
                            presence.announce(org_id, user_id, page, owner=owner)
                        presence.expire(org_id)
                    if time.monotonic() - last_check > 60:
                        last_check = time.monotonic()
                        if not _still_member(app, org_id, user_id, epoch):
                            return
                    continue
                if event.type == "access" and event.extra.get("user_id") == user_id:
                    return  # removed from the team or signed out everywhere
                if "stream" in event.extra:
                    if quotas.ends(event, slot):
                        return  # its session opened a newer one past its quota
                    continue
                if event.seq is not None and event.seq <= seen:
                    continue  # already replayed
                if hidden and hidden_from(event, hidden):
                    continue
                yield sent(event)
            # Time is up: the browser reconnects at once and renews its presence, which is
            # still alive then. Saying "left" here would make every page refresh its
            # presence bar twice per stream and per ten minutes, for nothing.
            planned_end = True
        finally:
            subscription.close()
            quotas.release(app, slot)
            if page and not planned_end:
                with app.app_context():
                    presence.announce(org_id, user_id, page, leaving=True, owner=owner)

    response = Response(generate(), mimetype="text/event-stream")
    # Also when the stream is closed before it started (its generator's finally never runs).
    response.call_on_close(lambda: quotas.release(app, slot))
    response.headers["Cache-Control"] = "no-cache, no-transform"
    response.headers["X-Accel-Buffering"] = "no"  # nginx: pass events through at once
    return response


@bp.get("/o/<slug>/presence")
@org_view(Role.viewer)
def show_presence():
    page = clean_name(request.args.get("page"))
    return render_template("live/_presence.html", page=page, **presence_context(page))


def presence_context(page: str) -> dict:
    """Who is on ``page`` (one query for their names), and what each is editing: each item
    as {"name", "url"} through the areas' activity describers (one query per type)."""
    from ..activity.labels import DESCRIBERS

    entries = presence.on_page(g.org.id, page) if page else []
    ids = {p.user_id for p in entries}
    names = dict(db.session.execute(sa.select(User.id, User.display_name).where(User.id.in_(ids))).all()) if ids else {}
    wanted: dict[str, set[int]] = {}
    for p in entries:
        kind, _, raw_id = p.item.partition(":")
        if kind in DESCRIBERS and raw_id.isdigit():
            wanted.setdefault(kind, set()).add(int(raw_id))
    described = {kind: DESCRIBERS[kind](sorted(ids)) for kind, ids in wanted.items()}
    people: dict[int, dict] = {}
    for p in sorted(entries, key=lambda p: (names.get(p.user_id, ""), p.item)):
        person = people.setdefault(
            p.user_id, {"name": names.get(p.user_id, "?"), "editing": [], "is_me": p.user_id == current_user.id}
        )
        if p.item:
            kind, _, raw_id = p.item.partition(":")
            name, url = described.get(kind, {}).get(int(raw_id) if raw_id.isdigit() else -1, (None, None))
            person["editing"].append({"item": p.item, "name": name, "url": url})
    return {"present": list(people.values())}


@bp.post("/o/<slug>/presence")
@org_view(Role.member)
def update_presence():
    """An open edit form says "still editing" (or "done"); answers the presence bar."""
    page = clean_name(request.form.get("page"))
    item = re.sub(r"[^a-z0-9_:-]", "", (request.form.get("item") or "").lower())[:60]
    leaving = request.form.get("state") == "left"
    if page:
        presence.announce(g.org.id, current_user.id, page, item, leaving=leaving)
    return "", 204
