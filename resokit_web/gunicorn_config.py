"""gunicorn settings for Resokit Web: ``gunicorn -c python:resokit_web.gunicorn_config``.

Why gthread: every open live page holds one Server-Sent Events stream, i.e. one
thread, for up to ``RESOKIT_SSE_MAX_AGE`` seconds. The thread pool is sized so streams
never take the threads that ordinary requests (the save that publishes the event!)
need. gevent would hold idle streams more cheaply, but SQLite's blocking C calls would
freeze its event loop; see the README's production notes for the split-pool setup.

Every value can be overridden on the gunicorn command line or by environment variable.
"""

import os

bind = os.environ.get("RESOKIT_BIND", "127.0.0.1:5000")
# The in-process event bus reaches only its own process: one worker unless Redis is set.
workers = int(os.environ.get("RESOKIT_WORKERS") or (2 if os.environ.get("RESOKIT_REDIS_URL") else 1))
worker_class = "gthread"
threads = int(os.environ.get("RESOKIT_THREADS", "512"))
worker_connections = threads + 64
keepalive = 5
timeout = 60
# Open streams would otherwise hold a restart for the full default of 30 seconds.
graceful_timeout = int(os.environ.get("RESOKIT_GRACEFUL_TIMEOUT", "5"))
control_socket_disable = True
accesslog = os.environ.get("RESOKIT_ACCESS_LOG") or None
errorlog = "-"
wsgi_app = "resokit_web.wsgi:app"
