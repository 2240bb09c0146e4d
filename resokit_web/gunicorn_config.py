"""gunicorn settings for Resokit Web: ``gunicorn -c python:resokit_web.gunicorn_config``
(``flask --app resokit_web serve`` runs exactly this).

The model: gthread workers, many threads, and a cap on streams below the thread count.

* Every open organisation page holds one Server-Sent Events stream, i.e. one thread,
  for up to ``RESOKIT_SSE_MAX_AGE`` seconds (600). Then the browser reconnects with
  Last-Event-ID and the server replays what it missed from a short numbered log (in
  Redis when several workers share it): a reconnect costs one request, not a refresh of
  the page's live parts, so the age can stay short enough to recheck membership and
  spread streams evenly over workers after a restart. An idle stream costs a sleeping thread and a socket, not CPU. Measured on the
  2-core machine (SQLite, load client on the same cores), 1 worker × 512 threads:
  300 streams → saves p50 53 ms, max 267 ms, every stream had the event ~40 ms (p50)
  after the save began, 103 MB; 500 asked → 448 open, 52 refused, saves p50 84 ms,
  max 136 ms, all 448 received each event within ~65 ms (p50), 112 MB.
* Streams must never take the threads that ordinary requests need — the save that
  publishes the event above all. So each process accepts at most
  ``threads - RESOKIT_THREADS_RESERVED`` streams (``RESOKIT_SSE_MAX_STREAMS``); a page
  beyond that gets 503 for its stream only, keeps working with full page loads and
  htmx, and its stream retries with back-off. Keep-alive connections wait in gthread's
  poller, not in a thread, so they do not count. Without the cap, 80 streams on 64
  threads left an ordinary GET waiting past 30 s: the starvation this prevents.
* gevent would hold idle streams more cheaply, but page rendering and SQLite's blocking
  calls stall its single loop (p99 1.4 s under load on this stack); threads keep pages
  fast. For thousands of viewers, add workers (with Redis, so events reach every
  worker) or hosts behind the proxy, rather than one huge pool.
* Without Redis the in-process event bus reaches only its own process: one worker.
  With ``RESOKIT_REDIS_URL`` two workers by default, each with the same pool.

Every value can be overridden by environment variable or on the gunicorn command line.
"""

import os

bind = os.environ.get("RESOKIT_BIND", "127.0.0.1:5000")
workers = int(os.environ.get("RESOKIT_WORKERS") or (2 if os.environ.get("RESOKIT_REDIS_URL") else 1))
worker_class = "gthread"
threads = int(os.environ.get("RESOKIT_THREADS", "1024"))
# Threads kept free for pages and saves however many streams are open: 64, or a quarter
# of a smaller pool.
reserved = int(os.environ.get("RESOKIT_THREADS_RESERVED") or max(1, min(64, threads // 4)))
os.environ.setdefault("RESOKIT_SSE_MAX_STREAMS", str(max(threads - reserved, 1)))
worker_connections = threads + 64
keepalive = 5
timeout = 60
# Open streams would otherwise hold a restart for the full default of 30 seconds.
graceful_timeout = int(os.environ.get("RESOKIT_GRACEFUL_TIMEOUT", "5"))
control_socket_disable = True
# gunicorn would take X-Forwarded-Proto (and SCRIPT_NAME) from any local peer and call the
# request HTTPS (HSTS!). Forwarded headers are trusted in the app only, by ProxyFix, for
# exactly RESOKIT_PROXY_COUNT proxies.
secure_scheme_headers = {}
forwarder_headers = ""
accesslog = os.environ.get("RESOKIT_ACCESS_LOG") or None
errorlog = "-"
wsgi_app = "resokit_web.wsgi:app"

# Memory. Each thread that allocates gets a malloc arena of its own (up to 8 per core),
# and freed memory stays in them: after 16 concurrent requests a worker kept ~100 MB it no
# longer used. Two arenas per worker, and what is free handed back to the system every
# half minute (glibc's malloc_trim), keep a worker's size flat after a burst of load.
MALLOC_ARENAS = 2
TRIM_EVERY = 30.0


def post_fork(server, worker):
    import ctypes
    import threading

    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc: nothing to tune
        return
    libc.mallopt(-8, MALLOC_ARENAS)  # M_ARENA_MAX

    def trim() -> None:
        while True:
            threading.Event().wait(TRIM_EVERY)
            libc.malloc_trim(0)

    threading.Thread(target=trim, name="resokit-malloc-trim", daemon=True).start()


# Stopping (SIGTERM) or Ctrl+C (SIGINT, SIGQUIT) ends the open event streams at once, so a
# worker exits within the graceful timeout instead of being killed (live/shutdown.py).
def post_worker_init(worker):
    from resokit_web.live.shutdown import install

    install(worker)


def worker_int(worker):
    from resokit_web.live.shutdown import end_streams_soon

    end_streams_soon()
