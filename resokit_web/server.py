"""``flask --app resokit_web serve``: gunicorn with our settings, from the command line."""

from __future__ import annotations

import os
import sys


def serve(*, host: str, port: int, workers: int | None) -> None:
    args = [sys.executable, "-m", "gunicorn", "-c", "python:resokit_web.gunicorn_config",
            "--bind", f"{host}:{port}"]
    if workers:
        args += ["--workers", str(workers)]
    print(f"Resokit Web is running at http://{host}:{port}/  (stop with Ctrl+C)", flush=True)
    os.execv(sys.executable, args)
