"""The overview (``/o/<slug>/``): what needs doing, a small map, what the team did."""

from __future__ import annotations

from flask import g

from ..activity.labels import describe
from ..activity.service import recent
from ..core.nav import todos

# Lines on the overview's feed, and the log lines read to fill them once grouped.
FEED_LINES = 30
FEED_READ = 150


def overview_context() -> dict:
    return {
        "todos": todos(),
        "activity": describe(recent(g.org.id, limit=FEED_READ), grouped=True, limit=FEED_LINES),
    }
