"""Live fan-out and idle-stream measurements over real SSE connections."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from .loadgen import Connection, read_head


@dataclass
class Subscriber:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter


async def open_stream(host: str, port: int, path: str, cookie: str) -> Subscriber:
    reader, writer = await asyncio.open_connection(host, port, limit=2**20)
    writer.write((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n"
                  f"Cookie: {cookie}\r\nHX-Request: true\r\n\r\n").encode())
    await writer.drain()
    status, headers = await read_head(reader)
    if status != 200:
        raise RuntimeError(f"stream refused: {status}")
    await reader.readuntil(b"\n\n")  # the "connected" comment
    return Subscriber(reader, writer)


async def wait_for_event(sub: Subscriber, name: str, timeout: float) -> float:
    """Read the (chunked) stream until ``event: name``; returns the arrival time."""
    needle = f"event: {name}\n".encode()
    buffer = b""
    deadline = time.perf_counter() + timeout
    while needle not in buffer:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise TimeoutError(name)
        chunk = await asyncio.wait_for(sub.reader.read(65536), remaining)
        if not chunk:
            raise ConnectionError("stream closed")
        buffer = buffer[-4096:] + chunk
    return time.perf_counter()


async def close_all(subs: list[Subscriber]) -> None:
    for sub in subs:
        sub.writer.close()
    await asyncio.gather(*(s.writer.wait_closed() for s in subs), return_exceptions=True)


async def fan_out(host: str, port: int, *, stream_path: str, cookie: str, clients: int,
                  trigger, event_name: str, refetch_path: str, refetch_headers: dict[str, str],
                  timeout: float = 30.0) -> dict[str, list[float]]:
    """``clients`` open streams; ``trigger()`` makes one edit; every client waits for
    ``event_name`` and then re-fetches the changed fragment, as the page would.
    Returns seconds from the start of the edit's request to each event and to each re-fetched fragment."""
    subs: list[Subscriber] = []
    for start in range(0, clients, 50):  # open in batches, as browsers arriving
        subs += await asyncio.gather(*(open_stream(host, port, stream_path, cookie)
                                       for _ in range(start, min(clients, start + 50))))
    await asyncio.sleep(0.5)
    try:
        t0 = time.perf_counter()
        await trigger()

        async def one(sub: Subscriber) -> tuple[float, float] | None:
            try:
                arrived = await wait_for_event(sub, event_name, timeout)
            except (ConnectionError, TimeoutError, asyncio.TimeoutError):
                return None  # counted as missed
            conn = Connection(host, port)
            try:
                response = await conn.request("GET", refetch_path, {**refetch_headers, "Cookie": cookie})
                if response.status != 200:
                    raise RuntimeError(f"re-fetch answered {response.status}")
            finally:
                await conn.close()
            return arrived - t0, time.perf_counter() - t0

        results = await asyncio.gather(*(one(s) for s in subs))
    finally:
        await close_all(subs)
    got = [r for r in results if r is not None]
    return {"event": [r[0] for r in got], "visible": [r[1] for r in got], "missed": len(results) - len(got)}


async def hold_idle(host: str, port: int, streams: list[tuple[str, str]]) -> list[Subscriber]:
    """Open one idle stream per (path, cookie) and keep them open."""
    subs: list[Subscriber] = []
    for start in range(0, len(streams), 100):
        batch = streams[start:start + 100]
        subs += await asyncio.gather(*(open_stream(host, port, path, cookie) for path, cookie in batch))
    return subs
