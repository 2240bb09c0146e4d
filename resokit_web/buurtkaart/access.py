from __future__ import annotations

from ..access import scoped_get_or_404
from .models import Treasure, TreasureImport


def get_treasure_or_404(treasure_id: int) -> Treasure:
    """A treasure of the current organisation (any status), or 404."""
    return scoped_get_or_404(Treasure, treasure_id)


def get_import_or_404(import_id: int) -> TreasureImport:
    """An import of the current organisation, or 404."""
    return scoped_get_or_404(TreasureImport, import_id)
