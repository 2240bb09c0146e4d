"""An opinion conflict chosen passage by passage, without JavaScript: the parts that merged
cleanly are in place, each clashing passage posts its own choice (mine, theirs, edited),
and what is saved is exactly what those choices compose."""

from __future__ import annotations

from html.parser import HTMLParser

from werkzeug.datastructures import MultiDict

from .helpers import draft_of, fresh, make_piece, url

BASE = "Inclusie is samen.\n\nWe bouwen bruggen.\n\nWe luisteren eerst.\n"
THEIRS = "Inclusie is samen, met de buurt.\n\nWe bouwen stevige bruggen.\n\nWe luisteren eerst.\n"
MINE = "Inclusie is samen.\n\nWe bouwen bruggen naar buren.\n\nWe luisteren eerst, dan doen we.\n"


class ConflictForm(HTMLParser):
    """What a browser would post from the conflict form, with some radios changed."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.radios: dict[str, list[tuple[str, bool]]] = {}
        self._textarea: list | None = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "conflict" in (a.get("class") or ""):
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and a.get("name"):
            if a.get("type") == "radio":
                self.radios.setdefault(a["name"], []).append((a["value"], "checked" in a))
            else:
                self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "form":
            self._in_form = False

    def post(self, **picks) -> MultiDict:
        out = list(self.fields)
        for name, options in self.radios.items():
            value = picks.get(name) or next((v for v, checked in options if checked), None)
            if value is not None:
                out.append((name, value))
        return MultiDict(out)

    def edits(self) -> list[str]:
        return [name for name, _ in self.fields if name.startswith("__pedit_")]


def conflict(world, as_role, piece):
    as_role("member").post(url(piece), data={"body": THEIRS, "version": "1"})
    client = as_role("coordinator")
    response = client.post(url(piece), data={"body": MINE, "version": "1"})
    assert response.status_code == 409
    form = ConflictForm()
    form.feed(response.get_data(as_text=True))
    return client, form, response.get_data(as_text=True)


def test_the_conflict_shows_one_choice_for_the_clashing_passage_and_the_merged_parts_in_place(world, as_role):
    piece = make_piece(world, body=BASE)
    _, form, html = conflict(world, as_role, piece)
    # One clashing passage (the bridges sentence), chosen on its own; passage by passage is the default.
    picks = [name for name in form.radios if name.startswith("__pick_body_")]
    assert len(picks) == 1
    assert [v for v, _ in form.radios[picks[0]]] == ["yours", "theirs", "edit"]
    assert dict(form.radios["__choice_body"])["passages"] is True
    assert "Passage 1 of 1" in html
    # The lines only one of us changed are merged already: my last line, their first.
    assert "Inclusie is samen, met de buurt." in html and "We luisteren eerst, dan doen we." in html
    assert len(form.edits()) == 1


def test_choosing_theirs_for_the_passage_saves_exactly_the_composition(world, as_role):
    piece = make_piece(world, body=BASE)
    client, form, _ = conflict(world, as_role, piece)
    pick = next(name for name in form.radios if name.startswith("__pick_body_"))
    response = client.post(url(piece), data=form.post(**{pick: "theirs"}))
    assert response.status_code == 303
    assert fresh(piece).body == (
        "Inclusie is samen, met de buurt.\n\nWe bouwen stevige bruggen.\n\nWe luisteren eerst, dan doen we.\n"
    )
    assert fresh(piece).version == 3
    assert draft_of(piece, world.coordinator) is None


def test_keeping_mine_and_writing_the_passage_myself_both_compose_with_the_merged_parts(world, as_role):
    piece = make_piece(world, body=BASE)
    client, form, _ = conflict(world, as_role, piece)
    data = form.post()  # mine is the default for each passage
    response = client.post(url(piece), data=data)
    assert response.status_code == 303
    assert fresh(piece).body == (
        "Inclusie is samen, met de buurt.\n\nWe bouwen bruggen naar buren.\n\nWe luisteren eerst, dan doen we.\n"
    )

    # A new clash on the same passage, written by hand this time (browsers post CRLF).
    piece = make_piece(world, body=BASE)
    client, form, _ = conflict(world, as_role, piece)
    pick = next(name for name in form.radios if name.startswith("__pick_body_"))
    edit = form.edits()[0]
    data = form.post(**{pick: "edit"})
    data[edit] = "We bouwen stevige bruggen\r\nnaar de buren."
    assert client.post(url(piece), data=data).status_code == 303
    assert fresh(piece).body == (
        "Inclusie is samen, met de buurt.\n\nWe bouwen stevige bruggen\nnaar de buren.\n\n"
        "We luisteren eerst, dan doen we.\n"
    )


def test_the_whole_text_choices_stay_and_a_damaged_passage_form_keeps_my_text(world, as_role):
    piece = make_piece(world, body=BASE)
    client, form, html = conflict(world, as_role, piece)
    assert 'id="body-mine-text"' in html and "We bouwen bruggen naar buren." in html  # my whole text, to copy
    data = form.post()
    for key in [k for k in data if k.startswith("__part_body_")]:
        data[key] = "not json"
    assert client.post(url(piece), data=data).status_code == 303
    assert fresh(piece).body == MINE  # unreadable passages: my own text stands, nothing typed is lost
