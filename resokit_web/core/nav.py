"""The workspace navigation by the method's building blocks, and the two registries that
areas fill in their ``init_app``.

**Tools.** ``register_tool(app, key, *pages, figure=...)`` gives a tool of the method
(``core/method.py`` lists all 18, each with its home block) its pages and its live
figure. From then on the tool's card on its block page (``/o/<slug>/buurt``, ...) links
to its first page and shows the figure ("47 treasures on the map"), and its pages appear
in the block's navigation. Several areas may register pages for one tool (the public
page and moderation are both the residents' map); a tool nobody registered is named on
its block page as part of the method the workspace does not offer yet, never as a link::

    register_tool(
        app,
        "treasures",
        Page("buurtkaart.show_map", _l("Neighbourhood map"), also_for=("buurtkaart.show_treasure",)),
        figure=treasure_figure,  # figure(org) -> str | None, already translated
    )

**To-dos.** ``register_todo(app, Todo(key, collect, need=Role.member))`` adds a line to
what the overview says needs doing: ``collect(org)`` returns a :class:`TodoItem` (the
sentence with its count, a link, a few examples) or ``None`` when there is nothing to do.

Figures and to-dos run on the pages that show them, for the viewer's organisation and
only when the viewer's role may open the page they lead to: a query or two each.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from flask import Flask, current_app, g, request, url_for

from ..orgs.models import Organisation, Role
from .method import BLOCK_INTROS, BLOCKS, TOOLS, TOOLS_BY_KEY, MethodTool

# figure(org): a sentence or a few ("47 treasures on the map"), already translated.
Figure = Callable[[Organisation], "str | list[str] | None"]


@dataclass(frozen=True)
class Page:
    """A page in a block's navigation."""

    endpoint: str
    label: object  # a lazy string
    need: Role = Role.viewer
    # Endpoints (besides ``endpoint``) under which this page shows as the current one.
    also_for: tuple[str, ...] = ()
    # For what the endpoint alone cannot tell: ``claims()`` -> True when this page is the
    # current one for the request being shown (read ``request.endpoint`` and
    # ``request.view_args``). E.g. the sessions of each format have their own page, and a
    # session's page (one endpoint for every format) belongs to its format's::
    #
    #     Page("sessions.list_speeddate", _l("Speed date"), claims=lambda: session_format() == "speeddate")
    #
    # Called only when the endpoint is not the page's own nor one of ``also_for``; it must
    # be cheap (a query at most, cached on ``g``) and never raise.
    claims: Callable[[], bool] | None = None
    values: Mapping[str, Any] = field(default_factory=dict)  # for url_for, besides the slug
    order: int = 50  # among the pages of its tool, when several areas register pages for it
    # Optional callable(org) -> int | None: a count next to the label (e.g. waiting proposals).
    badge: Callable[[Organisation], int | None] | None = None
    badge_id: str | None = None
    # SSE event after which the badge refreshes itself: it asks the page's own URL for the
    # block whose id is ``badge_id`` (see templates/_macros/nav.html).
    badge_event: str | None = None


@dataclass(frozen=True)
class ToolRegistration:
    key: str
    pages: tuple[Page, ...]
    figure: Figure | None = None


@dataclass
class TodoItem:
    text: str  # the whole sentence, translated, with its count
    url: str
    count: int
    examples: list[tuple[str, str]] = field(default_factory=list)  # (name, url), a few


@dataclass(frozen=True)
class Todo:
    key: str
    collect: Callable[[Organisation], TodoItem | None]
    need: Role = Role.viewer
    order: int = 50


# Where a page's badge shows, each slot with its own id: the top bar (a laptop) and the menu
# (a phone). The page's view answers its badge fragment to any of them.
BADGE_SLOTS = ("", "-menu")


def badge_targets(badge_id: str) -> dict[str, str]:
    """HX-Target ids of a badge's slots -> the fragment block named after the badge."""
    return {f"{badge_id}{suffix}": badge_id.replace("-", "_") for suffix in BADGE_SLOTS}


def register_tool(app: Flask, key: str, *pages: Page, figure: Figure | None = None) -> None:
    if key not in TOOLS_BY_KEY:
        raise ValueError(f"{key!r} is not a tool of core/method.py")
    app.extensions.setdefault("resokit_tools", {}).setdefault(key, []).append(ToolRegistration(key, pages, figure))


