"""Demo data: ``flask --app resokit_web demo [--size small|large]``. Idempotent.

Each area adds its part by registering a seeder; seeders run in registration order,
receive the two demo organisations and the size, and must leave existing data alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from .accounts.models import User
from .accounts.service import create_user, normalise_email
from .extensions import db, utcnow
from .orgs.models import Membership, Organisation, Role

DEMO_PASSWORD = "resokit-demo"


@dataclass
class DemoContext:
    demo: Organisation
    demo2: Organisation
    coordinator: User
    member: User
    coordinator2: User
    size: str  # "small" or "large"


SEEDERS: list[Callable[[DemoContext], None]] = []


def seeder(func: Callable[[DemoContext], None]) -> Callable[[DemoContext], None]:
    SEEDERS.append(func)
    return func


def _user(email: str, name: str, locale: str) -> User:
    user = db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))
    if user is None:
        user = create_user(email, DEMO_PASSWORD, name, locale=locale)
        user.email_verified_at = utcnow()  # the demo's addresses receive no mail
        db.session.flush()
    return user


def _org(slug: str, **fields) -> Organisation:
    org = db.session.scalar(sa.select(Organisation).where(Organisation.slug == slug))
    if org is None:
        org = Organisation(slug=slug, **fields)
        db.session.add(org)
        db.session.flush()
    return org


def _member(org: Organisation, user: User, role: Role) -> None:
    exists = db.session.scalar(
        sa.select(Membership).where(Membership.organisation_id == org.id, Membership.user_id == user.id)
    )
    if exists is None:
        db.session.add(Membership(organisation_id=org.id, user_id=user.id, role=role))


def seed_demo(size: str = "small") -> DemoContext:
    demo = _org(
        "demo",
        name="Buurthuis De Kolenkit",
        neighbourhood="Kuregem, Anderlecht",
        neighbourhood_fr="Cureghem, Anderlecht",
        map_lat=50.8366,
        map_lon=4.3185,
        map_zoom=16,
    )
    demo2 = _org(
        "demo2",
        name="Wijkpunt Clemenceau",
        neighbourhood="Kuregem, Anderlecht",
        neighbourhood_fr="Cureghem, Anderlecht",
        map_lat=50.8390,
        map_lon=4.3220,
        map_zoom=16,
    )
    ctx = DemoContext(
        demo=demo,
        demo2=demo2,
        coordinator=_user("coordinator@demo.resokit.test", "Noor", "nl"),
        member=_user("member@demo.resokit.test", "Samir", "nl"),
        coordinator2=_user("coordinator@demo2.resokit.test", "Claire", "fr"),
        size=size,
    )
    _member(demo, ctx.coordinator, Role.coordinator)
    _member(demo, ctx.member, Role.member)
    _member(demo2, ctx.coordinator2, Role.coordinator)
    db.session.flush()
    for seed in SEEDERS:
        seed(ctx)
    db.session.commit()
    return ctx
