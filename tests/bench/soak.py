"""Resokit Web soak test: simulated members browsing, editing and streaming for a while
against the production server, to see that nothing fails and nothing grows.

    python tests/bench/soak.py [--minutes 10] [--users 100]

Starts the server as tests/bench/run.py runs production (a fresh PostgreSQL database,
Redis, gunicorn with two workers; SQLite and one worker when either is missing), seeds
the demo, adds ``--users`` members to the demo organisation and lets each of them, for
``--minutes``: hold the event stream of the page they are on (reconnecting as a browser
does), and every few seconds open a page, a fragment or an edit form, save a treasure
(from the version they saw: colleagues' saves meet as merges or conflicts), say they
are editing, or load the map data. Prints the requests made, the 5xx count (must be 0),
the server's memory at the start and the end, and as its last line one JSON object.
A soak test, not a test of the suite: it exits 1 when a request answered 5xx.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.loadgen import Connection  # noqa: E402
from tests.bench.run import (  # noqa: E402
    HOST,
    MAIN_PAGES,
    PASSWORD,
    Server,
    base_env,
    edit_form_values,
    flask,
    get,
    hx,
    log,
    login,
    pct,
    postgres_database,
    redis_url,
    version_of,
)
from tests.bench.sse import open_stream  # noqa: E402

THINK = (1.0, 4.0)  # seconds a member spends on a page before the next step


def create_members(env: dict, count: int) -> list[str]:
    """``count`` members of the demo organisation; returns their e-mail addresses."""
    code = f"""
from resokit_web import create_app
from resokit_web.extensions import db
from resokit_web.accounts.service import create_user, find_user
from resokit_web.orgs.models import Organisation, Membership, Role
app = create_app()
with app.app_context():
    org = db.session.scalar(db.select(Organisation).filter_by(slug="demo"))
    for i in range({count}):
        email = f"soak-{{i}}@bench.resokit.test"
        if find_user(email) is None:
            user = create_user(email, "{PASSWORD}", f"Soak {{i}}")
            db.session.flush()
            db.session.add(Membership(organisation_id=org.id, user_id=user.id, role=Role.member))
    db.session.commit()
