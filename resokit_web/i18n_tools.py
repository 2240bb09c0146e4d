"""``flask --app resokit_web i18n extract|update|compile``: keep the nl, fr and en catalogues in step.

Workflow after changing strings: ``update`` (extracts and merges into the three .po files;
English gets its msgid as translation), translate the new entries in nl and fr, then
``compile``. The test suite fails while any catalogue has an empty or fuzzy entry, or is
out of step with the code.
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

from babel.messages import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
TRANSLATIONS = PACKAGE / "translations"
LOCALES = ("nl", "fr", "en")
# Fixed header dates keep the catalogues' diffs to real changes.
_FIXED_DATE = datetime(2026, 11, 24, tzinfo=timezone.utc)


def extract() -> Catalog:
    with open(TRANSLATIONS / "babel.cfg") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    catalog = Catalog(project="resokit-web", version="1", charset="utf-8", msgid_bugs_address=None,
                      copyright_holder="Resokit Web contributors", creation_date=_FIXED_DATE)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None, "_l": None,
                "lazy_ngettext": (1, 2), "pgettext": ((1, "c"), 2), "lazy_pgettext": ((1, "c"), 2)}
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=keywords, strip_comment_tags=True,
            directory_filter=_directory_filter):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
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
    write_po(buf, catalog, width=100, omit_header=False, sort_output=True, ignore_obsolete=True,
             include_lineno=False)
    path.write_bytes(buf.getvalue())


def update() -> dict[str, int]:
    """Merge the code's strings into each catalogue; returns untranslated counts."""
    template = extract()
    missing = {}
    for locale in LOCALES:
        catalog = load(locale)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.fuzzy = False
        catalog.project, catalog.version = "resokit-web", "1"
        catalog.copyright_holder = "Resokit Web contributors"
        catalog.revision_date = catalog.creation_date = _FIXED_DATE
        catalog.last_translator = "Resokit Web contributors"
        catalog.language_team = {"nl": "Nederlands", "fr": "Français", "en": "English"}[locale]
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
    for locale in LOCALES:
        catalog = load(locale)
        with open(po_path(locale).with_suffix(".mo"), "wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
