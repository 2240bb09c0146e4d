"""Hostile Markdown comes out as harmless text: no raw HTML, no hx-* or on* attributes,
no style, no images, only http(s) and mailto links with a safe rel."""

from __future__ import annotations

import re

import pytest

from resokit_web.markdown import render_markdown, safe_link

from ..factories.opinions import ContributionFactory
from .helpers import make_piece, url

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.test/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "![x](https://evil.test/pixel.png)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](java\tscript:alert(1))",
    "[klik](&#106;avascript:alert(1))",
    "[klik](%6Aavascript:alert(1))",
    "[klik](vbscript:msgbox(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    '<a href="/x" hx-get="/o/org-a/members" hx-trigger="load">x</a>',
    '<div hx-post="/o/org-a/opinions" hx-vals=\'{"title": "x"}\'>x</div>',
    '<p onmouseover="alert(1)" style="position:fixed;inset:0">x</p>',
    '[x](https://ok.test "title" onclick="alert(1)")',
    '[x](https://ok.test/"onmouseover="alert(1))',
    '<https://ok.test/" onmouseover="alert(1)>',
    "<a href='https://ok.test' onclick='x'>nested <b onclick=1>bold</b></a>",
    "<<script>script>alert(1)<</script>/script>",
    "<!-- <script>alert(1)</script> -->",
    "<style>body{display:none}</style>",
    "<iframe src=https://evil.test></iframe>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "[x](<javascript:alert(1)>)",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "> <img src=x onerror=alert(1)>",
    '- [x](javascript:alert(1))\n- <b hx-on:click="alert(1)">b</b>',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_renders_harmless(text):
    html = str(render_markdown(text))
    # Real tags only: text that merely looks like HTML is escaped (&lt;...) and harmless.
    for tag, attributes in re.findall(r"<\s*([a-zA-Z][\w:-]*)([^>]*)>", html):
        assert tag.lower() in {
            "p",
            "br",
            "hr",
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
        }, html
        pairs = dict(re.findall(r'([\w:-]+)="([^"]*)"', attributes))
        assert set(pairs) <= {"href", "rel", "start"}, html
        assert re.sub(r'[\w:-]+="[^"]*"', "", attributes).strip() == "", html  # nothing unquoted either
        if "href" in pairs:
            assert re.match(r"^(https?://|mailto:)", pairs["href"]), html
            assert pairs["rel"] == "noopener noreferrer nofollow"
    lowered = html.lower()
    for bad in ("<script", "<img", "<iframe", "<style", "<svg", "<math", "<div", "<b ", "<!--"):
        assert bad not in lowered, html


def test_good_markdown_keeps_its_meaning():
    html = str(
        render_markdown(
            "# Kop\n\n**vet**, *schuin*, `code`\n\n- een\n- twee\n\n> citaat\n\n"
            "[site](https://resokit.be) [mail](mailto:team@example.test) <https://vgc.be>"
        )
    )
    assert "<h3>Kop</h3>" in html  # shifted below the page's own headings
    assert "<strong>vet</strong>" in html and "<em>schuin</em>" in html and "<code>code</code>" in html
    assert "<li>een</li>" in html and "<blockquote>" in html
    assert '<a href="https://resokit.be" rel="noopener noreferrer nofollow">site</a>' in html
    assert '<a href="mailto:team@example.test" rel="noopener noreferrer nofollow">mail</a>' in html
    assert '<a href="https://vgc.be" rel="noopener noreferrer nofollow">https://vgc.be</a>' in html


def test_images_become_links_at_most():
    html = str(render_markdown("![een foto](https://example.test/foto.jpg)"))
    assert "<img" not in html
    assert '<a href="https://example.test/foto.jpg" rel="noopener noreferrer nofollow">een foto</a>' in html


def test_relative_and_fragment_links_are_not_links():
    html = str(render_markdown("[a](/o/org-a/members) [b](#main) [c](//evil.test/x)"))
    assert "<a" not in html


def test_headings_start_under_the_page_headings_and_keep_their_order():
    html = str(render_markdown("## Plan\n\n### Eerst\n\n## Daarna"))
    assert "<h3>Plan</h3>" in html and "<h4>Eerst</h4>" in html and "<h3>Daarna</h3>" in html
    assert "<h4>x</h4>" in str(render_markdown("# x", top_heading=4))
    assert "<h6>y</h6>" in str(render_markdown("# x\n\n###### y", top_heading=4))  # capped at h6


@pytest.mark.parametrize(
    "link,ok",
    [
        ("https://x.test", True),
        ("HTTP://x.test", True),
        ("mailto:a@b.test", True),
        ("javascript:alert(1)", False),
        (" javascript:x", False),
        ("data:x", False),
        ("/relative", False),
        ("ftp://x.test", False),
        ("java\nscript:x", False),
    ],
)
def test_safe_link(link, ok):
    assert safe_link(link) is ok


def test_the_pages_render_hostile_text_harmless(world, as_role):
    evil = '<img src=x onerror=alert(1)> [x](javascript:alert(2)) <a hx-get="/o/org-a/members">y</a>'
    piece = make_piece(world, body=evil)
    ContributionFactory(organisation_id=world.org_a.id, piece_id=piece.id, author_id=world.member.id, body=evil)
    from resokit_web.extensions import db

    db.session.commit()
    client = as_role("viewer")
    for suffix in ("", "/print"):
        html = client.get(url(piece, suffix)).get_data(as_text=True)
        assert "<img src=x" not in html and 'href="javascript' not in html
        assert '<a hx-get="/o/org-a/members"' not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
