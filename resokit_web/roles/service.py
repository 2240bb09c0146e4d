"""Roles and matches: listing, creating, saving, moving a match through its stages."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import ngettext

from ..core.nav import TodoItem
from ..extensions import db, utcnow
from ..live import versioning
from ..live.bus import Event
from ..live.events import publish_after_commit
from ..people.models import Person
from ..people.service import touch
from .models import STAGES, Match, MatchStep, SocialRole


def roles_of(org_id: int, *, show: str = "") -> list[SocialRole]:
    """The organisation's roles: open and filled by default, ``archived`` or ``all``."""
    query = (
        sa.select(SocialRole)
        .where(SocialRole.organisation_id == org_id)
        .options(
            sa.orm.joinedload(SocialRole.treasure),
            sa.orm.joinedload(SocialRole.partner),
            sa.orm.joinedload(SocialRole.updated_by),
        )
    )
    if show == "archived":
        query = query.where(SocialRole.status == "archived")
    elif show != "all":
        query = query.where(SocialRole.status != "archived")
    return list(db.session.scalars(query.order_by(sa.func.lower(SocialRole.title), SocialRole.id)).unique())


def open_roles(org_id: int) -> list[SocialRole]:
    return list(
        db.session.scalars(
            sa.select(SocialRole)
            .where(SocialRole.organisation_id == org_id, SocialRole.status == "open")
            .options(sa.orm.joinedload(SocialRole.treasure), sa.orm.joinedload(SocialRole.partner))
            .order_by(sa.func.lower(SocialRole.title))
        ).unique()
    )


def create_role(org_id: int, values: dict, *, user_id: int | None) -> SocialRole:
    now = utcnow()
    role = SocialRole(
        organisation_id=org_id,
        created_at=now,
        created_by_id=user_id,
        updated_at=now,
        updated_by_id=user_id,
        **{"status": "open", **values},
    )
    return versioning.create(role, user_id=user_id)


def save_role(
    role: SocialRole, values: dict, base_version: int | None, *, user_id: int | None, action: str = "updated"
) -> versioning.SaveResult:
    return versioning.save(
        role, values, base_version, user_id=user_id, action=action, extra_values={"updated_by_id": user_id}
    )


def visible_matches(org_id: int, *, person_id: int | None = None, role_id: int | None = None) -> list[Match]:
    """Matches whose person is in view (consent in force), with person and role loaded."""
    query = (
        sa.select(Match)
        .join(Person, Person.id == Match.person_id)
        .where(Match.organisation_id == org_id, Person.status == "active")
        .options(sa.orm.contains_eager(Match.person), sa.orm.joinedload(Match.role))
        .order_by(Match.updated_at.desc(), Match.id.desc())
    )
    if person_id is not None:
        query = query.where(Match.person_id == person_id)
    if role_id is not None:
        query = query.where(Match.role_id == role_id)
    return list(db.session.scalars(query).unique())


def board(org_id: int) -> dict[str, list[Match]]:
    columns: dict[str, list[Match]] = {stage: [] for stage in STAGES}
    for match in visible_matches(org_id):
        columns[match.stage].append(match)
    return columns


def create_match(org_id: int, person_id: int, role_id: int, *, user_id: int | None) -> Match:
    now = utcnow()
    match = Match(
        organisation_id=org_id,
        person_id=person_id,
        role_id=role_id,
        stage="idea",
        notes="",
        created_at=now,
        created_by_id=user_id,
        updated_at=now,
        updated_by_id=user_id,
    )
    versioning.create(match, user_id=user_id)
    match.steps.append(
        MatchStep(
            organisation_id=org_id,
            happened_on=date.today(),
            stage="idea",
            text="",
            created_by_id=user_id,
            created_at=now,
        )
    )
    touch(person_id)
    return match


def move_match(
    match: Match, values: dict, base_version: int | None, *, note: str = "", user_id: int | None
) -> versioning.SaveResult:
    """Save a stage move (and notes) made from ``base_version``; a step records it with the note."""
    before = match.stage
    action = "moved" if values.get("stage") not in (None, before) else "updated"
    result = versioning.save(
        match, values, base_version, user_id=user_id, action=action, extra_values={"updated_by_id": user_id}
    )
    if result.status == "conflict":
        return result
    moved = match.stage != before and result.applied
    if moved or note:
        add_step(match, text=note, stage=match.stage if moved else None, happened_on=date.today(), user_id=user_id)
    elif result.applied:
        touch(match.person_id)
    return result


def add_step(match: Match, *, text: str, happened_on: date, user_id: int | None, stage: str | None = None) -> MatchStep:
    step = MatchStep(
        organisation_id=match.organisation_id,
        match_id=match.id,
        happened_on=happened_on,
        stage=stage,
        text=text,
        created_by_id=user_id,
        created_at=utcnow(),
    )
    db.session.add(step)
    touch(match.person_id)
    # The match page's steps refresh live (no new version: steps are a log, not a field).
    publish_after_commit(
        Event(
            org_id=match.organisation_id,
            type="match",
            id=match.id,
            version=match.version,
            by=user_id,
            extra={"action": "step"},
        )
    )
    return step


# A match counts as stalled when its last step is older than this.
STALLED_AFTER = timedelta(days=30)


def role_figures(org) -> list[str]:
    """The roles' card on the Citizen page: open roles, and matches under way."""
    open_count = db.session.scalar(
        sa.select(sa.func.count()).where(SocialRole.organisation_id == org.id, SocialRole.status == "open")
    )
    under_way = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Match)
        .join(Person, Person.id == Match.person_id)
        .where(Match.organisation_id == org.id, Match.stage != "ended", Person.status == "active")
    )
    return [
        ngettext("%(num)d open role", "%(num)d open roles", open_count or 0),
        ngettext("%(num)d match under way", "%(num)d matches under way", under_way or 0),
    ]


def stalled_matches(org_id: int, *, today: date | None = None) -> sa.Select:
    """Matches under way whose last step is more than :data:`STALLED_AFTER` ago, oldest first."""
    cutoff = (today or date.today()) - STALLED_AFTER
    last = (
        sa.select(MatchStep.match_id, sa.func.max(MatchStep.happened_on).label("last"))
        .where(MatchStep.organisation_id == org_id)
        .group_by(MatchStep.match_id)
        .subquery()
    )
    return (
        sa.select(Match.id, Person.pseudonym, SocialRole.title)
        .join(Person, Person.id == Match.person_id)
        .join(SocialRole, SocialRole.id == Match.role_id)
        .join(last, last.c.match_id == Match.id)
        .where(
            Match.organisation_id == org_id,
            Match.stage != "ended",
            Person.status == "active",
            last.c.last < cutoff,
        )
        .order_by(last.c.last, Match.id)
    )


def stalled_todo(org) -> TodoItem | None:
    """The overview's to-do: matches without a new step for 30 days."""
    query = stalled_matches(org.id)
    count = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    if not count:
        return None
    first = db.session.execute(query.limit(3)).all()
    return TodoItem(
        text=ngettext(
            "%(num)d match without a new step for 30 days",
            "%(num)d matches without a new step for 30 days",
            count,
        ),
        url=url_for("roles.show_board"),
        count=count,
        examples=[(f"{r.pseudonym} × {r.title}", url_for("roles.show_match", match_id=r.id)) for r in first],
    )
