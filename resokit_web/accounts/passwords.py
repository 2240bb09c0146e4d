"""Password hashing with argon2id (argon2-cffi's defaults follow RFC 9106).

An argon2id hash or check takes 64 MiB and tens of milliseconds of one core. A burst of
sign-ins (a team arriving at nine, the soak's 100 members at once) would run dozens at
the same time in one process: memory peaked at 2.4 GB and the sign-ins waited so long on
the cores that the database pool ran dry. So each process runs at most
:data:`CONCURRENT` of them; the others wait their turn, which costs the same total time.
"""

from __future__ import annotations

import functools
import os
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
_hasher = PasswordHasher()

# One per core: more would only share the cores and multiply the memory.
CONCURRENT = max(2, os.cpu_count() or 2)
_turns = threading.BoundedSemaphore(CONCURRENT)


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the e-mail is unknown, so both paths cost the same time."""
    with _turns:
        return _hasher.hash("resokit-timing-equaliser")


def hash_password(password: str) -> str:
    with _turns:
        return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    against = password_hash or _dummy_hash()
    try:
        with _turns:
            ok = _hasher.verify(against, password)
    except (VerificationError, InvalidHashError):
        return False
    return ok and password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
