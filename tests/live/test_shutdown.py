"""Stopping a real gunicorn while a page holds its event stream open: Ctrl+C (SIGINT to the
whole process group, as a terminal sends it) and SIGTERM (a deployment) end the stream at
once, cleanly, and the worker exits by itself within the graceful timeout."""

from __future__ import annotations

import os
import signal

import pytest

from ..conftest import TEST_SECRET
from ..factories import TEST_PASSWORD
from .servers import Browser, open_stream, read_until, start_server

# Bounds for waiting, not measurements: the config's graceful timeout is 5 s.
EXIT_BOUND = 30


# One backend is enough for the server's own signal handling (chosen, not skipped: CI
# counts a skip as a failure).
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_stopping_the_server_ends_open_streams_without_killing_the_worker(database_url, world, tmp_path, how):
    env = {"RESOKIT_DATABASE_URL": database_url, "SECRET_KEY": TEST_SECRET, "RESOKIT_SSE_HEARTBEAT": "30"}
    log_path = tmp_path / "server.log"
    with open(log_path, "wb") as log:
        server = start_server(env, instance_path=str(tmp_path / "instance"), graceful_timeout=None, log=log)
    try:
        viewer = Browser(server.url)
        viewer.login("viewer@a.test", TEST_PASSWORD)
        conn, stream = open_stream(server.url, viewer.cookie_header())
        read_until(stream, ": connected")

        if how == "ctrl-c":
            os.killpg(server.process.pid, signal.SIGINT)
        else:
            server.process.send_signal(signal.SIGTERM)

        # The stream is ended by the server, not cut off: the last chunk of a chunked
        # response arrives (a worker killed or timed out would just close the socket).
        rest = stream.fp.read()
        assert rest.endswith(b"0\r\n\r\n"), rest[-200:]
        conn.close()
        assert server.process.wait(timeout=EXIT_BOUND) == 0
    finally:
        server.stop()
    text = log_path.read_text()
    assert "SIGKILL" not in text and "Perhaps out of memory" not in text, text
    assert "Shutting down: Master" in text


def test_a_stopping_bus_wakes_its_streams_and_ends_new_ones_at_once():
    from resokit_web.live.bus import _BUSES, InProcessBus

    bus = InProcessBus()
    assert bus in _BUSES  # what end_all_streams() ends on a signal (not called here: it ends every bus)
    waiting = bus.subscribe(1)
    assert bus.end_streams() == 1
    assert waiting.get(timeout=5) is None and waiting.ended  # woken, not timed out
    late = bus.subscribe(2)
    assert late.ended
