"""Real server processes for the tests that need them (two workers sharing Redis, load)."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    port: int
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(
    env: dict[str, str], *, threads: int = 16, instance_path: str, graceful_timeout: int | None = 1, log=None
) -> Server:
    """gunicorn with our config, one worker, its own port; waits (bounded) until it answers.

    ``graceful_timeout=None`` keeps the config's own; ``log`` (a file) gets gunicorn's output.
    The server runs in a process group of its own, as in a terminal (Ctrl+C reaches all)."""
    port = free_port()
    full_env = {
        **os.environ,
        **env,
        "RESOKIT_INSTANCE_PATH": instance_path,
        "RESOKIT_THREADS": str(threads),
        "RESOKIT_THREADS_RESERVED": env.get("RESOKIT_THREADS_RESERVED", "4"),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:resokit_web.gunicorn_config",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            *(["--graceful-timeout", str(graceful_timeout)] if graceful_timeout is not None else []),
        ],
        env=full_env,
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
        start_new_session=True,
    )
    server = Server(port, process)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server stopped at start")
        try:
            urllib.request.urlopen(server.url + "/healthz", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError("the server did not start")


_TOKEN = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@dataclass
class Browser:
    """Just enough of a browser: cookies, CSRF tokens from pages, form posts."""

    base: str
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=30) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def post(self, path: str, data: dict, token_from: str) -> int:
        _, page = self.get(token_from)
        token = _TOKEN.search(page) or re.search(r'"X-CSRFToken": "([^"]+)"', page)
        body = urllib.parse.urlencode({**data, "csrf_token": token.group(1)}).encode()
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=body), timeout=30) as r:
                return r.status
        except urllib.error.HTTPError as e:
            return e.code

    def login(self, email: str, password: str) -> None:
        status = self.post("/login", {"email": email, "password": password}, token_from="/login")
        assert status == 303, status

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_303(self, req, fp, code, msg, headers):
        return fp

    http_error_302 = http_error_301 = http_error_307 = http_error_303


def open_stream(base: str, cookie: str, page: str = "buurtkaart"):
    """An event stream as a file of lines (socket timeout 15 s: a bound, not a measurement)."""
    import http.client

    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=15)
    conn.request("GET", f"/o/org-a/events?page={page}", headers={"Cookie": cookie, "Accept": "text/event-stream"})
    response = conn.getresponse()
    return conn, response


def read_until(response, wanted: str, limit: int = 2000) -> str:
    lines = []
    for _ in range(limit):
        line = response.fp.readline().decode()
        if not line:
            break
        lines.append(line)
        if wanted in line:
            return "".join(lines)
    raise AssertionError(f"{wanted!r} never came: {''.join(lines)[-400:]!r}")
