"""The event bus: small events on an organisation's channel, delivered to its open streams.

Two implementations with one interface:

* :class:`InProcessBus` (default) delivers inside one process: no extra service, but
  one server process only.
* :class:`RedisBus` publishes through Redis pub/sub, so every worker and machine
  receives every event. Each process keeps a single subscriber connection and fans
  events out to its own streams locally.

Both number an organisation's events (``seq``) and keep the last :data:`REPLAY` of them,
so a stream that reconnects with ``Last-Event-ID`` gets exactly what it missed
(:meth:`InProcessBus.since`) instead of every live part of the page fetching itself again.
An id is ``<epoch>.<seq>``: the epoch changes when the numbering starts over (a restart
without Redis, a Redis that lost its data), and an unknown epoch means "resync".
"""

from __future__ import annotations

import json
import logging
import os
import queue
import secrets
import threading
import time
import weakref
from collections import deque
from dataclasses import asdict, dataclass, field, replace
from typing import Any

log = logging.getLogger(__name__)

# A stream that falls this far behind is closed; the browser reconnects and resyncs.
MAX_BACKLOG = 500
# Events per organisation kept for streams that reconnect.
REPLAY = 512
# What a mailbox gets when the server stops: the stream ends at once (see end_all_streams).
_END = object()


@dataclass(frozen=True)
class Event:
    org_id: int
    type: str  # e.g. "treasure", "presence", "partner"
    id: int | None = None
    version: int | None = None
    by: int | None = None  # user id
    extra: dict[str, Any] = field(default_factory=dict)
    seq: int | None = None  # its number in the organisation's event log, set when published

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, data: str | bytes) -> Event:
        return cls(**json.loads(data))