def register_todo(app: Flask, todo: Todo) -> None:
    app.extensions.setdefault("resokit_todos", []).append(todo)


# --- What the templates get ----------------------------------------------------------------


@dataclass
class NavPage:
    page: Page
    url: str
    label: object
    current: bool

    @cached_property
    def badge(self) -> int | None:
        return self.page.badge(g.org) if self.page.badge else None


@dataclass
class NavBlock:
    code: str
    label: object
    url: str
    pages: list[NavPage]
    current: bool  # the page shown is this block's landing page or one of its pages
    landing: bool  # the page shown is this block's landing page


@dataclass
class Nav:
    overview_url: str
    overview_current: bool
    blocks: list[NavBlock]

    @property
    def current_block(self) -> NavBlock | None:
        return next((b for b in self.blocks if b.current), None)


@dataclass
class ToolCard:
    tool: MethodTool
    pages: list[NavPage]  # those the viewer may open, the main one first
    figures: list[str]
    registered: bool

    @property
    def url(self) -> str | None:
        return self.pages[0].url if self.pages else None


def _registrations(app: Flask, key: str) -> list[ToolRegistration]:
    return app.extensions.get("resokit_tools", {}).get(key, [])


def _pages(app: Flask, key: str) -> list[Page]:
    """The tool's pages the viewer may open, in order."""
    pages = [p for r in _registrations(app, key) for p in r.pages if _allowed(p)]
    return sorted(pages, key=lambda p: p.order)


def _figures(registrations: list[ToolRegistration]) -> list[str]:
    out = []
    for registration in registrations:
        value = registration.figure(g.org) if registration.figure else None
        out += [value] if isinstance(value, str) else list(value or ())
    return out


def _nav_page(page: Page) -> NavPage:
    endpoint = request.endpoint
    return NavPage(
        page,
        url_for(page.endpoint, **page.values),
        page.label,
        current=endpoint == page.endpoint or endpoint in page.also_for or bool(page.claims and page.claims()),
    )


def _allowed(page: Page) -> bool:
    membership = g.get("membership")
    return membership is not None and membership.role.allows(page.need)


def workspace_nav() -> Nav | None:
    """The navigation of ``g.org`` for ``g.membership`` (once per request)."""
    if g.get("membership") is None:
        return None
    cached = g.get("_resokit_nav")
    if cached is not None:
        return cached
    app = current_app._get_current_object()
    blocks = []
    for code, label in BLOCKS.items():
        pages = [_nav_page(page) for tool in TOOLS if tool.block == code for page in _pages(app, tool.key)]
        landing = request.endpoint == f"blocks.{code}"
        blocks.append(
            NavBlock(code, label, url_for(f"blocks.{code}"), pages, landing or any(p.current for p in pages), landing)
        )
    nav = g._resokit_nav = Nav(url_for("orgs.dashboard"), request.endpoint == "orgs.dashboard", blocks)
    return nav


def block_cards(code: str) -> tuple[list[ToolCard], list[ToolCard]]:
    """The block's tools in the method's order: (those in the workspace, those not yet).

    A registered tool whose pages are all beyond the viewer's role still has its card
    (without a link); the workspace's own pages (``in_method=False``) only for who may open them.
    """
    app = current_app._get_current_object()
    available, missing = [], []
    for tool in TOOLS:
        if tool.block != code:
            continue
        registrations = _registrations(app, tool.key)
        if not registrations:
            missing.append(ToolCard(tool, [], [], registered=False))
            continue
        pages = [_nav_page(p) for p in _pages(app, tool.key)]
        if not pages and not tool.in_method:
            continue
        available.append(ToolCard(tool, pages, _figures(registrations) if pages else [], registered=True))
    return available, missing


def block_intro(code: str) -> object:
    return BLOCK_INTROS[code]


def todos() -> list[TodoItem]:
    """What needs doing in ``g.org``, for the viewer's role, in registration order."""
    membership = g.get("membership")
    if membership is None:
        return []
    registered = sorted(current_app.extensions.get("resokit_todos", []), key=lambda t: t.order)
    items = []
    for todo in registered:
        if not membership.role.allows(todo.need):
            continue
        item = todo.collect(g.org)
        if item is not None and item.count:
            items.append(item)
    return items
