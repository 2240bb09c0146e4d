"""The in-process bus hands events to a courier thread: the request that saved answers
at once, while the courier renders what the woken streams push and fills their mailboxes,
in publishing order."""

from __future__ import annotations

import os
import threading

from resokit_web.live.bus import Event, InProcessBus


def event(n: int, org_id: int = 1) -> Event:
    return Event(org_id=org_id, type="treasure", id=n, version=1)


def test_publishing_does_not_wait_for_the_streams_it_wakes():
    bus = InProcessBus()
    release, started = threading.Event(), threading.Event()

    def slow_render(event, subscriptions):  # what rendering 500 streams' fragments costs
        started.set()
        release.wait(10)

    bus.before_deliver = slow_render
    with bus.subscribe(1) as subscription:
        bus.publish(event(1))  # returns while the courier is still rendering
        assert started.wait(5)
        assert subscription.get(timeout=0) is None  # not delivered yet
        release.set()
        assert subscription.get(timeout=5).id == 1


def test_events_reach_each_stream_in_publishing_order_and_once():
    bus = InProcessBus()
    with bus.subscribe(1) as first, bus.subscribe(1) as second, bus.subscribe(2) as other:
        for n in range(1, 51):
            bus.publish(event(n))
        assert bus.wait_delivered()
        for subscription in (first, second):
            assert [e.id for e in subscription.drain()] == list(range(1, 51))
            assert subscription.drain() == []  # each event once
        assert other.drain() == []


def test_a_new_stream_gets_only_what_is_published_after_it_opened():
    bus = InProcessBus()
    release = threading.Event()
    bus.before_deliver = lambda event, subscriptions: release.wait(10)
    with bus.subscribe(1) as early:
        bus.publish(event(1))
        threading.Timer(0.2, release.set).start()
        with bus.subscribe(1) as late:  # opened while event 1 is still on its way
            bus.publish(event(2))
            assert [e.id for e in late.drain()] == [2]
        assert [e.id for e in early.drain()] == [1, 2]


def test_a_failing_render_does_not_stop_later_events():
    bus = InProcessBus()

    def broken(event, subscriptions):
        if event.id == 1:
            raise RuntimeError("cannot render")

    bus.before_deliver = broken
    with bus.subscribe(1) as subscription:
        bus.publish(event(1))
        bus.publish(event(2))
        assert [e.id for e in subscription.drain()] == [1, 2]


def test_a_forked_worker_starts_a_courier_of_its_own():
    bus = InProcessBus()
    with bus.subscribe(1) as subscription:
        bus.publish(event(1))
        assert [e.id for e in subscription.drain()] == [1]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the parent's courier thread did not come along
        try:
            with bus.subscribe(1) as subscription:
                bus.publish(event(2))
                got = [e.id for e in subscription.drain()]
            os.write(write, b"ok" if got == [2] else repr(got).encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    assert os.read(read, 100) == b"ok"
