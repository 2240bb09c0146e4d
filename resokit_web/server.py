"""``flask --app resokit_web serve``: gunicorn with our settings, from the command line."""

from __future__ import annotations

import os
import sys


def serve(*, host: str | None = None, port: int | None = None, workers: int | None = None) -> None:
    # --host/--port win; otherwise RESOKIT_BIND, as when gunicorn is started directly.
    default_host, _, default_port = os.environ.get("RESOKIT_BIND", "127.0.0.1:5000").rpartition(":")
    host, port = host or default_host or "127.0.0.1", port or int(default_port or 5000)
    args = [sys.executable, "-m", "gunicorn", "-c", "python:resokit_web.gunicorn_config", "--bind", f"{host}:{port}"]
    if workers:
        args += ["--workers", str(workers)]
    print(f"Resokit Web is running at http://{host}:{port}/  (stop with Ctrl+C)", flush=True)
    os.execv(sys.executable, args)
