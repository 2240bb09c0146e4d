"""Moderating residents' proposals: the queue, likely duplicates, and the three decisions.

A decision is claimed first, with ``UPDATE … WHERE decision IS NULL``: of two moderators
deciding at once exactly one claims it; the other's transaction changes nothing and is
told who decided. The claim is the transaction's first write, so on SQLite the second
writer waits for the first to commit instead of working on a stale snapshot.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from ..buurtkaart.models import ADDRESS_MAX, DESCRIPTION_MAX, Treasure
from ..core.cache import BoundedCache
from ..core.nav import TodoItem
from ..extensions import db, utcnow
from ..live import versioning
from ..live.bus import Event
from ..live.events import publish_after_commit
from ..live.revisions import revision_of
from ..live.versioning import SaveResult
from ..orgs.models import Organisation
from ..public.models import ResidentSubmission

RECENT_LIMIT = 10
CANDIDATE_LIMIT = 8


class AlreadyDecided(Exception):
    """Another moderator decided this proposal first."""

    def __init__(self, submission: ResidentSubmission):
        super().__init__(submission.id)
        self.submission = submission


class DescriptionTooLong(Exception):
    """Merging would make the existing treasure's description longer than allowed."""


@dataclass
class Candidate:
    treasure_id: int
    name: str
    distance_m: float | None
    similarity: float
    likely: bool


@dataclass
class Proposal:
    treasure: Treasure
    submission: ResidentSubmission
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.treasure.id

    @property
    def waiting(self) -> bool:
        return self.submission.decision is None and self.treasure.status == "proposed"

    @property
    def likely(self) -> list[Candidate]:
        return [c for c in self.candidates if c.likely]


def _waiting(org_id: int) -> sa.Select:
    return (
        sa.select(Treasure, ResidentSubmission)
        .join(ResidentSubmission, ResidentSubmission.treasure_id == Treasure.id)
        .where(
            Treasure.organisation_id == org_id,
            Treasure.source == "resident",
            Treasure.status == "proposed",
            ResidentSubmission.decision.is_(None),
        )
    )


def waiting_count(org: Organisation) -> int:
    """For the navigation badge (on every page): one small count, kept while the
    organisation's revision stays the same (a proposal and each decision raise it)."""
    key = (org.id, revision_of(org.id))
    counts = current_app.extensions.setdefault("resokit_waiting_counts", BoundedCache(256))
    found = counts.get(key)
    if found is None:
        found = db.session.scalar(sa.select(sa.func.count()).select_from(_waiting(org.id).subquery())) or 0
        counts.put(key, found)
    return found


def waiting_figure(org: Organisation) -> str:
    """The residents' map card on the Citizen page."""
    count = waiting_count(org)
    if not count:
        return _("No residents' places waiting")
    return ngettext("%(num)d place waiting for a decision", "%(num)d places waiting for a decision", count)


def waiting_todo(org: Organisation) -> TodoItem | None:
    """The overview's to-do: residents' places that wait for the team's decision."""
    count = waiting_count(org)
    if not count:
        return None
    first = db.session.execute(
        _waiting(org.id).with_only_columns(Treasure.id, Treasure.name).order_by(ResidentSubmission.created_at).limit(3)
    ).all()
    return TodoItem(
        text=ngettext(
            "%(num)d place from residents waiting for moderation",
            "%(num)d places from residents waiting for moderation",
            count,
        ),
        url=url_for("moderation.show_queue"),
        count=count,
        examples=[(name, url_for("moderation.show_proposal", proposal_id=tid)) for tid, name in first],
    )


def waiting_proposals(org_id: int) -> list[Proposal]:
    rows = db.session.execute(_waiting(org_id).order_by(ResidentSubmission.created_at, Treasure.id)).all()
    proposals = [Proposal(t, s) for t, s in rows]
    add_candidates(org_id, proposals)
    return proposals


def recent_decisions(org_id: int, limit: int = RECENT_LIMIT) -> list[Proposal]:
    rows = db.session.execute(
        sa.select(Treasure, ResidentSubmission)
        .join(ResidentSubmission, ResidentSubmission.treasure_id == Treasure.id)
        .where(ResidentSubmission.organisation_id == org_id, ResidentSubmission.decision.is_not(None))
        .options(sa.orm.joinedload(ResidentSubmission.decided_by), sa.orm.joinedload(ResidentSubmission.merged_into))
        .order_by(ResidentSubmission.decided_at.desc(), ResidentSubmission.id.desc())
        .limit(limit)
    ).all()
    return [Proposal(t, s) for t, s in rows]


