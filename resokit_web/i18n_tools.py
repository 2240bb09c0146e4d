"""``flask --app resokit_web i18n extract|update|compile``: keep the catalogues in step.

The workspace speaks nl, fr and en; the resident pages also ar, tr, es, ro, pl and pt,
whose catalogues hold only the residents' strings (``RESIDENT_SOURCES``).

Workflow after changing strings: ``update`` (extracts and merges into the .po files;
English gets its msgid as translation), translate the new entries in nl and fr (and in
the resident languages when a resident page changed), then ``compile``. The test suite fails while any catalogue has an empty or fuzzy entry, or is
out of step with the code.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

from babel.messages import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .core.i18n import RESIDENT_LANGUAGE_NAMES

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
TRANSLATIONS = PACKAGE / "translations"
LOCALES = ("nl", "fr", "en")
# Residents also read the public page, its thanks page, its embed and the poster in the
# languages most spoken in Brussels homes after those three. Their catalogues hold only the
# strings of those pages: the files below. The workspace stays nl, fr, en.
RESIDENT_LOCALES = ("ar", "tr", "es", "ro", "pl", "pt")
RESIDENT_SOURCES = frozenset(
    {
        "templates/public/base.html",
        "templates/public/page.html",
        "templates/public/thanks.html",
        "templates/public/message.html",
        "templates/embed/page.html",
        "templates/_macros/forms.html",
        "resokit_web/forms.py",
        "resokit_web/public/categories.py",
        "resokit_web/public/messages.py",
        "resokit_web/public/poster.py",
        "resokit_web/public/resident_form.py",
    }
)
# Each catalogue's language team is named in its own language.
TEAMS = RESIDENT_LANGUAGE_NAMES
# Fixed header dates keep the catalogues' diffs to real changes.
_FIXED_DATE = datetime(2026, 11, 24, tzinfo=UTC)


def extract() -> Catalog:
    with open(TRANSLATIONS / "babel.cfg") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    catalog = Catalog(
        project="resokit-web",
        version="1",
        charset="utf-8",
        msgid_bugs_address=None,
        copyright_holder="Resokit Web contributors",
        creation_date=_FIXED_DATE,
    )
    keywords = {
        "_": None,
        "gettext": None,
        "ngettext": (1, 2),
        "lazy_gettext": None,
        "_l": None,
        "lazy_ngettext": (1, 2),
        "lazy_plural": (1, 2),
        "pgettext": ((1, "c"), 2),
        "lazy_pgettext": ((1, "c"), 2),
    }
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT),
        method_map,
        options_map,
        keywords=keywords,
        strip_comment_tags=True,
        directory_filter=_directory_filter,
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def resident_template(template: Catalog | None = None) -> Catalog:
    """The strings residents meet: those with a place in one of ``RESIDENT_SOURCES``."""
    template = template or extract()
    catalog = Catalog(
        project=template.project,
        version=template.version,
        charset="utf-8",
        copyright_holder=template.copyright_holder,
        creation_date=_FIXED_DATE,
    )
    for message in template:
        if message.id and any(filename in RESIDENT_SOURCES for filename, _ in message.locations):
            catalog.add(
                message.id, None, message.locations, auto_comments=message.auto_comments, context=message.context
            )
    return catalog


def _directory_filter(dirpath: str) -> bool:
    # Babel skips folders starting with "_" by default; our templates/_macros must count.
    name = Path(dirpath).name
    return not name.startswith(".") and name not in {"__pycache__", "node_modules", "vendor", "build"}


def po_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def load(locale: str) -> Catalog:
    path = po_path(locale)
    if not path.exists():
        return Catalog(locale=locale)
    with open(path, "rb") as fh:
        return read_po(fh, locale=locale)


def save(catalog: Catalog, locale: str) -> None:
    path = po_path(locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, omit_header=False, sort_output=True, ignore_obsolete=True, include_lineno=False)
    path.write_bytes(buf.getvalue())


def update() -> dict[str, int]:
    """Merge the code's strings into each catalogue; returns untranslated counts."""
    template = extract()
    resident = resident_template(template)
    missing = {}
    for locale in LOCALES + RESIDENT_LOCALES:
        catalog = load(locale)
        catalog.update(template if locale in LOCALES else resident, no_fuzzy_matching=True)
        catalog.fuzzy = False
        catalog.project, catalog.version = "resokit-web", "1"
        catalog.copyright_holder = "Resokit Web contributors"
        catalog.revision_date = catalog.creation_date = _FIXED_DATE
        catalog.last_translator = "Resokit Web contributors"
        catalog.language_team = TEAMS[locale]
        catalog.obsolete.clear()
        if locale == "en":
            for message in catalog:
                if message.id and not _translated(message):
                    message.string = tuple(message.id) if isinstance(message.id, tuple) else message.id
        save(catalog, locale)
        missing[locale] = sum(1 for m in catalog if m.id and not _translated(m))
    return missing


