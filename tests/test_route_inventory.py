"""Every endpoint is either deliberately public or guarded by the access helpers."""

from __future__ import annotations

from resokit_web.orgs.models import Role

# Opening a page to anyone is a decision: add it here, in review, on purpose.
PUBLIC_ENDPOINTS = {
    "static",
    "core.healthz",
    "core.set_language",
    "accounts.login",
    "accounts.do_login",
    "accounts.signup",
    "accounts.do_signup",
    "orgs.home",
    "orgs.show_invitation",
    # Getting back in: a forgotten password, the address check, the second sign-in step
    # (its own pending state is the guard: a password accepted minutes ago).
    "accounts.forgot_password",
    "accounts.send_reset_link",
    "accounts.reset_password_form",
    "accounts.reset_password_view",
    "accounts.verify_email",
    "accounts.second_factor_form",
    "accounts.check_second_factor",
    "accounts.passkey_login_options",
    "accounts.passkey_login",
    # The public resident page: residents add places without an account.
    "public.show_page",
    "public.send_place",
    "public.thanks",
    "public.places_geojson",
    "public.embed_page",
}


def test_every_endpoint_is_public_or_guarded(app):
    problems = []
    for endpoint, view in app.view_functions.items():
        access = getattr(view, "resokit_access", None)
        if endpoint in PUBLIC_ENDPOINTS:
            if endpoint != "static" and access != "public":
                problems.append(f"{endpoint}: listed as public but not marked @public")
        elif access is None:
            problems.append(f"{endpoint}: neither public nor guarded")
        elif access == "public":
            problems.append(f"{endpoint}: marked @public but not on the reviewed list")
    assert not problems, "\n".join(problems)


def test_organisation_routes_use_the_organisation_guard(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/o/"):
            assert rule.rule.startswith("/o/<slug>"), rule.rule
            assert isinstance(app.view_functions[rule.endpoint].resokit_access, Role), rule.endpoint