def proposal_for(treasure: Treasure) -> Proposal:
    submission = db.session.scalar(sa.select(ResidentSubmission).where(ResidentSubmission.treasure_id == treasure.id))
    return Proposal(treasure, submission)


# ---- Likely duplicates --------------------------------------------------------------

_NON_WORD = re.compile(r"[\W_]+")


def normalise_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", plain.casefold()).strip()


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    r = 6_371_000.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def bigrams(name: str) -> frozenset[str]:
    padded = f" {name} "
    return frozenset(padded[i : i + 2] for i in range(len(padded) - 1))


def score(
    matcher: SequenceMatcher,
    name: str,
    grams: frozenset[str],
    lat: float | None,
    lon: float | None,
    other_name: str,
    other_grams: frozenset[str],
    other_lat: float | None,
    other_lon: float | None,
) -> Candidate | None:
    """How alike two places look: by name and by distance. None when not alike at all.

    Names are compared by shared letter pairs first (cheap), and only names that share
    enough get the exact similarity; ``matcher`` holds the proposal's name as its second
    sequence, which SequenceMatcher indexes once.
    """
    similarity = 0.0
    shared = len(grams & other_grams)
    if grams and other_grams and 2 * shared / (len(grams) + len(other_grams)) >= 0.35:
        matcher.set_seq1(other_name)
        similarity = matcher.ratio()
    if name and other_name and (name in other_name or other_name in name):
        similarity = max(similarity, 0.8)
    dist = None
    if None not in (lat, lon, other_lat, other_lon):
        dist = distance_m(lat, lon, other_lat, other_lon)
    near = dist is not None and dist <= 300
    if similarity < 0.5 and not near:
        return None
    likely = (
        similarity >= 0.75
        or (dist is not None and dist <= 60 and similarity >= 0.4)
        or (dist is not None and dist <= 15)
    )
    return Candidate(0, "", dist, similarity, likely)


_OTHERS_CACHE_ORGS = 32
_FOUND_CACHE_SIZE = 1024
_caches_lock = threading.Lock()


def _caches() -> tuple[BoundedCache, BoundedCache]:
    """This application's caches (one per app, so that tests with fresh databases never
    see each other's): prepared treasures per organisation, candidates per proposal."""
    caches = current_app.extensions.get("resokit_duplicate_caches")
    if caches is None:
        with _caches_lock:
            caches = current_app.extensions.setdefault(
                "resokit_duplicate_caches", (BoundedCache(_OTHERS_CACHE_ORGS), BoundedCache(_FOUND_CACHE_SIZE))
            )
    return caches


def _others(org_id: int) -> tuple[int, list]:
    """The accepted treasures prepared for comparison (normalised name, letter pairs,
    point), kept per process while the organisation's treasures stay the same.

    Preparing 5,000 names took ~100 ms a request; whether they changed is the
    organisation's revision (one primary-key read), which every committed change raises.
    """
    stamp = revision_of(org_id)
    cache = _caches()[0]
    cached = cache.get(org_id)
    if cached is not None and cached[0] == stamp:
        return cached
    rows = db.session.execute(
        sa.select(Treasure.id, Treasure.name, Treasure.lat, Treasure.lon).where(
            Treasure.organisation_id == org_id, Treasure.status == "accepted"
        )
    ).all()
    others = [(r.id, r.name, n, bigrams(n), r.lat, r.lon) for r in rows for n in (normalise_name(r.name),)]
    entry = (stamp, others)
    cache.put(org_id, entry)
    return entry


def add_candidates(org_id: int, proposals: list[Proposal]) -> None:
    """Fill each proposal's likely duplicates among the accepted treasures (one query
    while nothing changed; a proposal's result is kept until its treasure or the
    organisation's treasures change)."""
    if not proposals:
        return
    stamp, others = _others(org_id)
    cache = _caches()[1]
    for proposal in proposals:
        t = proposal.treasure
        key = (org_id, stamp, t.id, t.version)
        found = cache.get(key)
        if found is None:
            found = _find_candidates(t, others)
            cache.put(key, found)
        proposal.candidates = [Candidate(c.treasure_id, c.name, c.distance_m, c.similarity, c.likely) for c in found]


