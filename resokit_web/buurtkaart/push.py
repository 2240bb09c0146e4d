"""The buurtkaart's rows and markers, pushed inside the stream (see live/push.py).

An unfiltered list (what nearly every colleague has open) takes a changed row from the
stream instead of asking for it; a filtered list still asks, with its own filters, since
only it knows whether the row still belongs in it. The map takes the changed marker the
same way when it shows every treasure.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import g
from jinja2_fragments.flask import render_block

from ..access import scoped_get
from ..live.bus import Event
from ..live.presence import editing_names_for
from ..live.push import RowPusher, no_token
from . import export
from .models import Treasure
from .service import Filters, matches


class TreasureRows(RowPusher):
    """``row-treasure-<id>``: the row as an unfiltered list shows it ("" when it left the
    list); ``treasure-feature``: its GeoJSON for a map showing every treasure."""

    object_type = "treasure"

    def render(self, event: Event, exclude_user: int | None) -> list[tuple[str, str]]:
        found = self.object_id(event)
        if found is None:
            return []
        filters = Filters()
        treasure = scoped_get(Treasure, found, options=(sa.orm.joinedload(Treasure.updated_by),))
        if treasure is None or not matches(treasure, filters):
            row = ""
        else:
            row = render_block(
                "buurtkaart/treasure.html",
                "row",
                treasure=treasure,
                filters=filters,
                editing=editing_names_for(g.org.id, "treasure", exclude_user=exclude_user),
                csrf_token=no_token,
            )
        out = [(f"row-treasure-{found}", row)]
        if event.type == "treasure":
            features = export.geojson(export.rows(g.org.id, filters, only_id=found))
            out.append(("treasure-feature", f'{{"id":{found},"collection":{features}}}'))
        return out
