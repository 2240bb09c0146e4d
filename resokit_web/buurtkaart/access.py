from __future__ import annotations

import sqlalchemy as sa

from ..access import scoped_get_or_404
from .models import Treasure, TreasureImport


def get_treasure_or_404(treasure_id: int, *, with_author: bool = False) -> Treasure:
    """A treasure of the current organisation (any status), or 404; ``with_author`` loads
    who last changed it in the same query (the row shows the name)."""
    options = (sa.orm.joinedload(Treasure.updated_by),) if with_author else ()
    return scoped_get_or_404(Treasure, treasure_id, options=options)


def get_import_or_404(import_id: int) -> TreasureImport:
    """An import of the current organisation, or 404."""
    return scoped_get_or_404(TreasureImport, import_id)
