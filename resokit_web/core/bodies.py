"""Response bodies built once per change and sent as they are kept: compressed, with a
strong ETag, 304 when the client's copy is still the current one. The map data (the
buurtkaart's GeoJSON, the public resident map) is sent this way.

A body is found by a key that names everything it is built from: the organisation's
revision (``live/revisions.py``, raised by every committed change of its objects), the
audience (role, language where labels are translated) and the filters. So a kept body
is never stale, and a viewer's request never finds a member's body. Built once per key
in the process, however many requests ask at once (they share it, so sixteen of them
cost one build and no more memory than one); with Redis configured, built once for all
workers. Kept gzip-compressed (the brotli copy is made the first time a client asks
for it); a client that takes neither gets the plain bytes, unpacked for it.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Hashable

import brotli
import redis
from flask import Flask, Response, current_app, request

from .cache import SingleFlight

log = logging.getLogger(__name__)

GZIP_LEVEL = 6
# Brotli's quality 6 packs the 5,000-treasure map a little smaller than gzip's 6 in about
# the same time; 11 would take seconds.
BROTLI_QUALITY = 6
# Bodies kept per process: every audience of the current revision of many organisations.
KEEP = 32
# In Redis a body lives this long without being asked for (a new revision is a new key).
REDIS_TTL = 3600
ENCODINGS = ("br", "gzip")


class Body:
    """One built body: its digest (the ETag's root) and its compressed copies."""

    def __init__(self, digest: str, gzipped: bytes, brotli_copy: bytes | None = None) -> None:
        self.digest = digest
        self.gzip = gzipped
        self._br = brotli_copy
        self._lock = threading.Lock()
        # Told the brotli copy once it is made (Redis shares it with the other workers).
        self.on_brotli: Callable[[bytes], None] | None = None

    @classmethod
    def of(cls, raw: bytes) -> Body:
        return cls(hashlib.blake2b(raw, digest_size=16).hexdigest(), gzip.compress(raw, GZIP_LEVEL, mtime=0))

    def raw(self) -> bytes:
        return gzip.decompress(self.gzip)

    @property
    def br(self) -> bytes:
        with self._lock:
            if self._br is None:
                self._br = brotli.compress(self.raw(), quality=BROTLI_QUALITY)
                if self.on_brotli is not None:
                    self.on_brotli(self._br)
            return self._br

    def encoded(self, encoding: str | None) -> bytes:
        if encoding == "br":
            return self.br
        if encoding == "gzip":
            return self.gzip
        return self.raw()

    def etag(self, encoding: str | None) -> str:
        """A strong validator per representation: the compressed copies differ in bytes."""
        return f"{self.digest}-{encoding or 'identity'}"


class BodyCache:
    """Bodies kept in this process, each built once (concurrent askers wait for it)."""

    def __init__(self, keep: int = KEEP) -> None:
        # A failed build (the database away for a moment) is not kept: the next request tries.
        self._bodies = SingleFlight(keep, remember_failures=False, wait=30.0)

    def get(self, key: Hashable, build: Callable[[], bytes]) -> Body:
        return self._bodies.get(key, lambda: self.load(key, build))  # type: ignore[return-value]

    def load(self, key: Hashable, build: Callable[[], bytes]) -> Body:
        return Body.of(build())


class RedisBodyCache(BodyCache):
    """Bodies shared by every worker through Redis: the first worker that needs one builds
    it (under a short lock) and stores it; the others wait for it and take it from there.
    Each worker still keeps the bodies it uses, so a hit costs no Redis round trip."""

    def __init__(self, client: redis.Redis, prefix: str, keep: int = KEEP) -> None:
        super().__init__(keep)
        self.client = client
        self.prefix = prefix

    def _name(self, key: Hashable) -> str:
        return self.prefix + hashlib.sha256(repr(key).encode()).hexdigest()

    def load(self, key: Hashable, build: Callable[[], bytes]) -> Body:
        name = self._name(key)
        try:
            found = self._read(name)
            if found is not None:
                return found
            if self.client.set(name + ":building", "1", nx=True, px=30_000):
                try:
                    body = Body.of(build())
                    self._write(name, body)
                    return self._shared(name, body)
                finally:
                    self.client.delete(name + ":building")
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:  # another worker is building it
                time.sleep(0.02)
                found = self._read(name)
                if found is not None:
                    return found
        except redis.RedisError as error:
            log.warning("map data cache: Redis unavailable (%s); built in this worker", error)
        return Body.of(build())

    def _read(self, name: str) -> Body | None:
        digest, gzipped, brotli_copy = self.client.hmget(name, "digest", "gzip", "br")
        if digest is None or gzipped is None:
            return None
        self.client.expire(name, REDIS_TTL)
        return self._shared(name, Body(digest.decode(), gzipped, brotli_copy))

    def _write(self, name: str, body: Body) -> None:
        with self.client.pipeline() as pipe:
            pipe.hset(name, mapping={"digest": body.digest, "gzip": body.gzip})
            pipe.expire(name, REDIS_TTL)
            pipe.execute()

    def _shared(self, name: str, body: Body) -> Body:
        def store_brotli(copy: bytes) -> None:  # the first worker asked for brotli shares it
            try:
                self.client.hset(name, "br", copy)
            except redis.RedisError:
                pass

        body.on_brotli = store_brotli
        return body


def cache() -> BodyCache:
    return current_app.extensions["resokit_bodies"]


def send(body: Body, *, mimetype: str, vary: tuple[str, ...] = ()) -> Response:
    """``body`` as the client accepts it (brotli, gzip or plain), or 304 when its
    ``If-None-Match`` names this very body. Revalidated on every use, never stored by
    shared caches."""
    encoding = request.accept_encodings.best_match(ENCODINGS)
    etag = body.etag(encoding)
    if request.if_none_match.contains_weak(etag):
        response = Response(status=304)
    else:
        response = Response(body.encoded(encoding), mimetype=mimetype)
        if encoding:
            response.headers["Content-Encoding"] = encoding
    response.set_etag(etag)
    response.headers["Cache-Control"] = "private, no-cache"
    response.vary.update(("Accept-Encoding", *vary))
    return response


def init_app(app: Flask, redis_client=None) -> None:
    if redis_client is not None:
        app.extensions["resokit_bodies"] = RedisBodyCache(redis_client, app.config["RESOKIT_REDIS_PREFIX"] + "body:")
    else:
        app.extensions["resokit_bodies"] = BodyCache()
