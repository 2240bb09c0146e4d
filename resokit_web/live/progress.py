"""Progress of background jobs (a large import, say), readable from any worker.

A job reports ``(done, total)`` under a key while it runs; pages poll it. Entries expire
by themselves, so a job whose process died simply stops reporting, and the page can say
so. In-process by default; Redis keys (shared by all workers) when Redis is configured.
Runners: :func:`run_in_background` starts a job in a thread with an app context (or, when
``RESOKIT_JOBS_INLINE`` is set, as tests do, runs it at once).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable

from flask import Flask, current_app

TTL = 120.0


class InProcessProgress:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[int, int, float]] = {}

    def report(self, key: str, done: int, total: int, ttl: float = TTL) -> None:
        with self._lock:
            self._entries[key] = (done, total, time.monotonic() + ttl)

    def get(self, key: str) -> tuple[int, int] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[2] <= time.monotonic():
                self._entries.pop(key, None)
                return None
            return entry[0], entry[1]

    def clear(self, key: str) -> None:
        with self._lock:
            self._entries.pop(key, None)


class RedisProgress:
    def __init__(self, client, prefix: str) -> None:
        self.client, self.prefix = client, prefix

    def report(self, key: str, done: int, total: int, ttl: float = TTL) -> None:
        self.client.set(self.prefix + key, json.dumps([done, total]), ex=int(ttl))

    def get(self, key: str) -> tuple[int, int] | None:
        raw = self.client.get(self.prefix + key)
        if raw is None:
            return None
        done, total = json.loads(raw)
        return int(done), int(total)

    def clear(self, key: str) -> None:
        self.client.delete(self.prefix + key)


def store():
    return current_app.extensions["resokit_progress"]


def init_app(app: Flask, redis_client=None) -> None:
    if redis_client is not None:
        app.extensions["resokit_progress"] = RedisProgress(
            redis_client, app.config["RESOKIT_REDIS_PREFIX"] + "progress:"
        )
    else:
        app.extensions["resokit_progress"] = InProcessProgress()


def run_in_background(job: Callable[..., None], *args) -> threading.Thread | None:
    """Run ``job(*args)`` in a daemon thread inside an app context (inline in tests)."""
    app = current_app._get_current_object()
    if app.config.get("RESOKIT_JOBS_INLINE"):
        job(*args)
        return None

    def run() -> None:
        with app.app_context():
            job(*args)

    thread = threading.Thread(target=run, name="resokit-job", daemon=True)
    thread.start()
    return thread
