"""A small thread-safe cache of the most recently used keys, kept per process.

Used where a result is worth keeping between requests and its key says when it is stale
(the moderation queue's likely duplicates, the fragments pushed in event streams, the map
data): the cache itself only bounds the memory, it never decides freshness.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

V = TypeVar("V")
_MISSING = object()


class BoundedCache(Generic[V]):
    """Keeps at most ``size`` keys; the least recently used one goes first."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("a cache keeps at least one key")
        self.size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable, default: V | None = None) -> V | None:
        with self._lock:
            value = self._items.get(key, _MISSING)
            if value is _MISSING:
                return default
            self._items.move_to_end(key)
            return value  # type: ignore[return-value]

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            self._trim()

    def setdefault(self, key: Hashable, make: Callable[[], V]) -> tuple[V, bool]:
        """The value kept for ``key``, or a new one from ``make()`` kept from now on, in one
        step (two threads asking at once get the same value); ``True`` when it is new."""
        with self._lock:
            value = self._items.get(key, _MISSING)
            if value is not _MISSING:
                self._items.move_to_end(key)
                return value, False  # type: ignore[return-value]
            value = self._items[key] = make()
            self._trim()
            return value, True

    def discard(self, key: Hashable) -> None:
        with self._lock:
            self._items.pop(key, None)

    def _trim(self) -> None:
        while len(self._items) > self.size:
            self._items.popitem(last=False)


@dataclass
class _Slot:
    done: threading.Event
    value: object = None


class SingleFlight:
    """Each key computed once per process even when many threads ask at the same moment,
    and kept (at most ``keep`` keys). A failure is raised to every thread that waited for
    it; with ``remember_failures`` it is kept like a value, else the next asker tries again."""

    def __init__(self, keep: int, *, remember_failures: bool = True, wait: float = 10.0) -> None:
        self._slots: BoundedCache[_Slot] = BoundedCache(keep)
        self.remember_failures = remember_failures
        self.wait = wait

    def get(self, key: Hashable, compute: Callable[[], object]) -> object:
        slot, mine = self._slots.setdefault(key, lambda: _Slot(threading.Event()))
        if mine:
            try:
                slot.value = compute()
            except Exception as error:  # noqa: BLE001 - every thread waiting for it learns it failed
                slot.value = error
                if not self.remember_failures:
                    self._slots.discard(key)
            finally:
                slot.done.set()
        elif not slot.done.wait(timeout=self.wait):
            raise TimeoutError("a value being computed by another thread took too long")
        if isinstance(slot.value, Exception):
            raise slot.value
        return slot.value
