"""Typography of the translations: French spacing before ? ! ; : and inside « », one kind
of quotation marks per language, no punctuation hard-coded in the templates."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from resokit_web.i18n_tools import LOCALES, NNBSP, french_typography, load, typography_problems


@pytest.mark.parametrize(
    "text",
    [
        "Quel genre de lieu est-ce ?",  # a plain space: the sign may start the next line
        "Quel genre de lieu est-ce?",  # no space at all
        "Quel genre de lieu est-ce\u00a0?",  # a wide no-break space
        "Attention !",
        "Adresse :",
        "ne se heurtent pas ; sinon",
        "la colonne “name”",  # English quotation marks in French
        "la colonne «name»",  # guillemets without their space
        "Titre :</strong>",
        " : %(name)s",  # the rest of a sentence that starts in front of it
    ],
)
def test_the_check_finds_french_typography_mistakes(text):
    assert typography_problems("fr", text)
    assert not typography_problems("fr", french_typography(text))


@pytest.mark.parametrize(
    "text",
    [
        f"Quel genre de lieu est-ce{NNBSP}?",
        f"Quoi{NNBSP}?!",
        f"la colonne «{NNBSP}name{NNBSP}»",
        "Ouvert de 18:30 à 20:00",  # a time
        "voir https://example.org/page?lang=fr",  # a URL and its query
        "Jean &amp; Marie",  # an entity
        "une étoile (?) sans phrase",
    ],
)
def test_the_check_leaves_correct_french_alone(text):
    assert typography_problems("fr", text) == []
    assert french_typography(text) == text


def test_dutch_and_english_use_one_kind_of_quotation_marks():
    assert typography_problems("nl", "bij „Idee”")
    assert typography_problems("en", "the «name» column")
    assert not typography_problems("nl", "bij “Idee”")


@pytest.mark.parametrize("locale", LOCALES)
def test_every_translation_follows_its_language_typography(locale):
    problems = []
    for message in load(locale):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        for text in strings:
            problems += [f"{message.id!r}: {p}" for p in typography_problems(locale, text or "")]
    hint = "run: flask --app resokit_web i18n typography, then i18n compile"
    assert not problems, f"{locale} ({hint}):\n" + "\n".join(problems)


def test_english_message_ids_use_english_quotation_marks():
    problems = [m.id for m in load("en") if m.id and typography_problems("en", str(m.id))]
    assert not problems


# Punctuation in the templates ---------------------------------------------------------------

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Signs whose spacing or form differs between the languages: they belong inside the
# translated strings, never around them in a template.
SIGNS = re.compile(r"[:;?!«»“”„]")
_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
TEXT_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description"}


class _TextFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.skip += 1
        for name, value in attrs:
            if name in TEXT_ATTRIBUTES and value and SIGNS.search(value):
                self.found.append(f'{name}="{value.strip()}"')

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and SIGNS.search(data):
            self.found.append(data.strip())


def hard_coded_punctuation(source: str) -> list[str]:
    finder = _TextFinder()
    finder.feed(_JINJA.sub("\x01", source))
    return [text.replace("\x01", "…") for text in finder.found]


def test_the_template_check_finds_punctuation_outside_the_strings():
    assert hard_coded_punctuation('<p>{{ _("Title") }}: {{ name }}</p>')
    assert hard_coded_punctuation('<span title="{{ a }}: {{ b }}"></span>')
    assert hard_coded_punctuation("<p>{{ _('Why') }} ?</p>")
    assert not hard_coded_punctuation('<p>{{ _("Title: %(name)s", name=name) }}</p>')
    assert not hard_coded_punctuation('<a href="https://example.org/?a=b">{{ x }}</a>')


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.svg")), ids=str)
def test_templates_hard_code_no_punctuation(path):
    found = hard_coded_punctuation(path.read_text())
    assert not found, f"{path.relative_to(TEMPLATES)}: move these signs into the translated string: {found}"
