"""The bounded cache behind the moderation queue's duplicates and the pushed fragments."""

from __future__ import annotations

import threading

import pytest

from resokit_web.core.cache import BoundedCache


def test_it_keeps_the_most_recently_used_keys():
    cache = BoundedCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recent
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3
    assert len(cache) == 2
    cache.put("a", 10)  # a new value for a kept key does not grow the cache
    assert cache.get("a") == 10 and len(cache) == 2


def test_a_kept_none_or_zero_is_told_apart_from_a_missing_key():
    cache = BoundedCache(4)
    cache.put("zero", 0)
    assert cache.get("zero", "missing") == 0
    assert cache.get("other", "missing") == "missing"


def test_setdefault_makes_one_value_however_many_threads_ask():
    cache = BoundedCache(8)
    made = []
    start = threading.Barrier(16)
    results = []

    def make():
        made.append(1)
        return object()

    def ask():
        start.wait()
        results.append(cache.setdefault("key", make))

    threads = [threading.Thread(target=ask) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1
    assert len({id(value) for value, _ in results}) == 1
    assert sorted(new for _, new in results) == [False] * 15 + [True]


def test_setdefault_also_keeps_the_bound():
    cache = BoundedCache(1)
    cache.setdefault("a", lambda: 1)
    value, new = cache.setdefault("b", lambda: 2)
    assert (value, new) == (2, True) and cache.get("a") is None


def test_a_cache_keeps_at_least_one_key():
    with pytest.raises(ValueError):
        BoundedCache(0)
