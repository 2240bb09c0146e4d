"""The public resident page (no account) and the coordinators' settings and poster."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, g, make_response, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from ..access import org_view, public
from ..core import bodies
from ..core.i18n import text_direction
from ..extensions import db, limiter
from ..moderation.notify import tell_coordinators
from ..orgs.models import Role
from ..rendering import render
from . import messages, service
from .access import get_public_org_or_404
from .forms import PosterForm, PublicPageForm, PublicSwitchForm
from .models import RESIDENT_LANGUAGES
from .origins import embed_form_for
from .poster import poster_texts, qr_svg
from .resident_form import ResidentPlaceForm
from .service import enabled_categories, public_places, public_slug_taken, save_settings, set_enabled, settings_for

bp = Blueprint("public", __name__)


def _send_limit() -> str:
    return current_app.config["RESOKIT_PUBLIC_SEND_LIMIT"]


def _looks_sent(response) -> bool:
    """Only sends that went through (or seemed to, for a bot) count towards the limit."""
    return response.status_code == 303


def _page(org, form, status: int = 200):
    settings = settings_for(org)
    page = max(request.args.get("page", 1, type=int), 1)
    places, total = public_places(org.id, page)
    return render_template(
        "public/page.html",
        org=org,
        settings=settings,
        form=form,
        places=places,
        total=total,
        page=page,
        intro=settings.intro(str(get_locale())),
    ), status


@bp.get("/buurt/<public_slug>")
@public
def show_page(public_slug: str):
    org = get_public_org_or_404(public_slug)
    form = ResidentPlaceForm(formdata=None, categories=enabled_categories(settings_for(org)))
    return _page(org, form)


@bp.post("/buurt/<public_slug>")
@public
@limiter.limit(_send_limit, deduct_when=_looks_sent, scope="public-send")
def send_place(public_slug: str):
    org = get_public_org_or_404(public_slug)
    form = ResidentPlaceForm(categories=enabled_categories(settings_for(org)))
    if form.is_bot:
        # Looks like a success to the bot; nothing is stored.
        return redirect(url_for("public.thanks", public_slug=org.public_slug), code=303)
    if not form.validate():
        return _page(org, form, 422)
    service.submit_place(org, form, language=str(get_locale()))
    db.session.commit()
    tell_coordinators(org)
    return redirect(url_for("public.thanks", public_slug=org.public_slug), code=303)


@bp.get("/buurt/<public_slug>/thanks")
@public
def thanks(public_slug: str):
    org = get_public_org_or_404(public_slug)
    return render_template("public/thanks.html", org=org)


@bp.get("/buurt/<public_slug>.geojson")
@public
def places_geojson(public_slug: str):
    org = get_public_org_or_404(public_slug)
    body = service.places_body(org, str(get_locale()))
    # The labels follow the visitor's language: chosen by ?lang=, the session or the browser.
    return bodies.send(body, mimetype="application/geo+json", vary=("Accept-Language", "Cookie"))


def _message(status: int, title: str, *lines: str):
    """A plain-language answer in the resident page's own look (not the team's)."""
    slug = (request.view_args or {}).get("public_slug")
    org = service.find_public_org(slug) if slug else None
    return make_response(render_template("public/message.html", org=org, title=title, lines=lines), status)


@bp.errorhandler(429)
def too_many(error):
    response = _message(429, *messages.too_many())
    response.headers["Retry-After"] = "3600"
    return response


@bp.errorhandler(413)
def too_large(error):
    return _message(413, *messages.too_large())


# ---- For the team: settings and poster ------------------------------------------------


def _settings_page(details_form=None, switch_form=None, status: int = 200, embed_form=None):
    settings = settings_for(g.org)
    if details_form is None:
        details_form = PublicPageForm(
            formdata=None,
            data={
                "public_slug": g.org.public_slug or g.org.slug,
                "intro_nl": settings.intro_nl,
                "intro_fr": settings.intro_fr,
                "intro_en": settings.intro_en,
                "categories": enabled_categories(settings),
                "poster_languages": settings.posters(),
            },
        )
    switch_form = switch_form or PublicSwitchForm(formdata=None, data={"enabled": "y" if g.org.public_enabled else "n"})
    if embed_form is None:
        embed_form = embed_form_for(g.org)
    return render(
        "public/settings.html",
        blocks=("public_switch",),
        details_form=details_form,
        switch_form=switch_form,
        embed_form=embed_form,
    ), status


@bp.get("/o/<slug>/settings")
@org_view(Role.coordinator)
def show_settings():
    return _settings_page()


@bp.post("/o/<slug>/settings/public-page")
@org_view(Role.coordinator)
def switch_public_page():
    form = PublicSwitchForm()
    if not form.validate():
        return _settings_page(switch_form=form, status=422)
    set_enabled(g.org, form.enabled.data == "y", user_id=current_user.id)
    db.session.commit()
    message = (
        _("The public page is on. Residents can add places at the address below.")
        if g.org.public_enabled
        else _("The public page is off. Its address now answers “not found”.")
    )
    flash(message, "success")
    return redirect(url_for("public.show_settings"), code=303)


@bp.post("/o/<slug>/settings/public-page/details")
@org_view(Role.coordinator)
def save_public_page():
    form = PublicPageForm()
    if form.validate() and public_slug_taken(g.org, form.public_slug.data):
        form.public_slug.errors.append(_("Another organisation already uses this address."))
    if form.errors:
        return _settings_page(details_form=form, status=422)
    save_settings(g.org, form, user_id=current_user.id)
    db.session.commit()
    flash(_("The public page settings are saved."), "success")
    return redirect(url_for("public.show_settings"), code=303)


@bp.get("/o/<slug>/poster")
@org_view(Role.member)
def show_poster():
    settings = settings_for(g.org)
    form = PosterForm(request.args)
    languages = form.chosen(settings.posters())
    public_slug = g.org.public_slug or g.org.slug
    page_url = url_for("public.show_page", public_slug=public_slug, _external=True)
    texts = []
    for code in languages:
        with force_locale(code):
            texts.append({"lang": code, "dir": text_direction(code), **poster_texts(g.org, settings.intro(code))})
    return render_template(
        "public/poster.html",
        form=form,
        texts=texts,
        page_url=page_url,
        qr=Markup(qr_svg(page_url)),
        languages=languages,
        all_languages=RESIDENT_LANGUAGES,
    )
