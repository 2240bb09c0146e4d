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
    writer.write(
        (
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n"
            f"Cookie: {cookie}\r\nHX-Request: true\r\n\r\n"
        ).encode()
    )
    await writer.drain()
    status, headers = await read_head(reader)
    if status != 200:
        raise RuntimeError(f"stream refused: {status}")
    await reader.readuntil(b"\n\n")  # the "connected" comment
    return Subscriber(reader, writer)


async def wait_for_events(sub: Subscriber, names: list[str], timeout: float) -> list[float]:
    """Read the (chunked) stream until each ``event: name`` in turn; their arrival times."""
    needles = [f"event: {name}\n".encode() for name in names]
    times: list[float] = []
    buffer = b""
    deadline = time.perf_counter() + timeout
    while len(times) < len(needles):
        found = buffer.find(needles[len(times)])
        if found >= 0:
            times.append(time.perf_counter())
            buffer = buffer[found + len(needles[len(times) - 1]) :]
            continue
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise TimeoutError(names[len(times)])
        chunk = await asyncio.wait_for(sub.reader.read(65536), remaining)
        if not chunk:
            raise ConnectionError("stream closed")
        buffer = buffer[-4096:] + chunk
    return times


async def settle(subs: list[Subscriber], quiet: float = 1.0, limit: float = 60.0) -> None:
    """Read every stream until none has said anything for ``quiet`` seconds."""
    deadline = time.perf_counter() + limit

    async def drain(sub: Subscriber) -> None:
        while time.perf_counter() < deadline:
            try:
                chunk = await asyncio.wait_for(sub.reader.read(65536), quiet)
            except TimeoutError:
                return
            if not chunk:
                return

    await asyncio.gather(*(drain(s) for s in subs))


async def close_all(subs: list[Subscriber]) -> None:
    for sub in subs:
        sub.writer.close()
    await asyncio.gather(*(s.writer.wait_closed() for s in subs), return_exceptions=True)


async def fan_out(
    host: str,
    port: int,
    *,
    stream_path: str,
    cookie: str,
    clients: int,
    trigger,
    event_name: str,
    refetch_path: str | None = None,
    refetch_headers: dict[str, str] | None = None,
    pushed: list[str] = (),
    warmup=None,
    timeout: float = 30.0,
) -> dict[str, list[float]]:
    """``clients`` open streams; ``trigger()`` makes one edit; every client waits for
    ``event_name`` and then, as the page would, either reads the ``pushed`` fragments that
    follow it in the stream, or re-fetches the changed fragment from ``refetch_path``.
    Returns seconds from the start of the edit's request to each event and to each client
    having the changed fragment."""
    subs: list[Subscriber] = []
    for start in range(0, clients, 50):  # open in batches, as browsers arriving
        subs += await asyncio.gather(
            *(open_stream(host, port, stream_path, cookie) for _ in range(start, min(clients, start + 50)))
        )
    # Each stream's arrival announced the reader's presence to every other stream: read
    # until that wave has passed, as browsers would, so the edit is timed on a quiet server.
    await settle(subs)
    try:
        if warmup is not None:
            # One edit first, as on a server that has been running: templates compiled,
            # connections open. Its events are read and dropped.
            await warmup()
            await settle(subs)

        async def one(sub: Subscriber) -> tuple[float, float] | None:
            try:
                times = await wait_for_events(sub, [event_name, *pushed], timeout)
            except (ConnectionError, TimeoutError):
                return None  # counted as missed
            arrived = times[0]
            if refetch_path is None:
                return arrived - t0, times[-1] - t0
            conn = Connection(host, port)
            try:
                response = await conn.request("GET", refetch_path, {**(refetch_headers or {}), "Cookie": cookie})
                if response.status != 200:
                    raise RuntimeError(f"re-fetch answered {response.status}")
            finally:
                await conn.close()
            return arrived - t0, time.perf_counter() - t0

        # Every stream is being read before the edit starts, as a browser reads its stream.
        t0 = time.perf_counter()
        readers = [asyncio.ensure_future(one(s)) for s in subs]
        await asyncio.sleep(0)
        await trigger()
        results = await asyncio.gather(*readers)
    finally:
        await close_all(subs)
    got = [r for r in results if r is not None]
    return {"event": [r[0] for r in got], "visible": [r[1] for r in got], "missed": len(results) - len(got)}


async def hold_idle(host: str, port: int, streams: list[tuple[str, str]]) -> list[Subscriber]:
    """Open one idle stream per (path, cookie) and keep them open."""
    subs: list[Subscriber] = []
    for start in range(0, len(streams), 100):
        batch = streams[start : start + 100]
        subs += await asyncio.gather(*(open_stream(host, port, path, cookie) for path, cookie in batch))
    return subs
