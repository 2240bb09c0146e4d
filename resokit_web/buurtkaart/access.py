from __future__ import annotations

from ..access import scoped_get_or_404
from .models import Treasure


def get_treasure_or_404(treasure_id: int) -> Treasure:
    """A treasure of the current organisation (any status), or 404."""
    return scoped_get_or_404(Treasure, treasure_id)
