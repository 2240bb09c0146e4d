"""Stopping the server without waiting for the event streams.

Every open page holds an event stream that would otherwise run for minutes: on SIGTERM
(a deployment, ``systemctl stop``) gunicorn would wait its whole graceful timeout, and
on Ctrl+C (SIGINT, then SIGQUIT from the master) the worker exits while its stream
threads keep it alive, until the master kills it ("Worker was sent SIGKILL! Perhaps out
of memory?"). So on each of these signals the worker ends its streams at once: each says
goodbye, the browsers reconnect to the next server and catch up with what they missed
(``Last-Event-ID``), and the worker exits well within the graceful timeout.

``gunicorn_config.py`` installs it: ``post_worker_init`` for SIGTERM, ``worker_int`` for
SIGINT and SIGQUIT.
"""

from __future__ import annotations

import signal
import threading

from .bus import end_all_streams


def end_streams_soon() -> None:
    # From a signal handler: on a thread of its own, so that the handler never waits for
    # the bus's lock, which the interrupted code might be holding.
    threading.Thread(target=end_all_streams, name="resokit-end-streams", daemon=True).start()


def install(worker) -> None:
    """Make the worker's SIGTERM handler end the streams before gunicorn's own shutdown."""
    graceful = worker.handle_exit

    def handle_exit(sig, frame):
        end_streams_soon()
        graceful(sig, frame)

    worker.handle_exit = handle_exit
    signal.signal(signal.SIGTERM, handle_exit)
