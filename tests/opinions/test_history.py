"""History of the team text: a readable diff between any two versions, and restore."""

from __future__ import annotations

from resokit_web.live.diff import line_diff

from .helpers import fresh, make_piece, url, versions

V1 = "Inclusie is samen.\nWe bouwen bruggen.\nWe luisteren eerst.\n"
V2 = "Inclusie is samen met de buurt.\nWe bouwen bruggen.\nWe luisteren eerst.\n"
V3 = "Inclusie is samen met de buurt.\nWe bouwen bruggen.\nWe luisteren eerst.\nWe blijven leren.\n"


def three_versions(world, as_role):
    piece = make_piece(world, body=V1, title="Ons standpunt")
    client = as_role("member")
    client.post(url(piece), data={"body": V2, "version": "1"})
    client.post(url(piece), data={"body": V3, "version": "2", "title": "Ons gedeelde standpunt"})
    return fresh(piece)


def test_the_history_lists_every_version_and_compares_the_last_two_by_default(world, as_role):
    piece = three_versions(world, as_role)
    html = as_role("viewer").get(url(piece, "/history")).get_data(as_text=True)
    assert "History of the team text" in html
    for n in (1, 2, 3):
        assert f"Version {n}" in html
    assert "From version 2 to version 3" in html
    assert (
        '<li class="diff-added"><span class="diff-sign" aria-hidden="true">+</span><ins><span class="visually-hidden">Added: </span>We blijven leren.</ins></li>'
        in html
    )
    assert "1 line added" in html and "0 lines removed" in html
    assert "Ons standpunt" in html and "Ons gedeelde standpunt" in html  # the title change
    assert "Restore this version" not in html  # viewers read only


def test_any_two_versions_can_be_compared(world, as_role):
    piece = three_versions(world, as_role)
    html = as_role("viewer").get(url(piece, "/history?from=1&to=3")).get_data(as_text=True)
    assert "From version 1 to version 3" in html
    assert '<option value="1" selected>' in html and '<option value="3" selected>' in html
    # The reworded first line: removed and added, with the changed words marked, and said in words.
    assert '<span class="visually-hidden">Removed: </span>' in html
    assert "<mark> met de buurt</mark>" in html
    assert "We blijven leren." in html
    # Comparing backwards works too.
    back = as_role("viewer").get(url(piece, "/history?from=3&to=1")).get_data(as_text=True)
    assert "From version 3 to version 1" in back and "2 lines removed" in back


def test_nonsense_versions_fall_back_to_the_latest_change(world, as_role):
    piece = three_versions(world, as_role)
    response = as_role("viewer").get(url(piece, "/history?from=99&to=abc"))
    assert response.status_code == 200
    assert "From version 2 to version 3" in response.get_data(as_text=True)


def test_a_single_version_has_nothing_to_compare(world, as_role):
    piece = make_piece(world, body=V1)
    html = as_role("viewer").get(url(piece, "/history")).get_data(as_text=True)
    assert "Version 1" in html and "From version" not in html


def test_members_restore_an_older_version_as_a_new_one(world, as_role):
    piece = three_versions(world, as_role)
    client = as_role("member")
    html = client.get(url(piece, "/history")).get_data(as_text=True)
    assert f'action="{url(piece, "/history/1/restore")}"' in html
    response = client.post(url(piece, "/history/1/restore"))
    assert response.status_code == 303
    piece = fresh(piece)
    assert piece.version == 4 and piece.body == V1 and piece.title == "Ons standpunt"
    assert [v.action for v in versions(piece)][-1] == "reverted"
    # Nothing disappeared: version 3 is still there to go back to.
    assert versions(piece)[2].data["body"] == V3
    assert client.post(url(piece, "/history/4/restore")).status_code == 303  # already current: nothing new
    assert "Nothing to restore: this is what the text looks like now." in client.get(url(piece, "/history")).get_data(
        as_text=True
    )
    assert fresh(piece).version == 4


def test_a_restore_leaves_the_archive_state_alone(world, as_role):
    piece = make_piece(world, body=V1)
    client = as_role("member")
    client.post(url(piece), data={"body": V2, "version": "1"})
    client.post(url(piece, "/archive"))
    client.post(url(piece, "/history/1/restore"))
    piece = fresh(piece)
    assert piece.status == "archived" and piece.body == V1


def test_line_diff_folds_long_unchanged_stretches():
    before = "\n".join(f"Regel {n}." for n in range(1, 21))
    after = before.replace("Regel 10.", "Regel tien.")
    diff = line_diff(before, after)
    ops = [line.op for line in diff.lines]
    assert ops.count("skipped") == 2
    assert ops.count("removed") == 1 and ops.count("added") == 1
    assert (diff.added, diff.removed) == (1, 1)
    removed = next(line for line in diff.lines if line.op == "removed")
    assert (True, "10") in removed.parts


def test_line_diff_of_identical_texts_is_unchanged():
    assert not line_diff("a\nb\n", "a\nb\n").changed
    assert line_diff(None, "nieuw").added == 1
