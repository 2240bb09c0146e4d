"""Several colleagues save the team text at the same moment, all from the same version.

One save applies as it is; the others merge line by line or meet a conflict; none is
lost: every sentence anyone saved ends up in the text or in its history, and the
sentences of a clashing save wait in that person's draft until they resolve it.
On SQLite and on PostgreSQL.
"""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from resokit_web.extensions import db
from resokit_web.live.history import HistoryEntry
from resokit_web.opinions.models import OpinionPiece

from ..conftest import make_app, sign_in
from ..factories import build_world
from .helpers import colleague, draft_of, fresh, hidden, make_piece, textarea, url

WRITERS = 6
BASE_LINES = [f"Zin {n}." for n in range(1, 11)]
BASE = "\n".join(BASE_LINES) + "\n"


def edit_for(writer: int) -> tuple[str, str]:
    """(the writer's whole text, the sentence only they wrote).

    Writers 0-3 each reword a different line (apart from each other): these merge.
    Writers 4 and 5 both add a line at the very end: the second of them clashes.
    """
    lines = list(BASE_LINES)
    if writer < 4:
        sentence = f"Zin {2 * writer + 1}, herschreven door schrijver {writer}."
        lines[2 * writer] = sentence
    else:
        sentence = f"Een nieuwe zin van schrijver {writer}."
        lines.append(sentence)
    return "\n".join(lines) + "\n", sentence


def run_concurrent_saves(app, world):
    piece = make_piece(world, body=BASE)
    users = [colleague(world, name=f"Schrijver {n}") for n in range(WRITERS)]
    clients = []
    for user in users:
        client = app.test_client()
        sign_in(client, user)
        clients.append(client)
    address = url(piece)  # the ORM object is not for other threads
    start = threading.Barrier(WRITERS)
    responses: dict[int, tuple[int, str]] = {}
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            body, _ = edit_for(n)
            start.wait()
            response = clients[n].post(address, data={"body": body, "version": "1"})
            responses[n] = (response.status_code, response.get_data(as_text=True))
        except BaseException as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert sorted(responses) == list(range(WRITERS))
    assert {status for status, _ in responses.values()} <= {303, 409}

    piece = fresh(piece)
    history = list(
        db.session.scalars(
            sa.select(HistoryEntry)
            .where(HistoryEntry.object_type == "opinion", HistoryEntry.object_id == piece.id)
            .order_by(HistoryEntry.version)
        )
    )
    applied = [n for n, (status, _) in responses.items() if status == 303]
    clashed = [n for n, (status, _) in responses.items() if status == 409]

    # One save applied as it was; every other applied save was merged on top of it.
    actions = [e.action for e in history[1:]]
    assert actions.count("updated") == 1
    assert actions.count("merged") == len(applied) - 1
    assert piece.version == 1 + len(applied)
    # The four rewordings never clash; the two additions at the end clash with each other.
    assert set(range(4)) <= set(applied)
    assert len(clashed) == 1 and clashed[0] in (4, 5)

    # Nothing lost: every applied sentence is in the text or in the history.
    everything_saved = piece.body + "".join(e.data["body"] for e in history)
    for n in applied:
        assert edit_for(n)[1] in everything_saved
    # The clashing writer's text waits in their draft; they resolve by combining.
    for n in clashed:
        body, sentence = edit_for(n)
        assert draft_of(piece, users[n]).body == body
        html = responses[n][1]
        combined = textarea(html, "__combined_body")
        assert sentence in combined
        response = clients[n].post(
            url(piece),
            data={
                "version": hidden(html, "version"),
                "title": hidden(html, "title"),
                "body": body,
                "__theirs_body": "",
                "__choice_body": "combined",
                "__combined_body": combined,
            },
        )
        assert response.status_code == 303
        assert draft_of(piece, users[n]) is None

    final = fresh(piece).body
    for n in range(WRITERS):
        assert edit_for(n)[1] in final, f"writer {n}'s sentence is missing"
    for line in BASE_LINES[1::2]:
        assert line in final  # the lines nobody touched are still there


def test_writers_saving_at_once_lose_nothing(app, world):
    run_concurrent_saves(app, world)


@pytest.mark.postgresql
def test_writers_saving_at_once_lose_nothing_on_postgresql(postgres_url):
    app = make_app(postgres_url)
    with app.app_context():
        try:
            run_concurrent_saves(app, build_world())
        finally:
            db.session.remove()
            db.engine.dispose()


def test_two_saves_from_one_base_never_both_win_in_the_service(app, world):
    """The same race without HTTP: the conditional update lets exactly one through first."""
    from resokit_web.opinions.service import save_piece

    piece = make_piece(world, body=BASE)
    first = save_piece(piece, {"body": edit_for(0)[0]}, 1, user_id=world.member.id)
    db.session.commit()
    second = save_piece(
        db.session.get(OpinionPiece, piece.id), {"body": edit_for(1)[0]}, 1, user_id=world.coordinator.id
    )
    db.session.commit()
    assert (first.status, second.status) == ("saved", "merged")
    final = fresh(piece).body
    assert edit_for(0)[1] in final and edit_for(1)[1] in final