"""
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)
    return [f"soak-{i}@bench.resokit.test" for i in range(count)]


class Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.by_action: dict[str, int] = {}
        self.server_errors: list[str] = []
        self.connection_errors = 0
        self.streams_opened = 0
        self.stream_refusals: dict[str, int] = {}
        self.stream_bytes = 0

    def add(self, action: str, path: str, status: int, seconds: float) -> None:
        self.latencies.append(seconds)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.by_action[action] = self.by_action.get(action, 0) + 1
        if status >= 500:
            self.server_errors.append(f"{status} {action} {path}")

    @property
    def requests(self) -> int:
        return len(self.latencies)


class Member:
    """One simulated colleague: a session, a stream, and a few steps a minute."""

    def __init__(self, port: int, email: str, treasure_ids: list[int], tally: Tally, deadline: float):
        self.port, self.email, self.tally, self.deadline = port, email, tally, deadline
        self.treasure_ids = treasure_ids
        self.cookie = self.csrf = ""
        self.conn = Connection(HOST, port)
        self.forms: dict[int, dict[str, str]] = {}

    async def timed(self, action: str, method: str, path: str, headers=None, body: bytes = b""):
        t0 = time.perf_counter()
        try:
            response = await self.conn.request(method, path, {"Cookie": self.cookie, **(headers or {})}, body)
        except (ConnectionError, OSError, asyncio.IncompleteReadError):
            self.tally.connection_errors += 1
            await self.conn.close()
            return None
        self.tally.add(action, path, response.status, time.perf_counter() - t0)
        if response.headers.get("connection", "").lower() == "close":
            await self.conn.close()
        return response

    async def stream(self) -> None:
        """The page's event stream, reopened when it ends (every RESOKIT_SSE_MAX_AGE)."""
        while time.monotonic() < self.deadline:
            try:
                sub = await open_stream(HOST, self.port, "/o/demo/events?page=buurtkaart", self.cookie)
            except RuntimeError as refused:  # a status other than 200
                status = str(refused).rsplit(" ", 1)[-1]
                self.tally.stream_refusals[status] = self.tally.stream_refusals.get(status, 0) + 1
                if status.startswith("5"):
                    self.tally.server_errors.append(f"{status} stream")
                await asyncio.sleep(5)
                continue
            except (ConnectionError, OSError, asyncio.IncompleteReadError):
                self.tally.connection_errors += 1
                await asyncio.sleep(2)
                continue
            self.tally.streams_opened += 1
            try:
                while time.monotonic() < self.deadline:
                    left = self.deadline - time.monotonic()
                    try:
                        chunk = await asyncio.wait_for(sub.reader.read(65536), min(left, 30))
                    except TimeoutError:
                        continue
                    if not chunk:
                        break  # the server ended it: reconnect, as a browser does
                    self.tally.stream_bytes += len(chunk)
            finally:
                sub.writer.close()
            await asyncio.sleep(2)  # htmx-ext-sse's retry

    async def edit(self) -> None:
        tid = random.choice(self.treasure_ids)
        form = await self.timed("edit form", "GET", f"/o/demo/treasures/{tid}/edit", hx(f"treasure-{tid}"))
        if form is None or form.status != 200:
            return
        values = {**edit_form_values(form.body), "version": str(version_of(form.body) or 1)}
        await asyncio.sleep(random.uniform(*THINK))  # typing
        values["description"] = f"Gezien door {self.email} om {time.strftime('%H:%M:%S')}.\nTweede regel blijft."
        body = urlencode({**values, "csrf_token": self.csrf}).encode()
        headers = {
            **hx(f"treasure-{tid}"),
            "X-CSRFToken": self.csrf,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        await self.timed("save", "POST", f"/o/demo/treasures/{tid}", headers, body)

    async def step(self) -> None:
        action = random.choices(
            ["page", "row", "edit", "presence", "geojson", "dashboard feed"], weights=[30, 25, 20, 10, 5, 10]
        )[0]
        if action == "page":
            path = random.choice(list(MAIN_PAGES.values()))
            await self.timed("page", "GET", path)
        elif action == "row":
            tid = random.choice(self.treasure_ids)
            await self.timed("row", "GET", f"/o/demo/treasures/{tid}?list=1", hx(f"treasure-{tid}"))
        elif action == "edit":
            await self.edit()
        elif action == "presence":
            tid = random.choice(self.treasure_ids)
            body = urlencode({"page": "buurtkaart", "item": f"treasure:{tid}", "csrf_token": self.csrf}).encode()
            headers = {
                "X-CSRFToken": self.csrf,
                "Content-Type": "application/x-www-form-urlencoded",
                "HX-Request": "true",
            }
            await self.timed("presence", "POST", "/o/demo/presence", headers, body)
        elif action == "geojson":
            await self.timed("geojson", "GET", "/o/demo/buurtkaart.geojson")
        else:
            await self.timed("dashboard feed", "GET", "/o/demo/", hx("activity-feed"))

    async def run(self) -> None:
        self.cookie, self.csrf = await login(self.port, self.email)
        streaming = asyncio.ensure_future(self.stream())
        try:
            while time.monotonic() < self.deadline:
                await asyncio.sleep(random.uniform(*THINK))
                if time.monotonic() >= self.deadline:
                    break
                await self.step()
        finally:
            await self.conn.close()
            await streaming


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


async def soak(args) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="resokit-soak-"))
    pg = None
    try:
        redis = redis_url()
        pg = postgres_database() if redis else None
        env = base_env(workdir, "soak")
        # The stream quotas as a deployer has them (run.py raises them for its fan-out).
        for name in ("RESOKIT_SSE_PER_SESSION", "RESOKIT_SSE_PER_USER", "RESOKIT_SSE_PER_ORG"):
            env.pop(name, None)
        workers = 1
        if redis and pg:
            env.update(
                RESOKIT_DATABASE_URL=pg[0],
                RESOKIT_REDIS_URL=redis,
                RESOKIT_REDIS_PREFIX=f"soak-{secrets.token_hex(4)}:",
            )
            workers = 2
        setup = "PostgreSQL + Redis, 2 workers" if workers == 2 else "SQLite, 1 worker (no PostgreSQL/Redis answered)"
        log(f"Setting up ({setup}) in {workdir} …")
        flask(env, "db", "upgrade")
        flask(env, "demo")
        emails = create_members(env, args.users)
        with Server(env, workers=workers) as server:
            coordinator, _ = await login(server.port, "coordinator@demo.resokit.test")
            geo = await get(server.port, "/o/demo/buurtkaart.geojson", coordinator)
            treasure_ids = list(dict.fromkeys(int(i) for i in re.findall(rb'"id":\s*(\d+)', geo.body)))
            if not treasure_ids:
                raise RuntimeError("the demo has no treasures on the map")
            deadline = time.monotonic() + args.minutes * 60
            tally = Tally()
            members = [Member(server.port, email, treasure_ids, tally, deadline) for email in emails]
            log(f"{len(members)} members sign in and start, for {args.minutes} min …")
            tasks = []
            for start in range(0, len(members), 10):  # arriving over a few seconds, not all at once
                tasks += [asyncio.ensure_future(m.run()) for m in members[start : start + 10]]
                await asyncio.sleep(0.5)
            await asyncio.sleep(5)
            rss_start = server.rss_mb()
            samples = [(0, rss_start)]
            started = time.monotonic()
            while time.monotonic() < deadline:
                await asyncio.sleep(min(60, max(deadline - time.monotonic(), 0.1)))
                minute = round((time.monotonic() - started) / 60)
                samples.append((minute, server.rss_mb()))
                log(
                    f"  {minute} min: {tally.requests} requests, {len(tally.server_errors)} 5xx, "
                    f"RSS {samples[-1][1]:.0f} MB, load {load_average()}"
                )
            rss_end = server.rss_mb()
            results = await asyncio.gather(*tasks, return_exceptions=True)
            failed = [r for r in results if isinstance(r, BaseException)]
    finally:
        if pg:
            pg[1]()
        shutil.rmtree(workdir, ignore_errors=True)

    seconds = args.minutes * 60
    report = {
        "minutes": args.minutes,
        "users": args.users,
        "setup": setup,
        "requests": tally.requests,
        "requests_per_s": round(tally.requests / seconds, 1),
        "server_errors_5xx": len(tally.server_errors),
        "connection_errors": tally.connection_errors,
        "members_failed": len(failed),
        "statuses": dict(sorted(tally.statuses.items())),
        "by_action": tally.by_action,
        "p50_ms": round(pct(tally.latencies, 50), 1),
        "p99_ms": round(pct(tally.latencies, 99), 1),
        "streams_opened": tally.streams_opened,
        "stream_refusals": tally.stream_refusals,
        "stream_mb": round(tally.stream_bytes / 2**20, 1),
        "rss_start_mb": round(rss_start, 1),
        "rss_end_mb": round(rss_end, 1),
        "rss_peak_mb": round(max(s[1] for s in samples + [(0, rss_end)]), 1),
        "load_average_end": load_average(),
        "cpus": os.cpu_count(),
    }
    print(
        f"\nResokit Web soak: {args.minutes} min, {args.users} members ({setup}), {os.cpu_count()} CPUs shared\n"
        f"requests {tally.requests} ({report['requests_per_s']}/s), 5xx {report['server_errors_5xx']}, "
        f"connection errors {tally.connection_errors}, statuses {report['statuses']}\n"
        f"latency p50 {report['p50_ms']} ms, p99 {report['p99_ms']} ms; streams opened {tally.streams_opened}, "
        f"refused {tally.stream_refusals or 'none'}, {report['stream_mb']} MB of events read\n"
        f"server memory: {rss_start:.0f} MB at the start, {rss_end:.0f} MB at the end "
        f"(peak {report['rss_peak_mb']:.0f} MB); per minute: {', '.join(f'{m}: {r:.0f}' for m, r in samples)}"
    )
    for line in tally.server_errors[:20]:
        print("5xx:", line)
    for error in failed[:5]:
        print("member failed:", repr(error))
    print(json.dumps(report))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=10, help="how long (default 10)")
    parser.add_argument("--users", type=int, default=100, help="simulated members (default 100)")
    report = asyncio.run(soak(parser.parse_args()))
    sys.exit(1 if report["server_errors_5xx"] or report["members_failed"] else 0)


if __name__ == "__main__":
    main()
