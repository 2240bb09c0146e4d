"""Load with ``wrk`` (when it is installed: ``apt-get install -y wrk``), the same figures as
:func:`tests.bench.loadgen.hammer` gives: requests per second, p50, p99, errors.

wrk is written in C and costs the shared 2 cores far less than the Python client, so more
of them go to the server under test; the floor, the bare app and the fragments are all
measured with the same client in one run, so their ratios stay fair.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def available() -> bool:
    return shutil.which("wrk") is not None


@dataclass
class WrkStats:
    """What :class:`tests.bench.loadgen.Stats` offers, read from wrk's report."""

    rps: float = 0.0
    p50: float = float("nan")
    p99: float = float("nan")
    errors: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    count: int = 0


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(m.group(1)) * _UNITS[m.group(2)] if m else float("nan")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _lua(paths: list[str], headers: dict[str, str], per_path: dict[str, dict[str, str]]) -> str:
    """A wrk script that asks for ``paths`` in turn, each with ``headers`` and its own
    ``per_path`` headers (requests built once, in ``init``), and counts the statuses."""
    lines = ["local paths, extra, reqs, n = {}, {}, {}, 0"]
    for i, path in enumerate(paths, 1):
        own = ",".join(f"[{_quote(k)}]={_quote(v)}" for k, v in {**headers, **per_path.get(path, {})}.items())
        lines.append(f"paths[{i}] = {_quote(path)}; extra[{i}] = {{{own}}}")
    lines += [
        "init = function(args)",
        '  for i, p in ipairs(paths) do reqs[i] = wrk.format("GET", p, extra[i]) end',
        "end",
        "request = function()",
        "  n = n + 1",
        "  return reqs[(n % #reqs) + 1]",
        "end",
        # Counts every status in each thread, so 304s and errors show in the table.
        "statuses = {}",
        "response = function(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end",
        "local threads = {}",
        "setup = function(thread) table.insert(threads, thread) end",
        "done = function(summary, latency, requests)",
        "  local total = {}",
        "  for _, t in ipairs(threads) do",
        '    for s, c in pairs(t:get("statuses")) do total[s] = (total[s] or 0) + c end',
        "  end",
        '  for s, c in pairs(total) do io.write(string.format("status %d %d\\n", s, c)) end',
        "end",
    ]
    return "\n".join(lines) + "\n"


def run(
    host: str,
    port: int,
    paths: list[str],
    *,
    headers: dict[str, str] | None = None,
    per_path_headers: dict[str, dict[str, str]] | None = None,
    duration: float,
    connections: int = 16,
    threads: int = 2,
) -> WrkStats:
    """``connections`` keep-alive connections on ``threads`` threads, GET ``paths`` in
    turn for ``duration`` seconds (after a one-connection warm-up that is not counted), each
    with ``headers`` and its own ``per_path_headers``."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "paths.lua"
        script.write_text(_lua(paths, headers or {}, per_path_headers or {}))
        base = ["wrk", f"-t{threads}", f"-c{connections}", "-s", str(script), f"http://{host}:{port}"]
        # Warm-up on one connection: 16 slow requests cut off here would still be in the
        # server's hands when the measured run starts.
        subprocess.run([*base[:1], "-t1", "-c1", *base[3:], "-d1s"], capture_output=True, text=True, check=True)
        out = subprocess.run(
            [*base, f"-d{max(1, round(duration))}s", "--latency", "--timeout", "10s"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    stats = WrkStats()
    if m := re.search(r"Requests/sec:\s+([\d.]+)", out):
        stats.rps = float(m.group(1))
    if m := re.search(r"^\s+50%\s+(\S+)", out, re.M):
        stats.p50 = _ms(m.group(1))
    if m := re.search(r"^\s+99%\s+(\S+)", out, re.M):
        stats.p99 = _ms(m.group(1))
    if m := re.search(r"(\d+) requests in", out):
        stats.count = int(m.group(1))
    for status, count in re.findall(r"^status (\d+) (\d+)$", out, re.M):
        stats.statuses[status] = int(count)
        if int(status) >= 400:
            stats.errors += int(count)
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        stats.errors += sum(int(x) for x in m.groups())
    return stats
