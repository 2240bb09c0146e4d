from __future__ import annotations

import pytest

from resokit_web.extensions import db
from resokit_web.sessions.service import create_session


@pytest.fixture
def make_session(world):
    def make(fmt: str = "kletspot", *, guests: bool = True, user=None, **extra):
        sess = create_session(
            world.org_a.id, fmt, f"Sessie {fmt}", guests=guests, user_id=(user or world.member).id, **extra
        )
        db.session.commit()
        return sess

    return make
