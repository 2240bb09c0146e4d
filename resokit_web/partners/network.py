"""The combined network view: an organisation's own partners and every map shared with it.

Built only from :func:`sharing.shared_partner_rows` (also for the own map), so the view
can never show a note or a contact person, whoever looks at it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..orgs.models import Organisation
from .matching import name_key
from .models import Share
from .sharing import SharedPartner, incoming, shared_partner_rows
from .vocab import GAP_SECTORS, RELATIONS, SECTORS, TIES


@dataclass
class Member:
    """One organisation in the network and its map."""

    org: Organisation
    partners: list[SharedPartner]
    own: bool = False
    share: Share | None = None


@dataclass
class Holding:
    """One organisation's entry for a partner."""

    member: Member
    partner: SharedPartner


@dataclass
class NetworkPartner:
    """A partner as the whole network knows it (all spellings of one name together)."""

    key: str
    holdings: list[Holding] = field(default_factory=list)

    @property
    def name(self) -> str:
        own = [h.partner.name for h in self.holdings if h.member.own]
        return own[0] if own else self.holdings[0].partner.name

    @property
    def spellings(self) -> list[str]:
        seen: dict[str, None] = {}
        for h in self.holdings:
            seen.setdefault(h.partner.name, None)
        return list(seen)

    @property
    def organisations(self) -> list[Member]:
        seen: dict[int, Member] = {}
        for h in self.holdings:
            seen.setdefault(h.member.org.id, h.member)
        return list(seen.values())

    @property
    def sectors(self) -> list[str]:
        return sorted({h.partner.sector for h in self.holdings}, key=list(SECTORS).index)


@dataclass
class SectorCoverage:
    sector: str
    reached_by: list[Member]  # an active or occasional tie
    wanted_by: list[Member]  # wanted or to discover, no tie yet
    partners: list[NetworkPartner]

    @property
    def gap(self) -> bool:
        return not self.reached_by and self.sector in GAP_SECTORS


@dataclass
class Network:
    members: list[Member]
    partners: list[NetworkPartner]
    common: list[NetworkPartner]
    coverage: list[SectorCoverage]

    @property
    def gaps(self) -> list[SectorCoverage]:
        return [c for c in self.coverage if c.gap]

    @property
    def shared_members(self) -> list[Member]:
        return [m for m in self.members if not m.own]


def build(org: Organisation) -> Network:
    """The network of ``org``: itself plus the organisations that share their map with it
    and that it did not hide. One query per map."""
    members = [Member(org, shared_partner_rows(org.id), own=True)]
    for share in incoming(org.id, include_hidden=False):
        members.append(Member(share.source, shared_partner_rows(share.source_org_id), share=share))

    by_key: dict[str, NetworkPartner] = {}
    for member in members:
        for partner in member.partners:
            key = name_key(partner.name) or partner.name.casefold()
            by_key.setdefault(key, NetworkPartner(key)).holdings.append(Holding(member, partner))
    partners = sorted(by_key.values(), key=lambda p: (p.name.casefold(), p.key))
    common = [p for p in partners if len(p.organisations) > 1]

    reached, wanted, in_sector = defaultdict(dict), defaultdict(dict), defaultdict(dict)
    for p in partners:
        for h in p.holdings:
            target = reached if h.partner.relation in TIES else wanted
            target[h.partner.sector][h.member.org.id] = h.member
            in_sector[h.partner.sector][p.key] = p
    order = {m.org.id: i for i, m in enumerate(members)}  # the own organisation first
    coverage = []
    for sector in SECTORS:
        reach = sorted(reached[sector].values(), key=lambda m: order[m.org.id])
        want = sorted(
            (m for oid, m in wanted[sector].items() if oid not in reached[sector]), key=lambda m: order[m.org.id]
        )
        coverage.append(SectorCoverage(sector, reach, want, list(in_sector[sector].values())))
    return Network(members, partners, common, coverage)


def relation_order(code: str) -> int:
    return list(RELATIONS).index(code) if code in RELATIONS else len(RELATIONS)
