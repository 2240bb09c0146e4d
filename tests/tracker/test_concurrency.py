"""One member saving the same round's answers from two tabs at the same moment: one
answer set, one row per statement, never a 500. Runs on SQLite and, when configured, on
PostgreSQL."""

from __future__ import annotations

import threading

import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.tracker.models import Answer

from ..conftest import sign_in
from ..factories.tracker import tracker_round


def test_concurrent_saves_keep_one_answer_set(app, world):
    rnd = tracker_round(world.org_a, revealed=False)
    ids = rnd.statement_ids[:6]
    url = f"/o/org-a/tracker/rounds/{rnd.id}/answers"
    forms = [{f"s{i}": value for i in ids} for value in ("2", "4", "5", "unknown")]
    barrier = threading.Barrier(len(forms))
    statuses: list[int | None] = [None] * len(forms)
    errors: list[BaseException] = []

    def tab(n: int) -> None:
        try:
            with app.app_context():
                client = app.test_client()
                sign_in(client, world.member)
                barrier.wait(timeout=30)
                statuses[n] = client.post(url, data=forms[n]).status_code
                db.session.remove()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=tab, args=(n,)) for n in range(len(forms))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    assert statuses == [303] * len(forms)
    db.session.expire_all()
    rows = db.session.execute(sa.select(Answer.statement_id, Answer.user_id).where(Answer.round_id == rnd.id)).all()
    assert sorted(rows) == sorted((i, world.member.id) for i in ids)