def _translated(message) -> bool:
    if isinstance(message.string, tuple):
        return all(message.string)
    return bool(message.string)


def compile_all() -> None:
    for locale in LOCALES + RESIDENT_LOCALES:
        catalog = load(locale)
        with open(po_path(locale).with_suffix(".mo"), "wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)


# --- Typography ---------------------------------------------------------------------------
#
# French sets a narrow no-break space (U+202F) before ? ! ; : and inside « », so a sign
# never starts a line on its own; quotes are « » in French and “ ” in Dutch and English.
# ``typography`` rewrites the catalogues that way; ``typography_problems`` is what the test
# suite checks every translation with.

NNBSP = "\u202f"
_SIGNS = "?!;:"
# A sign is punctuation unless it sits inside something else: a URL (https://), a time
# (18:30), an HTML entity (&amp;), a query string (?lang=) or an ellipsis of signs (?!).
_SIGN = re.compile(r"(?P<space>[ \u00a0\u202f]*)(?P<sign>[?!;:])")
_ENTITY = re.compile(r"&#?\w+$")
QUOTES = {"fr": ("«", "»"), "nl": ("“", "”"), "en": ("“", "”")}
_OTHER_QUOTES = "„“”«»"


def _is_punctuation(text: str, start: int, end: int) -> bool:
    sign, after = text[end - 1], text[end : end + 1]
    before = text[:start]
    if not before:
        # A string that starts with its sign continues the text before it (" : %(name)s")
        # when a space leads it in; a bare sign at the start is something else.
        return end - start > 1
    if before[-1] in _SIGNS or before[-1] in "(":
        return False
    if after and not (after.isspace() or after in '»)]<"”’' or after in _SIGNS):
        return False  # 18:30, https://, ?lang=, a:b
    return not (sign == ";" and _ENTITY.search(before))


def french_typography(text: str) -> str:
    """``text`` with French spacing: U+202F before ? ! ; : and inside « » (“ ” become « »)."""
    text = re.sub(r"“\s*", "«" + NNBSP, text)
    text = re.sub(r"\s*”", NNBSP + "»", text)
    text = re.sub(r"«[ \u00a0\u202f]*", "«" + NNBSP, text)
    text = re.sub(r"[ \u00a0\u202f]*»", NNBSP + "»", text)
    out, last = [], 0
    for match in _SIGN.finditer(text):
        start, end = match.start(), match.end()
        if not _is_punctuation(text, start, end):
            continue
        out.append(text[last:start])
        out.append(NNBSP + match.group("sign"))
        last = end
    out.append(text[last:])
    return "".join(out)


def dutch_quotes(text: str) -> str:
    """One style of quotation marks in Dutch: “ ” (the low „ of older usage becomes “)."""
    return text.replace("„", "“")


def typography_problems(locale: str, text: str) -> list[str]:
    """What in a translation breaks the language's typography, as short descriptions."""
    problems = []
    opening, closing = QUOTES[locale]
    for quote in _OTHER_QUOTES:
        if quote in text and quote not in (opening, closing):
            problems.append(f"quotation mark {quote} (this language uses {opening}…{closing})")
    if locale != "fr":
        return problems
    for match in _SIGN.finditer(text):
        start, end = match.start(), match.end()
        if _is_punctuation(text, start, end) and match.group("space") != NNBSP:
            shown = text[max(0, start - 12) : end].replace(NNBSP, "⍽")
            problems.append(f"no narrow no-break space before {match.group('sign')!r} in …{shown}")
    for match in re.finditer("«(?!\u202f)|(?<!\u202f)»", text):
        problems.append(
            f"no narrow no-break space inside the quotes near …{text[max(0, match.start() - 12) : match.end() + 12]}"
        )
    return problems


def _strings(message) -> list[str]:
    if isinstance(message.string, tuple | list):
        return list(message.string)
    return [message.string] if message.string else []


def typography() -> dict[str, int]:
    """Rewrite the French and Dutch translations to their typography; returns changed counts."""
    fixers = {"fr": french_typography, "nl": dutch_quotes}
    changed = {}
    for locale, fix in fixers.items():
        catalog, count = load(locale), 0
        for message in catalog:
            if not message.id:
                continue
            if isinstance(message.string, tuple | list):
                new = tuple(fix(s) for s in message.string)
            else:
                new = fix(message.string or "")
            if new != message.string and message.string:
                message.string, count = new, count + 1
        save(catalog, locale)
        changed[locale] = count
    return changed
