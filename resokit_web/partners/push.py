"""The partner list's rows, pushed inside the stream (see live/push.py).

An unfiltered list takes a changed row from the stream when the partner stays in its
relation group; when it moved to another group or left the list, the row asks for itself
as before (the answer moves it and updates the group counts). A filtered list, and the
partner's own page, always ask.
"""

from __future__ import annotations

from flask import g
from jinja2_fragments.flask import render_block

from ..access import scoped_get
from ..live.bus import Event
from ..live.presence import editing_names_for
from ..live.push import RowPusher, no_token
from .models import Partner
from .service import ROW_LOAD, Filters, matches


class PartnerRows(RowPusher):
    """``row-partner-<id>``: the row as the unfiltered list shows it in its group ("" when
    it left the list; the page then asks, to update the counts)."""

    object_type = "partner"

    def render(self, event: Event, exclude_user: int | None) -> list[tuple[str, str]]:
        found = self.object_id(event)
        if found is None:
            return []
        filters = Filters()
        partner = scoped_get(Partner, found, options=ROW_LOAD)
        if partner is None or not matches(partner, filters):
            return [(f"row-partner-{found}", "")]
        row = render_block(
            "partners/partner.html",
            "row",
            partner=partner,
            filters=filters,
            group=partner.relation,
            editing=editing_names_for(g.org.id, "partner", exclude_user=exclude_user),
            csrf_token=no_token,
        )
        return [(f"row-partner-{found}", row)]
