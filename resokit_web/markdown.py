"""Markdown written by team members, rendered safely: one function for every area.

Two layers, so that a mistake in one is caught by the other:

1. markdown-it-py in CommonMark mode with raw HTML switched off (``<script>`` stays
   text), images switched off (``![alt](url)`` becomes a plain link) and a link
   check that accepts only ``http(s):`` and ``mailto:`` addresses.
2. nh3 (ammonia) on the result: an allowlist of plain text tags, ``href`` as the only
   attribute (no ``style``, no ``hx-*``, no ``on*``), the same three URL schemes,
   relative URLs dropped, and ``rel="noopener noreferrer nofollow"`` on every link.

Headings are moved under the page's own (the text's largest becomes ``<h3>`` by
default), so the page's outline stays in order.
"""

from __future__ import annotations

import re

import nh3
from flask import Flask
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow"
ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "strong",
        "em",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
    }
)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
# Characters browsers ignore inside a scheme ("java\tscript:") are removed before checking.
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")

_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style"},
    attributes={"a": {"href"}, "ol": {"start"}},
    url_schemes=set(ALLOWED_SCHEMES),
    url_relative="deny",
    link_rel=LINK_REL,
    strip_comments=True,
)


def safe_link(url: str) -> bool:
    """Only absolute http(s) and mailto addresses may become links."""
    match = _SCHEME.match(_IGNORED.sub("", url))
    return bool(match) and match.group(1).lower() in ALLOWED_SCHEMES


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.validateLink = safe_link  # type: ignore[method-assign]

    def shifted_heading(renderer, tokens, idx, options, env):
        token = tokens[idx]
        token.tag = f"h{min(int(token.tag[1:]) + env['shift'], 6)}"
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("heading_open", shifted_heading)
    md.add_render_rule("heading_close", shifted_heading)
    return md


_PARSER = _parser()


def render_markdown(text: str | None, *, top_heading: int = 3) -> Markup:
    """Markdown → clean HTML, safe to put on any page as it is.

    The text's largest heading becomes ``<h{top_heading}>`` and the others keep their
    distance to it, so headings follow the page's own in order (``## Plan`` under a
    page's ``<h2>`` reads as ``<h3>``), whichever level the writer started at.
    """
    if not text:
        return Markup("")
    env: dict = {}
    tokens = _PARSER.parse(text, env)
    levels = [int(t.tag[1:]) for t in tokens if t.type == "heading_open"]
    env["shift"] = _shift(levels, top_heading)
    return Markup(clean_html(_PARSER.renderer.render(tokens, _PARSER.options, env)))


def _shift(levels: list[int], top_heading: int) -> int:
    return max(1, min(top_heading, 6)) - min(levels) if levels else 0


def headings_under(text: str, top_heading: int) -> str:
    """The same Markdown with its headings moved as :func:`render_markdown` moves them
    (the largest becomes level ``top_heading``), for a Markdown file that puts the text
    under headings of its own. Underlined headings become ``#`` headings; code blocks
    and everything else stay as written."""
    tokens = _PARSER.parse(text, {})
    headings = [t for t in tokens if t.type == "heading_open" and t.map]
    shift = _shift([int(t.tag[1:]) for t in headings], top_heading)
    if not shift:
        return text
    lines = text.split("\n")
    inline = {id(t): tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"}
    for token in reversed(headings):
        start, end = token.map
        level = min(int(token.tag[1:]) + shift, 6)
        lines[start:end] = ["#" * level + " " + inline[id(token)]]
    return "\n".join(lines)


def clean_html(html: str) -> str:
    """The allowlist pass on its own (for HTML from anywhere else)."""
    return _cleaner.clean(html)


def init_app(app: Flask) -> None:
    """Make ``{{ text|markdown }}`` available in templates (safe to call more than once)."""
    app.jinja_env.filters.setdefault("markdown", render_markdown)