class Subscription:
    """One open stream's mailbox."""

    def __init__(self, bus: InProcessBus, org_id: int):
        self.bus = bus
        self.org_id = org_id
        self._queue: queue.SimpleQueue[Event] = queue.SimpleQueue()
        self.overflowed = False
        self.ended = False  # the server is stopping: the stream says goodbye now
        # What the stream pushes with each event (live/push.py): (page, audience, base URL).
        self.push: tuple | None = None

    def deliver(self, event: Event) -> None:
        if self._queue.qsize() >= MAX_BACKLOG:
            self.overflowed = True
            return
        self._queue.put(event)

    def get(self, timeout: float) -> Event | None:
        """The next event, or None after ``timeout`` (or when the stream has to end)."""
        try:
            item = self._queue.get(timeout=timeout)
        except queue.Empty:
            return None
        return None if item is _END else item

    def end(self) -> None:
        """Wake the stream waiting on this mailbox and tell it to end."""
        self.ended = True
        self._queue.put(_END)

    def drain(self) -> list[Event]:
        """What is in the mailbox, once every event published before reached it."""
        self.bus.wait_delivered()
        events = []
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return events
            if item is not _END:
                events.append(item)

    def close(self) -> None:
        self.bus.unsubscribe(self)

    def __enter__(self) -> Subscription:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class InProcessBus:
    kind = "in-process"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[int, set[Subscription]] = {}
        self._seq: dict[int, int] = {}
        self._log: dict[int, deque[Event]] = {}
        self.epoch = secrets.token_hex(4)
        # Called with each event and the streams about to get it, before they are woken:
        # fragments pushed with the event are rendered there, once, not by the first of
        # hundreds of woken streams competing for the interpreter (live/push.py).
        self.before_deliver = None
        self.stopping = False
        # Delivery happens on a thread of its own, in publishing order: the request that
        # saved answers its user at once instead of first rendering what every open
        # stream gets pushed (one thread per process, started on the first event).
        self._start_afresh()
        _BUSES.add(self)

    def _start_afresh(self) -> None:
        """No courier yet: at the start, and in a forked worker (threads and the locks
        they held do not survive a fork)."""
        self._outbox: queue.SimpleQueue[Event] = queue.SimpleQueue()
        self._undelivered = 0
        self._delivered = threading.Condition()
        self._courier: threading.Thread | None = None

    def subscribe(self, org_id: int) -> Subscription:
        # A new stream gets what is published from now on, not an earlier event that is
        # still on its way to the streams that were open when it was published.
        self.wait_delivered()
        sub = Subscription(self, org_id)
        with self._lock:
            self._subscribers.setdefault(org_id, set()).add(sub)
            if self.stopping:
                sub.end()
        return sub

    def end_streams(self) -> int:
        """The server is stopping: every open stream of this process ends now (and any
        opened from here on at once), so the server need not wait for them."""
        with self._lock:
            self.stopping = True
            subs = [sub for group in self._subscribers.values() for sub in group]
        for sub in subs:
            sub.end()
        return len(subs)

    def unsubscribe(self, sub: Subscription) -> None:
        with self._lock:
            subs = self._subscribers.get(sub.org_id)
            if subs is not None:
                subs.discard(sub)
                if not subs:
                    del self._subscribers[sub.org_id]

    def subscriber_count(self, org_id: int | None = None) -> int:
        with self._lock:
            if org_id is not None:
                return len(self._subscribers.get(org_id, ()))
            return sum(len(s) for s in self._subscribers.values())

    def publish(self, event: Event) -> None:
        with self._lock:
            seq = self._seq.get(event.org_id, 0) + 1
            self._seq[event.org_id] = seq
            event = replace(event, seq=seq)
            self._log.setdefault(event.org_id, deque(maxlen=REPLAY)).append(event)
        self._hand_over(event)

    def _hand_over(self, event: Event) -> None:
        with self._delivered:
            if self._courier is None:
                self._courier = threading.Thread(
                    target=self._carry, args=(self._outbox,), name="resokit-bus-courier", daemon=True
                )
                self._courier.start()
            self._undelivered += 1
            self._outbox.put(event)

    def _carry(self, outbox: queue.SimpleQueue) -> None:
        while True:
            event = outbox.get()
            try:
                self._deliver_locally(event)
            except Exception:  # noqa: BLE001 - one bad event must not stop the others
                log.exception("delivering an event failed")
            finally:
                with self._delivered:
                    self._undelivered -= 1
                    if self._undelivered <= 0:
                        self._delivered.notify_all()

    def wait_delivered(self, timeout: float = 5.0) -> bool:
        """Until every event published so far in this process reached its streams'
        mailboxes (False after ``timeout``)."""
        with self._delivered:
            return self._delivered.wait_for(lambda: self._undelivered <= 0, timeout)

    def event_id(self, event: Event) -> str | None:
        return f"{self.epoch}.{event.seq}" if event.seq is not None else None

    def since(self, org_id: int, last_id: str) -> list[Event] | None:
        """The organisation's events after ``last_id`` (an SSE id), or None when they can
        no longer be told: another epoch, or older than the kept log."""
        epoch, _, raw = (last_id or "").partition(".")
        if epoch != self._current_epoch() or not raw.isdigit():
            return None
        seq = int(raw)
        log, last = self._log_for(org_id)
        if seq > last:
            return None
        missed = [e for e in log if e.seq is not None and e.seq > seq]
        if seq < last and (not missed or missed[0].seq != seq + 1):
            return None  # some fell out of the log
        return missed

    def position(self, org_id: int) -> str:
        """The id of the organisation's latest event (``<epoch>.0`` before the first)."""
        return f"{self._current_epoch()}.{self._log_for(org_id)[1]}"

    def _current_epoch(self) -> str:
        return self.epoch

    def _log_for(self, org_id: int) -> tuple[list[Event], int]:
        with self._lock:
            return list(self._log.get(org_id, ())), self._seq.get(org_id, 0)

    def _deliver_locally(self, event: Event) -> None:
        with self._lock:
            subs = list(self._subscribers.get(event.org_id, ()))
        if subs and self.before_deliver is not None:
            try:
                self.before_deliver(event, subs)
            except Exception:  # noqa: BLE001 - the streams render for themselves then
                log.exception("preparing an event for its streams failed")
        for sub in subs:
            sub.deliver(event)

    def health(self) -> str:
        return f"{self.kind} ok"

    def close(self) -> None:
        pass


# Every bus of this process, so that a stopping server can end their streams.
_BUSES: weakref.WeakSet[InProcessBus] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for bus in list(_BUSES):
        bus._start_afresh()


