"""What travels in an event stream, as text: the event under its names, the fragments
pushed with it, and the "resync" that tells a page to refresh its live parts.

Kept apart from the stream's view (``live/views.py``) and the renderer of pushed
fragments (``live/push.py``), which both write it.
"""

from __future__ import annotations

import json
import re

from .bus import Event

_NAME = re.compile(r"[^a-z0-9_-]")

# Events about something other than an organisation's objects: no ``change`` for them.
NOT_CHANGES = {"presence", "access"}

# Sent when a reconnecting stream cannot be told what it missed: the page refreshes its
# live parts (static/js/live.js).
RESYNC = "event: resync\ndata: {}\n\n"


def clean_name(value: str | None, limit: int = 60) -> str:
    return _NAME.sub("", (value or "").lower())[:limit]


def sse_names(event: Event) -> list[str]:
    """An event is sent under a general name and a specific one: ``treasure`` and
    ``treasure-42``; ``presence`` and ``presence-treasure-42``. Page elements listen to
    exactly the names that concern them (``hx-trigger="sse:treasure-42"``).

    Many objects at once (an import) are ``treasure`` and ``treasure-all``; every change
    to any object is also sent as ``change`` (the dashboard's activity feed listens)."""
    if event.type == "presence":
        item = clean_name(event.extra.get("item", "").replace(":", "-"))
        return ["presence", f"presence-{item}"] if item else ["presence"]
    names = [event.type]
    if event.id is not None:
        names.append(f"{event.type}-{event.id}")
        if event.extra.get("action") == "created":
            names.append(f"{event.type}-new")
    else:
        names.append(f"{event.type}-all")
    if event.type not in NOT_CHANGES:
        names.append("change")
    return names


def format_sse(event: Event, event_id: str | None = None) -> str:
    """The event under each of its names; with ``event_id`` the browser remembers where it
    was and sends it back as ``Last-Event-ID`` when it reconnects."""
    data = json.dumps({"id": event.id, "version": event.version, "by": event.by, **event.extra}, separators=(",", ":"))
    head = f"id: {event_id}\n" if event_id else ""
    return "".join(f"{head}event: {name}\ndata: {data}\n\n" for name in sse_names(event))


def format_push(name: str, data: str) -> str:
    """One SSE message; a line break inside the data becomes a new ``data:`` line."""
    lines = data.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return f"event: {name}\n" + "".join(f"data: {line}\n" for line in lines) + "\n"
