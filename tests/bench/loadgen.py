"""A small asyncio HTTP/1.1 client for the benchmark: keep-alive connections, exact
latencies, no dependencies. Fast enough on loopback that the server, not the client,
is what gets measured (and the floor is measured with the same client).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.count / self.elapsed if self.elapsed else 0.0

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        data = sorted(self.latencies)
        return data[min(len(data) - 1, int(round(p / 100 * (len(data) - 1))))] * 1000

    @property
    def p50(self) -> float:
        return self.pct(50)

    @property
    def p99(self) -> float:
        return self.pct(99)


class Connection:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port, limit=2**22)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except (ConnectionError, OSError):
                pass
            self.writer = None

    async def request(
        self, method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> Response:
        if self.writer is None:
            await self.open()
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Connection: keep-alive"]
        for name, value in (headers or {}).items():
            lines.append(f"{name}: {value}")
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        return await read_response(self.reader)


async def read_head(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split(" ", 2)[1])
    headers: dict[str, str] = {}
    for line in header_lines:
        if ":" in line:
            name, value = line.split(":", 1)
            name = name.strip().lower()
            value = value.strip()
            headers[name] = headers[name] + ", " + value if name in headers and name == "set-cookie" else value
    return status, headers


async def read_response(reader: asyncio.StreamReader) -> Response:
    status, headers = await read_head(reader)
    if headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                break
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
        return Response(status, headers, b"".join(chunks))
    length = int(headers.get("content-length", "0"))
    return Response(status, headers, await reader.readexactly(length) if length else b"")


async def hammer(
    host: str,
    port: int,
    step: Callable[[Connection, int], Awaitable[Response]],
    *,
    concurrency: int,
    duration: float,
    warmup: float = 0.5,
) -> Stats:
    """``concurrency`` clients call ``step(connection, n)`` back to back for ``duration`` seconds."""
    stats = Stats()
    start = time.perf_counter()
    measure_from = start + warmup
    deadline = measure_from + duration

    async def client(index: int) -> None:
        conn = Connection(host, port)
        n = 0
        try:
            while True:
                t0 = time.perf_counter()
                if t0 >= deadline:
                    return
                try:
                    response = await step(conn, index * 1_000_000 + n)
                except (ConnectionError, OSError, asyncio.IncompleteReadError):
                    stats.errors += 1
                    await conn.close()
                    continue
                t1 = time.perf_counter()
                n += 1
                if t0 >= measure_from:
                    stats.latencies.append(t1 - t0)
                    stats.statuses[response.status] = stats.statuses.get(response.status, 0) + 1
                    if response.status >= 400:
                        stats.errors += 1
                if response.headers.get("connection", "").lower() == "close":
                    await conn.close()
        finally:
            await conn.close()

    await asyncio.gather(*(client(i) for i in range(concurrency)))
    stats.elapsed = min(time.perf_counter(), deadline) - measure_from
    return stats


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