os.register_at_fork(after_in_child=_after_fork_in_child)


def end_all_streams() -> int:
    """End the open event streams of every bus in this process; how many there were."""
    return sum(bus.end_streams() for bus in list(_BUSES))


class RedisBus(InProcessBus):
    kind = "redis"

    def __init__(self, client, prefix: str) -> None:
        super().__init__()
        self.client = client
        self.prefix = prefix
        self.pattern = f"{prefix}org:*"
        self.channel_prefix = f"{prefix}org:"
        self._epoch: str | None = None
        self._listener: threading.Thread | None = None
        self._listener_lock = threading.Lock()
        self._ready = threading.Event()
        self._stopping = False

    def channel(self, org_id: int) -> str:
        return f"{self.channel_prefix}{org_id}"

    def subscribe(self, org_id: int) -> Subscription:
        self._ensure_listener()
        return super().subscribe(org_id)

    def publish(self, event: Event) -> None:
        seq = int(self.client.incr(f"{self.prefix}seq:{event.org_id}"))
        data = replace(event, seq=seq).to_json()
        log = f"{self.prefix}log:{event.org_id}"
        pipe = self.client.pipeline()
        pipe.rpush(log, data)
        pipe.ltrim(log, -REPLAY, -1)
        pipe.expire(log, 24 * 3600)
        pipe.publish(self.channel(event.org_id), data)
        pipe.execute()

    def _current_epoch(self) -> str:
        # Shared by every process; a Redis that lost its data starts a new numbering.
        key = f"{self.prefix}epoch"
        self.client.set(key, secrets.token_hex(4), nx=True)
        epoch = self.client.get(key)
        return epoch.decode() if isinstance(epoch, bytes) else str(epoch)

    def event_id(self, event: Event) -> str | None:
        if event.seq is None:
            return None
        if self._epoch is None:
            self._epoch = self._current_epoch()
        return f"{self._epoch}.{event.seq}"

    def _log_for(self, org_id: int) -> tuple[list[Event], int]:
        pipe = self.client.pipeline()
        pipe.lrange(f"{self.prefix}log:{org_id}", 0, -1)
        pipe.get(f"{self.prefix}seq:{org_id}")
        raw_log, last = pipe.execute()
        events = []
        for raw in raw_log:
            try:
                events.append(Event.from_json(raw))
            except (ValueError, TypeError):
                continue
        return events, int(last or 0)

    def health(self) -> str:
        try:
            self.client.ping()
        except Exception:  # noqa: BLE001 - reported, not raised
            return "redis error"
        return "redis ok"

    def _ensure_listener(self) -> None:
        # Started lazily in the process that serves streams: threads do not survive a fork.
        if self._listener is not None and self._listener.is_alive():
            return
        with self._listener_lock:
            if self._listener is None or not self._listener.is_alive():
                self._ready.clear()
                self._listener = threading.Thread(target=self._listen, name="resokit-redis-bus", daemon=True)
                self._listener.start()
        self._ready.wait(timeout=5)

    def _listen(self) -> None:
        backoff = 0.5
        while not self._stopping:
            pubsub = self.client.pubsub(ignore_subscribe_messages=True)
            try:
                pubsub.psubscribe(self.pattern)
                # Wait for the subscription to be confirmed before declaring ourselves ready.
                pubsub.get_message(timeout=1.0, ignore_subscribe_messages=False)
                self._ready.set()
                backoff = 0.5
                while not self._stopping:
                    message = pubsub.get_message(timeout=1.0)
                    if message and message["type"] == "pmessage":
                        try:
                            self._deliver_locally(Event.from_json(message["data"]))
                        except (ValueError, TypeError):
                            log.warning("ignored a malformed event on %s", message.get("channel"))
            except Exception:  # noqa: BLE001 - reconnect and keep serving
                log.exception("redis event bus connection lost; reconnecting")
                time.sleep(backoff)
                backoff = min(backoff * 2, 10)
            finally:
                try:
                    pubsub.close()
                except Exception:  # noqa: BLE001
                    pass

    def close(self) -> None:
        self._stopping = True
