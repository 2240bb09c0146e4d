"""Presence: who is on which page, and who is editing which item — expiring by itself.

An entry is (organisation, user, page, item) with an expiry time. Open event streams
refresh their page entry at every heartbeat; an open edit form refreshes its item entry
from the browser. Nothing needs cleaning up after a crash: entries simply run out.
In-process by default; a Redis sorted set per organisation when Redis is configured.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from flask import current_app

from .bus import Event


@dataclass(frozen=True)
class Presence:
    user_id: int
    page: str
    item: str  # "" when only looking; "treasure:42" while editing that treasure


def _key(user_id: int, page: str, item: str) -> str:
    return f"{user_id}|{page}|{item}"


def _parse(member: str) -> Presence:
    user, page, item = member.split("|", 2)
    return Presence(int(user), page, item)


class InProcessPresence:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[int, dict[str, float]] = {}
        self._owners: dict[int, dict[str, str]] = {}

    def touch(self, org_id: int, entry: Presence, ttl: float, owner: str | None = None) -> bool:
        """Refresh an entry; True when it is new (others should hear about it)."""
        now = time.monotonic()
        with self._lock:
            entries = self._entries.setdefault(org_id, {})
            key = _key(entry.user_id, entry.page, entry.item)
            new = entries.get(key, 0) <= now
            entries[key] = now + ttl
            if owner:
                self._owners.setdefault(org_id, {})[key] = owner
        return new

    def leave(self, org_id: int, entry: Presence, owner: str | None = None) -> bool:
        key = _key(entry.user_id, entry.page, entry.item)
        with self._lock:
            owners = self._owners.get(org_id, {})
            if owner and owners.get(key, owner) != owner:
                return False  # a newer stream (a reload, another tab) keeps this presence alive
            owners.pop(key, None)
            return self._entries.get(org_id, {}).pop(key, None) is not None

    def current(self, org_id: int) -> list[Presence]:
        now = time.monotonic()
        with self._lock:
            return [_parse(k) for k, expiry in self._entries.get(org_id, {}).items() if expiry > now]

    def sweep(self, org_id: int) -> list[Presence]:
        """Remove the entries that ran out and return them (each to exactly one caller)."""
        now = time.monotonic()
        with self._lock:
            entries = self._entries.get(org_id, {})
            gone = [k for k, expiry in entries.items() if expiry <= now]
            for key in gone:
                del entries[key]
        return [_parse(k) for k in gone]


class RedisPresence:
    def __init__(self, client, prefix: str) -> None:
        self.client = client
        self.prefix = prefix

    def _zkey(self, org_id: int) -> str:
        return f"{self.prefix}{org_id}"

    # Remove a member only if no other stream took it over since (compare-and-delete).
    _LEAVE = """
    local owner = redis.call('HGET', KEYS[2], ARGV[1])
    if ARGV[2] ~= '' and owner and owner ~= ARGV[2] then return 0 end
    redis.call('HDEL', KEYS[2], ARGV[1])
    return redis.call('ZREM', KEYS[1], ARGV[1])
    """

    def touch(self, org_id: int, entry: Presence, ttl: float, owner: str | None = None) -> bool:
        now = time.time()
        member = _key(entry.user_id, entry.page, entry.item)
        pipe = self.client.pipeline()
        pipe.zscore(self._zkey(org_id), member)
        pipe.zadd(self._zkey(org_id), {member: now + ttl})
        pipe.expire(self._zkey(org_id), int(ttl * 4) + 1)
        if owner:
            pipe.hset(self._okey(org_id), member, owner)
            pipe.expire(self._okey(org_id), int(ttl * 4) + 1)
        previous = pipe.execute()[0]
        return previous is None or previous <= now

    def leave(self, org_id: int, entry: Presence, owner: str | None = None) -> bool:
        member = _key(entry.user_id, entry.page, entry.item)
        return bool(self.client.eval(self._LEAVE, 2, self._zkey(org_id), self._okey(org_id), member, owner or ""))

    def _okey(self, org_id: int) -> str:
        return f"{self.prefix}{org_id}:owners"

    def current(self, org_id: int) -> list[Presence]:
        members = self.client.zrangebyscore(self._zkey(org_id), time.time(), "+inf")
        return [_parse(m.decode() if isinstance(m, bytes) else m) for m in members]

    def sweep(self, org_id: int) -> list[Presence]:
        """Remove the entries that ran out and return them; of several workers sweeping at
        once, only the one whose ZREM removed an entry reports it."""
        key = self._zkey(org_id)
        members = self.client.zrangebyscore(key, "-inf", time.time())
        if not members:
            return []
        pipe = self.client.pipeline()
        for member in members:
            pipe.zrem(key, member)
        removed = pipe.execute()
        return [_parse(m.decode() if isinstance(m, bytes) else m) for m, n in zip(members, removed) if n]


def store():
    return current_app.extensions["resokit_presence"]


def init_app(app, redis_client=None) -> None:
    if redis_client is not None:
        app.extensions["resokit_presence"] = RedisPresence(
            redis_client, app.config["RESOKIT_REDIS_PREFIX"] + "presence:"
        )
    else:
        app.extensions["resokit_presence"] = InProcessPresence()


def presence_event(org_id: int, user_id: int, page: str, item: str = "") -> Event:
    return Event(org_id=org_id, type="presence", by=user_id, extra={"page": page, "item": item})


def announce(
    org_id: int, user_id: int, page: str, item: str = "", *, leaving: bool = False, owner: str | None = None
) -> None:
    """Record (or end) a presence and tell the organisation's pages when it changed.

    Looking at a page is kept alive by the page's event stream (a server-side heartbeat);
    editing an item by the open form itself, from the browser, which may slow its timers
    down to once a minute in a background tab: hence the longer time to live for items.
    ``owner`` names the stream holding a page presence: when a reload's new stream has
    taken the presence over, the old stream's goodbye leaves it alone.
    """
    entry = Presence(user_id, page, item)
    presence = store()
    ttl = current_app.config["RESOKIT_PRESENCE_EDIT_TTL" if item else "RESOKIT_PRESENCE_TTL"]
    changed = presence.leave(org_id, entry, owner) if leaving else presence.touch(org_id, entry, ttl, owner)
    if changed:
        current_app.extensions["resokit_bus"].publish(presence_event(org_id, user_id, page, item))


def expire(org_id: int) -> int:
    """Drop the organisation's presences that ran out and tell its pages (called from the
    event streams' heartbeats, so a closed laptop disappears by itself)."""
    gone = store().sweep(org_id)
    bus = current_app.extensions["resokit_bus"]
    for p in gone:
        bus.publish(presence_event(org_id, p.user_id, p.page, p.item))
    return len(gone)


def on_page(org_id: int, page: str) -> list[Presence]:
    return [p for p in store().current(org_id) if p.page == page]


def editors_of(org_id: int, item: str) -> set[int]:
    return {p.user_id for p in store().current(org_id) if p.item == item}


def editing_names_for(org_id: int, object_type: str, *, exclude_user: int | None = None) -> dict[int, list[str]]:
    """object id → display names of the people editing it now (one query for all names)."""
    from sqlalchemy import select

    from ..accounts.models import User
    from ..extensions import db

    prefix = f"{object_type}:"
    editing: dict[int, set[int]] = {}
    for p in store().current(org_id):
        if p.item.startswith(prefix) and p.user_id != exclude_user:
            try:
                editing.setdefault(int(p.item[len(prefix) :]), set()).add(p.user_id)
            except ValueError:
                continue
    if not editing:
        return {}
    ids = set().union(*editing.values())
    names = dict(db.session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())
    return {obj: sorted(names.get(u, "?") for u in users) for obj, users in editing.items()}
