"""Quotas on open event streams: per session, per user and per organisation.

The server holds at most ``RESOKIT_SSE_MAX_STREAMS`` streams per worker. Without quotas one
account (a script, or a stranger who signed up and started an organisation) could open
streams until that cap is reached, and every other organisation's pages would lose their
live updates. A stream beyond a quota gets 429 with ``Retry-After``; its page keeps
working, and the browser tries again later.

The defaults are far above what a real team uses (a person with a dozen tabs, a team of
thirty with several each), and each is kept below a share of the server-wide cap: an
organisation never more than half of it, a user never more than a quarter.

A slot is held from the stream's start until it ends, and expires by itself after the
longest a stream can live, so a worker that dies leaves nothing behind. Counted in the
process by default, in Redis sorted sets (shared by every worker) when Redis is set.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass

from flask import Flask, current_app

from .bus import Event

# KEYS[1] is the session's key when ARGV[4] is "1": a session at its quota gives up its
# oldest stream (most likely a page the browser has left) instead of being refused.
_ACQUIRE = """
local now, expires, token, evicting = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], ARGV[4] == '1'
local evicted = {}
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
end
if evicting then
  while redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[5]) do
    local oldest = redis.call('ZPOPMIN', KEYS[1])[1]
    for i = 2, #KEYS do redis.call('ZREM', KEYS[i], oldest) end
    table.insert(evicted, oldest)
  end
end
for i, key in ipairs(KEYS) do
  if redis.call('ZCARD', key) >= tonumber(ARGV[4 + i]) then return {i, evicted} end
end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, expires, token)
  redis.call('EXPIRE', key, math.ceil(expires - now) + 60)
end
return {0, evicted}
"""


@dataclass(frozen=True)
class Slot:
    token: str  # "<organisation id>.<random>"
    keys: tuple[str, ...]

    @property
    def org_id(self) -> int:
        return int(self.token.partition(".")[0])


def _token(org_id: int) -> str:
    return f"{org_id}.{secrets.token_hex(8)}"


class InProcessQuotas:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: dict[str, dict[str, float]] = {}

    def acquire(
        self, limits: list[tuple[str, int]], ttl: float, *, org_id: int, evict_first: bool
    ) -> tuple[Slot | None, list[str]]:
        now, token, evicted = time.time(), _token(org_id), []
        with self._lock:
            for key, _limit in limits:
                held = self._held.setdefault(key, {})
                for other, expiry in list(held.items()):
                    if expiry <= now:
                        del held[other]
            if evict_first:
                first_key, first_limit = limits[0]
                held = self._held[first_key]
                while len(held) >= first_limit:
                    oldest = min(held, key=held.get)
                    for key, _limit in limits:
                        self._held[key].pop(oldest, None)
                    evicted.append(oldest)
            if any(len(self._held[key]) >= limit for key, limit in limits):
                return None, evicted
            for key, _limit in limits:
                self._held[key][token] = now + ttl
        return Slot(token, tuple(key for key, _ in limits)), evicted

    def release(self, slot: Slot) -> None:
        with self._lock:
            for key in slot.keys:
                held = self._held.get(key)
                if held is not None:
                    held.pop(slot.token, None)
                    if not held:
                        del self._held[key]

    def count(self, key: str) -> int:
        now = time.time()
        with self._lock:
            return sum(1 for expiry in self._held.get(key, {}).values() if expiry > now)


class RedisQuotas:
    def __init__(self, client, prefix: str) -> None:
        self._client = client
        self._prefix = prefix
        self._script = client.register_script(_ACQUIRE)

    def acquire(
        self, limits: list[tuple[str, int]], ttl: float, *, org_id: int, evict_first: bool
    ) -> tuple[Slot | None, list[str]]:
        now, token = time.time(), _token(org_id)
        keys = [self._prefix + key for key, _ in limits]
        args = [now, now + ttl, token, "1" if evict_first else "0", *(limit for _, limit in limits)]
        refused, evicted = self._script(keys=keys, args=args)
        evicted = [e.decode() if isinstance(e, bytes) else str(e) for e in evicted]
        return (None if int(refused) else Slot(token, tuple(keys))), evicted

    def release(self, slot: Slot) -> None:
        pipe = self._client.pipeline()
        for key in slot.keys:
            pipe.zrem(key, slot.token)
        pipe.execute()

    def count(self, key: str) -> int:
        return int(self._client.zcount(self._prefix + key, time.time(), "+inf"))


DEFAULTS = {"session": 12, "user": 30, "org": 300}
# The largest share of the server-wide cap a default quota may take.
_SHARES = {"session": 4, "user": 4, "org": 2}


def limits(app: Flask) -> dict[str, int]:
    """The quotas in force: as configured, or the defaults kept within their share of
    ``RESOKIT_SSE_MAX_STREAMS`` (an organisation half of it, a user a quarter)."""
    cap = int(app.config["RESOKIT_SSE_MAX_STREAMS"] or 0)
    out = {}
    for name, default in DEFAULTS.items():
        given = app.config[f"RESOKIT_SSE_PER_{'ORG' if name == 'org' else name.upper()}"]
        if given is not None:
            out[name] = int(given)
        else:
            out[name] = min(default, max(1, cap // _SHARES[name])) if cap else default
    return out


def acquire(*, session_id: str | None, user_id: int | str, org_id: int) -> Slot | None:
    """A slot for one more stream, or None when the user's or the organisation's quota is
    reached. ``user_id`` is whoever holds the stream: a user's id, or a key of its own for a
    visitor without an account (a team session's guest seat, ``"guest-12"``). A session at its own quota gives up its oldest stream instead: that page is
    most likely one the browser left (a stream notices a closed tab only at its next
    heartbeat), and it is told to end at once."""
    app = current_app._get_current_object()
    quota = limits(app)
    wanted = [(f"streams:user:{user_id}", quota["user"]), (f"streams:org:{org_id}", quota["org"])]
    if session_id:
        wanted.insert(0, (f"streams:session:{session_id}", quota["session"]))
    # The longest a stream lives: its age, a late heartbeat, and a margin.
    ttl = app.config["RESOKIT_SSE_MAX_AGE"] + 2 * app.config["RESOKIT_SSE_HEARTBEAT"] + 30
    slot, evicted = app.extensions["resokit_stream_quotas"].acquire(
        wanted, ttl, org_id=org_id, evict_first=bool(session_id)
    )
    bus = app.extensions["resokit_bus"]
    for token in evicted:
        bus.publish(Event(org_id=int(token.partition(".")[0]), type="access", extra={"stream": token}))
    return slot


def ends(event: Event, slot: Slot) -> bool:
    """Is ``event`` the order for the stream holding ``slot`` to end?"""
    return event.type == "access" and event.extra.get("stream") == slot.token


def release(app: Flask, slot: Slot | None) -> None:
    if slot is not None:
        app.extensions["resokit_stream_quotas"].release(slot)


def init_app(app: Flask, redis_client=None) -> None:
    if redis_client is not None:
        app.extensions["resokit_stream_quotas"] = RedisQuotas(redis_client, app.config["RESOKIT_REDIS_PREFIX"])
    else:
        app.extensions["resokit_stream_quotas"] = InProcessQuotas()
