"""The websites allowed to show the public map in a frame: origins as coordinators write
them, checked strictly, because they go into the embed page's CSP as they are."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import ValidationError

from ..forms import BaseForm
from ..orgs.models import Organisation

MAX_ORIGINS = 20
ORIGINS_MAX_LENGTH = 4000
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_LOCAL_HOSTS = ("localhost", "127.0.0.1")


def parse_origin(line: str) -> str:
    """``line`` as a CSP source (``https://www.example.be``, an explicit port kept), or a
    ValueError saying in plain words what is wrong. Only a scheme, a host and a port: a
    path, a wildcard or anything else the header could read as more is refused."""
    text = line.strip()
    if any(ch in text for ch in " \t;,'\"*"):
        raise ValueError(
            _("“%(line)s” is not a site address. Write one address a line, such as https://www.example.be.", line=text)
        )
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ValueError(
            _("“%(line)s” is not a site address. Write one address a line, such as https://www.example.be.", line=text)
        ) from None
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme.lower() not in ("https", "http") or not host:
        raise ValueError(_("“%(line)s” does not start with https://.", line=text))
    if parts.scheme.lower() == "http" and host not in _LOCAL_HOSTS:
        raise ValueError(_("“%(line)s” starts with http://: only sites with https:// can show the map.", line=text))
    if parts.username or parts.password or parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(
            _("Give only the site's address, without a page: %(origin)s", origin=f"{parts.scheme.lower()}://{host}")
        )
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        ascii_host = ""
    labels = ascii_host.split(".")
    if ascii_host not in _LOCAL_HOSTS and (len(labels) < 2 or not all(_LABEL.match(label) for label in labels)):
        raise ValueError(
            _("“%(line)s” is not a site address. Write one address a line, such as https://www.example.be.", line=text)
        )
    return f"{parts.scheme.lower()}://{ascii_host}" + (f":{port}" if port else "")


def parse_origins(text: str | None) -> list[str]:
    """Every non-empty line through :func:`parse_origin`, duplicates dropped."""
    origins: list[str] = []
    for line in (text or "").splitlines():
        if line.strip():
            origin = parse_origin(line)
            if origin not in origins:
                origins.append(origin)
    return origins


def stored_origins(org: Organisation) -> list[str]:
    """The organisation's origins as stored (checked when saved; checked again, a bad
    line left out, so the header never carries anything else)."""
    kept = []
    for line in (org.embed_origins or "").splitlines():
        try:
            kept.append(parse_origin(line))
        except ValueError:
            continue
    return kept


def _origins_ok(form, field) -> None:
    if len(field.data or "") > ORIGINS_MAX_LENGTH:
        raise ValidationError(_("That is too long: list at most %(n)d sites.", n=MAX_ORIGINS))
    problems = []
    for line in (field.data or "").splitlines():
        if line.strip():
            try:
                parse_origin(line)
            except ValueError as error:
                problems.append(str(error))
    if problems:
        raise ValidationError(" ".join(problems[:3]))
    if len(parse_origins(field.data)) > MAX_ORIGINS:
        raise ValidationError(_("List at most %(n)d sites.", n=MAX_ORIGINS))


class EmbedForm(BaseForm):
    embed_origins = TextAreaField(
        _l("Websites that may show the map"),
        description=_l(
            "One address a line, such as https://www.example.be. Only these sites can show the map in a frame. Leave it empty and no other site can."
        ),
        validators=[_origins_ok],
    )


def embed_form_for(org: Organisation) -> EmbedForm:
    return EmbedForm(formdata=None, data={"embed_origins": "\n".join(stored_origins(org))})
