"""Live Resokit servers for the browser tests, started the way the README starts one.

``start_server()`` makes a fresh instance folder, migrates and seeds the demo with the
``flask`` commands, then runs gunicorn with ``resokit_web.gunicorn_config`` on a free
port. Settings are plain environment variables, so a test can start a server as a
deployer would configure it: PostgreSQL, ``RESOKIT_REDIS_URL``, two workers, ...
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STARTUP_LIMIT = 60.0  # seconds; a readiness wait, not a timing assertion


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_environment(**settings: str) -> dict[str, str]:
    """This process's environment without any Resokit setting, plus ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RESOKIT_", "FLASK_")) and k != "SECRET_KEY"}
    env.update({k: str(v) for k, v in settings.items() if v is not None})
    return env


@dataclass
class LiveServer:
    url: str
    instance_path: Path
    env: dict[str, str]
    process: subprocess.Popen
    log_path: Path
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    def flask(self, *args: str) -> subprocess.CompletedProcess:
        """Run ``flask --app resokit_web <args>`` against this server's configuration."""
        return run_flask(self.env, *args)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        """SIGTERM to the whole process group (master and workers), SIGKILL if it lingers."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)
            except ProcessLookupError:
                pass
        # Workers the master could not reap must not keep the port.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        while self.cleanups:
            self.cleanups.pop()()


def run_flask(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "resokit_web", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def start_server(
    instance_path: Path,
    *,
    seed: bool = True,
    workers: int = 1,
    threads: int = 64,
    cleanups: list[Callable[[], None]] | None = None,
    **settings: str,
) -> LiveServer:
    """Start a migrated (and demo-seeded) server; ``settings`` are environment variables
    such as ``RESOKIT_DATABASE_URL`` or ``RESOKIT_REDIS_URL``. Stop it with ``.stop()``."""
    instance_path.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = clean_environment(
        RESOKIT_INSTANCE_PATH=instance_path,
        RESOKIT_BIND=f"127.0.0.1:{port}",
        RESOKIT_WORKERS=workers,
        RESOKIT_THREADS=threads,
        RESOKIT_GRACEFUL_TIMEOUT=1,
        **settings,
    )
    run_flask(env, "db", "upgrade")
    if seed:
        run_flask(env, "demo")
    log_path = instance_path / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "python:resokit_web.gunicorn_config"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # its own process group, to stop it whole
    server = LiveServer(
        url=f"http://127.0.0.1:{port}",
        instance_path=instance_path,
        env=env,
        process=process,
        log_path=log_path,
        cleanups=list(cleanups or []),
    )
    try:
        wait_until_healthy(server)
    except BaseException:
        server.stop()
        raise
    return server


def wait_until_healthy(server: LiveServer) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server exited with {server.process.returncode}:\n{server.log()}")
        try:
            with urllib.request.urlopen(server.url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server did not become healthy:\n{server.log()}")
