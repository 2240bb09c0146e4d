"""The overview: what needs doing (each a link), a small map, and the activity grouped."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import g
from flask_babel import lazy_gettext as _l

from resokit_web.activity.models import Activity
from resokit_web.activity.service import record
from resokit_web.core.nav import Todo, TodoItem, register_todo
from resokit_web.extensions import db
from resokit_web.orgs.models import Membership
from resokit_web.roles.models import MatchStep

from ..conftest import HX, speaking
from ..factories.partners import PartnerFactory
from ..factories.people import MatchFactory
from ..factories.public import make_proposal

OVERVIEW = "/o/org-a/"


def todo_list(client) -> str:
    html = speaking(client).get(OVERVIEW).get_data(as_text=True)
    start = html.index('id="todo-list"')
    return html[start : html.index("</section>", start)]


def feed(client) -> str:
    html = speaking(client).get(OVERVIEW).get_data(as_text=True)
    start = html.index('id="activity-feed"')
    return html[start : html.index("</section>", start)]


def quiet_for(match, days: int) -> None:
    db.session.execute(
        sa.update(MatchStep)
        .where(MatchStep.match_id == match.id)
        .values(happened_on=date.today() - timedelta(days=days))
    )


def test_nothing_to_do_says_so(as_role):
    assert "Nothing is waiting for the team right now." in todo_list(as_role("member"))


def test_places_waiting_for_moderation_are_a_to_do_with_links(as_role, world):
    first = make_proposal(world.org_a, name="Wasserette")
    make_proposal(world.org_a, name="Bakkerij Ali")
    db.session.commit()
    todos = todo_list(as_role("viewer"))
    assert '<a class="todo-link" href="/o/org-a/moderation">2 places from residents waiting for moderation</a>' in todos
    assert f'href="/o/org-a/moderation/{first.id}">Wasserette</a>' in todos


def test_matches_without_a_new_step_for_30_days_are_a_to_do_for_the_team(as_role, world):
    stalled = MatchFactory(organisation_id=world.org_a.id)
    recent = MatchFactory(organisation_id=world.org_a.id)
    ended = MatchFactory(organisation_id=world.org_a.id, stage="ended")
    quiet_for(stalled, 31)
    quiet_for(recent, 29)
    quiet_for(ended, 90)
    db.session.commit()
    todos = todo_list(as_role("member"))
    assert "1 match without a new step for 30 days" in todos
    assert f'href="/o/org-a/matches/{stalled.id}"' in todos
    assert f"/matches/{recent.id}" not in todos and f"/matches/{ended.id}" not in todos
    # Viewers never see people, so not this one either.
    assert "without a new step" not in todo_list(as_role("viewer"))


def test_wanted_partners_not_contacted_yet_are_a_to_do(as_role, world):
    PartnerFactory(organisation_id=world.org_a.id, name="Boksclub", relation="wanted")
    PartnerFactory(organisation_id=world.org_a.id, name="OCMW", relation="active")
    PartnerFactory(organisation_id=world.org_b.id, name="Elders", relation="wanted")
    db.session.commit()
    todos = todo_list(as_role("viewer"))
    assert 'href="/o/org-a/partners?relation=wanted">1 wanted partner not contacted yet</a>' in todos
    assert "Boksclub" in todos and "OCMW" not in todos and "Elders" not in todos


def test_a_tool_adds_its_own_to_do_through_the_registry(app, as_role):
    register_todo(
        app,
        Todo("tracker.round", lambda org: TodoItem(str(_l("Audit log")), "/o/org-a/audit", count=2), order=1),
    )
    todos = todo_list(as_role("member"))
    assert 'href="/o/org-a/audit">Audit log</a>' in todos and "Nothing is waiting" not in todos


def test_the_to_do_list_refreshes_itself_as_a_fragment(as_role, world):
    make_proposal(world.org_a)
    db.session.commit()
    response = speaking(as_role("member")).get(OVERVIEW, headers=HX("todo-list")())
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="todo-list"') and "<html" not in html
    assert 'hx-trigger="sse:change delay:300ms, live:resync from:body"' in html


def test_the_overview_has_a_small_map_and_a_way_without_javascript(as_role):
    html = speaking(as_role("viewer")).get(OVERVIEW).get_data(as_text=True)
    assert 'id="overview-map"' in html and 'data-geojson-url="/o/org-a/buurtkaart.geojson"' in html
    assert 'data-zoom-in="Zoom in" data-zoom-out="Zoom out"' in html
    assert 'href="/o/org-a/buurtkaart">Open the neighbourhood map</a>' in html


# The activity feed, grouped -------------------------------------------------------------------


NINE = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def log(world, action, object_id, *, user=None, at=NINE):
    entry = record(
        action, org_id=world.org_a.id, user_id=(user or world.member).id, object_type="match", object_id=object_id
    )
    entry.created_at = at
    return entry


def test_one_person_moving_several_matches_within_an_hour_is_one_line(as_role, world):
    matches = [MatchFactory(organisation_id=world.org_a.id) for _ in range(4)]
    for n, m in enumerate(matches):
        log(world, "match.moved", m.id, at=NINE - timedelta(minutes=10 * n))
    db.session.commit()
    html = feed(as_role("member"))
    (line,) = [li for li in html.split("<li>") if "moved" in li]
    assert "Member A moved 4 matches to another stage" in line
    # Three of them named, then how many more.
    assert line.count('href="/o/org-a/matches/') == 3 and "and 1 more" in line


def test_the_same_match_moved_again_and_again_is_one_line_in_the_singular(as_role, world):
    match = MatchFactory(organisation_id=world.org_a.id)
    for _ in range(4):
        log(world, "match.moved", match.id)
    db.session.commit()
    html = feed(as_role("member"))
    assert html.count("Member A moved a match to another stage") == 1
    assert "4 matches" not in html


@pytest.mark.parametrize("apart", [timedelta(minutes=59), timedelta(minutes=61)])
def test_lines_more_than_an_hour_apart_stay_apart(as_role, world, apart):
    first, second = (MatchFactory(organisation_id=world.org_a.id) for _ in range(2))
    log(world, "match.moved", first.id, at=NINE - apart)
    log(world, "match.moved", second.id)
    db.session.commit()
    html = feed(as_role("member"))
    if apart < timedelta(hours=1):
        assert "moved 2 matches" in html
    else:
        assert html.count("Member A moved a match to another stage") == 2


def test_two_people_doing_the_same_stay_two_lines_and_known_authors_are_named(as_role, world):
    first, second = (MatchFactory(organisation_id=world.org_a.id) for _ in range(2))
    log(world, "match.moved", first.id, user=world.member)
    log(world, "match.moved", second.id, user=world.coordinator)
    db.session.commit()
    moves = [li for li in feed(as_role("member")).split("<li>") if "moved" in li]
    assert len(moves) == 2
    assert "Member A moved a match" in moves[0] + moves[1] and "Coordinator A moved a match" in moves[0] + moves[1]


def test_the_demo_names_every_author_without_a_role_suffix(app):
    from resokit_web.activity.labels import describe
    from resokit_web.demo import seed_demo

    ctx = seed_demo()
    entries = db.session.scalars(sa.select(Activity).where(Activity.organisation_id == ctx.demo.id)).all()
    with app.test_request_context():
        g.org = ctx.demo
        g.membership = db.session.scalar(sa.select(Membership).filter_by(user_id=ctx.coordinator.id))
        texts = [item["text"] for item in describe(entries)]
    assert texts and not [t for t in texts if "someone" in t or "iemand" in t]
    assert ctx.coordinator.display_name == "Noor" and "(" not in ctx.member.display_name
    assert ctx.demo.neighbourhood_in("fr") == "Cureghem, Anderlecht"
    assert ctx.demo.neighbourhood_in("nl") == ctx.demo.neighbourhood_in("en") == "Kuregem, Anderlecht"
