"""The normaliser and the ranking: examples, and properties checked with Hypothesis."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from resokit_web.roles.normalise import fold, normalise, stem, stems
from resokit_web.roles.suggestions import rank, shared_tags


@pytest.mark.parametrize(
    "words",
    [
        ("koken", "kok", "kookt", "Koks", "kookster"),
        ("tuin", "tuintje", "tuinieren", "Tuinier", "tuiniers"),
        ("cuisine", "cuisiner", "Cuisinière", "cuisinier"),
        ("jardin", "jardinage", "jardinier", "JARDINIÈRE", "jardins"),
        ("fiets", "fietsen"),
        ("wandelen", "wandeling", "wandelt"),
        ("animation", "animer", "animatrice"),
    ],
)
def test_word_variants_share_a_stem(words):
    assert len({normalise(w) for w in words}) == 1, {w: normalise(w) for w in words}


@pytest.mark.parametrize(
    "a,b",
    [("koken", "tuin"), ("sport", "spreken"), ("fiets", "fietst herstellen"), ("jardin", "cuisine"), ("kunst", "kus")],
)
def test_different_words_stay_apart(a, b):
    assert not stems(a) & stems(b)


def test_filler_words_do_not_match():
    assert not stems("koken voor de buurt") & stems("de wandeling voor iedereen") - {"buurt"}
    assert stems("samen koken") == stems("koken")


words = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzéèêëàâçïîôöüûÉÀ -'")), max_size=25)


@settings(max_examples=300, deadline=None)
@given(words)
@example("aa-eÉt")  # "eet" stems to the filler word "et"
def test_normalising_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once
    assert all(stem(s) == s for s in stems(text))


@settings(max_examples=200, deadline=None)
@given(words)
def test_case_and_accents_do_not_count(text):
    assert normalise(text.upper()) == normalise(text)
    assert fold(text) == fold(fold(text))


@dataclass
class FakeRole:
    title: str
    tags: list[str]


tag = st.sampled_from(
    [
        "koken",
        "kok",
        "tuinieren",
        "tuin",
        "jardinage",
        "cuisine",
        "fietsen",
        "lezen",
        "muziek",
        "schaken",
        "koffie",
        "onthaal",
        "naaien",
        "couture",
        "wandelen",
        "sport",
    ]
)
roles = st.lists(st.builds(FakeRole, title=st.text(max_size=8), tags=st.lists(tag, max_size=4)), max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(tag, max_size=5), roles)
def test_a_shared_tag_always_beats_none(person_tags, all_roles):
    ranked = rank(person_tags, all_roles)
    scores = [s.score for s in ranked]
    assert len(ranked) == len(all_roles)
    first_zero = next((i for i, s in enumerate(scores) if s == 0), len(scores))
    assert all(s > 0 for s in scores[:first_zero]) and all(s == 0 for s in scores[first_zero:])
    assert scores == sorted(scores, reverse=True)


@settings(max_examples=200, deadline=None)
@given(st.lists(tag, max_size=5), roles)
def test_the_reason_names_exactly_what_is_shared(person_tags, all_roles):
    for s in rank(person_tags, all_roles):
        for shared in s.shared:
            assert shared.role_tag in s.role.tags
            assert all(stems(p) & stems(shared.role_tag) for p in shared.person_tags)
        unshared = [t for t in s.role.tags if t not in s.shared_tags]
        assert all(not (stems(t) & stems(p)) for t in unshared for p in person_tags)


def test_the_reason_reads_shares_koken():
    [shared] = shared_tags(["Koken", "muziek"], ["kok", "afwas"])
    assert shared.role_tag == "kok" and shared.person_tags == ["Koken"]


def test_the_suggestions_page_shows_ranking_and_reasons(as_role, world, person):
    from resokit_web.extensions import db

    from ..factories.people import RoleFactory

    RoleFactory(organisation_id=world.org_a.id, title="A rol zonder", tags=["schaken"])
    RoleFactory(organisation_id=world.org_a.id, title="Z keukenrol", tags=["kok", "afwas"])
    RoleFactory(organisation_id=world.org_a.id, title="Gevuld", tags=["koken"], status="filled")
    db.session.commit()
    html = as_role("member").get(f"/o/org-a/people/{person.id}/suggestions").get_data(as_text=True)
    assert html.index("Z keukenrol") < html.index("A rol zonder")
    assert "Gevuld" not in html
    assert "Shares:" in html and "kok (their word: koken)" in html and "1 shared tag" in html