def _find_candidates(t: Treasure, others: list) -> list[Candidate]:
    name = normalise_name(t.name)
    grams = bigrams(name)
    matcher = SequenceMatcher(None, "", name, autojunk=False)
    found = []
    for other_id, other_name, other_norm, other_grams, lat, lon in others:
        if other_id == t.id:
            continue
        c = score(matcher, name, grams, t.lat, t.lon, other_norm, other_grams, lat, lon)
        if c is not None:
            c.treasure_id, c.name = other_id, other_name
            found.append(c)
    nearness = lambda c: 0.0 if c.distance_m is None else max(0.0, 1 - c.distance_m / 300)  # noqa: E731
    found.sort(key=lambda c: (c.likely, c.similarity + nearness(c)), reverse=True)
    return found[:CANDIDATE_LIMIT]


# ---- Decisions ----------------------------------------------------------------------


def _claim(submission: ResidentSubmission, decision: str, user_id: int, **values) -> None:
    won = db.session.execute(
        sa.update(ResidentSubmission)
        .where(ResidentSubmission.id == submission.id, ResidentSubmission.decision.is_(None))
        .values(decision=decision, decided_by_id=user_id, decided_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not won:
        db.session.rollback()
        db.session.refresh(submission)
        raise AlreadyDecided(submission)


def _announce(proposal: Proposal, decision: str) -> None:
    publish_after_commit(
        Event(org_id=proposal.treasure.organisation_id, type="proposal", id=proposal.id, extra={"action": decision})
    )


def accept(proposal: Proposal, changes: dict | None, base_version: int, *, user_id: int) -> SaveResult:
    """Make the proposal a normal treasure on the map (after the moderator's edits, if any).

    It stays off the public page when the resident did not agree to show it.
    Callers commit, or roll back on a conflict.
    """
    if proposal.treasure.status != "proposed":
        raise AlreadyDecided(proposal.submission)
    _claim(proposal.submission, "accepted", user_id)
    values = dict(changes or {})
    values["status"] = "accepted"
    if not proposal.submission.consent:
        values["public"] = False
    result = versioning.save(
        proposal.treasure,
        values,
        base_version,
        user_id=user_id,
        action="accepted",
        extra_values={"updated_by_id": user_id},
    )
    if result.applied:
        _announce(proposal, "accepted")
        # Lists of the team's map add it like any new treasure.
        t = proposal.treasure
        publish_after_commit(
            Event(
                org_id=t.organisation_id,
                type="treasure",
                id=t.id,
                version=t.version,
                by=user_id,
                extra={"action": "created"},
            )
        )
    return result


def resident_addition(proposal: Proposal, into: Treasure) -> str:
    """The resident's words as a paragraph for the existing treasure's description."""
    t = proposal.treasure
    text = " ".join(t.description.split()) if "\n" not in t.description else t.description.strip()
    if normalise_name(t.name) != normalise_name(into.name):
        text = f"{t.name}: {text}" if text else t.name
    if not text:
        return ""
    return f"{_('From a resident')}: {text}"


def merge(proposal: Proposal, into: Treasure, *, user_id: int) -> None:
    """Keep the existing treasure, add the resident's text to it (a new version), and
    archive the proposal with a link to it."""
    if proposal.treasure.status != "proposed":
        raise AlreadyDecided(proposal.submission)
    addition = resident_addition(proposal, into)
    changes: dict = {}
    if addition:
        description = f"{into.description.rstrip()}\n\n{addition}" if into.description.strip() else addition
        if len(description) > DESCRIPTION_MAX:
            raise DescriptionTooLong()
        changes["description"] = description
    t = proposal.treasure
    if not into.has_point and t.has_point:
        changes.update(lat=t.lat, lon=t.lon)
    if not into.address and proposal.submission.location_text:
        changes["address"] = proposal.submission.location_text[:ADDRESS_MAX]
    _claim(proposal.submission, "merged", user_id, merged_into_id=into.id)
    if changes:
        versioning.save(
            into,
            changes,
            into.version,
            user_id=user_id,
            action="resident_added",
            extra_values={"updated_by_id": user_id},
        )
    versioning.save(
        t,
        {"status": "archived"},
        t.version,
        user_id=user_id,
        action="duplicate",
        extra_values={"updated_by_id": user_id},
    )
    _announce(proposal, "merged")


def reject(proposal: Proposal, reason: str, note: str, *, user_id: int) -> None:
    """Turn the proposal down with an internal reason; it is archived, never shown."""
    if proposal.treasure.status != "proposed":
        raise AlreadyDecided(proposal.submission)
    _claim(proposal.submission, "rejected", user_id, reject_reason=reason, reject_note=note)
    t = proposal.treasure
    versioning.save(
        t,
        {"status": "archived"},
        t.version,
        user_id=user_id,
        action="rejected",
        extra_values={"updated_by_id": user_id},
    )
    _announce(proposal, "rejected")
