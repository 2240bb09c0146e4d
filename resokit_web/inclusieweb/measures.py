"""The web's measures, computed from its contacts (live ones or a moment's snapshot).

Pure functions over dicts with the contact's fields, so a moment and today's web are
measured the same way. Shares are fractions (0–1, two decimals), ``None`` when there is
nothing to divide by. Wishes are not part of the network: they are counted apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .labels import CIRCLES, DOMAINS, NETWORK_CIRCLES, PAID_DOMAINS


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 2) if whole else None


def measures(contacts: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    contacts = list(contacts)
    network = [c for c in contacts if c["circle"] in NETWORK_CIRCLES]
    close = [c for c in network if c["circle"] in ("1", "2")]
    per_circle = {code: sum(1 for c in contacts if c["circle"] == code) for code in CIRCLES}
    per_domain = {code: sum(1 for c in network if c["domain"] == code) for code in DOMAINS}
    return {
        "contacts": len(network),
        "per_circle": per_circle,
        "per_domain": per_domain,
        "light_share": _share(sum(1 for c in network if c["bond"] == "light"), len(network)),
        "strong_share": _share(sum(1 for c in network if c["bond"] == "strong"), len(network)),
        "reciprocal_share": _share(sum(1 for c in network if c["support"] == "both"), len(network)),
        "paid_close_share": _share(sum(1 for c in close if c["domain"] in PAID_DOMAINS), len(close)),
        "empty_domains": [code for code, n in per_domain.items() if n == 0],
        "wishes": per_circle["wish"],
    }


def percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)} %"
