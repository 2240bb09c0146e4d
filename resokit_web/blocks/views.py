from __future__ import annotations

from flask import Blueprint

from ..access import org_view
from ..core.method import BLOCKS
from ..core.nav import block_cards, block_intro
from ..orgs.models import Role
from ..rendering import render

bp = Blueprint("blocks", __name__)


def _block_page(code: str):
    available, missing = block_cards(code)
    return render(
        "blocks/block.html",
        blocks=("tool_cards",),
        block=code,
        block_label=BLOCKS[code],
        intro=block_intro(code),
        cards=available,
        missing=missing,
    )


@bp.get("/o/<slug>/mindset")
@org_view(Role.viewer)
def mindset():
    return _block_page("mindset")


@bp.get("/o/<slug>/burger")
@org_view(Role.viewer)
def burger():
    return _block_page("burger")


@bp.get("/o/<slug>/buurt")
@org_view(Role.viewer)
def buurt():
    return _block_page("buurt")


@bp.get("/o/<slug>/organisatie")
@org_view(Role.viewer)
def organisatie():
    return _block_page("organisatie")
