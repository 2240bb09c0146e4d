"""Safe defaults: CSP with a nonce, security headers, cookie flags, CSRF on every state change."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from werkzeug.routing import IntegerConverter

from resokit_web import create_app

from ..conftest import base_config, make_app, session_cookie, sign_in
from ..factories import TEST_PASSWORD

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def csp(response) -> dict[str, list[str]]:
    policy = {}
    for directive in response.headers["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        policy[name] = values
    return policy


def test_the_content_security_policy_is_strict(client):
    response = client.get("/login")
    policy = csp(response)
    header = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    nonce = [v for v in policy["script-src"] if v.startswith("'nonce-")]
    assert len(nonce) == 1
    html = response.get_data(as_text=True)
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all(f'nonce="{nonce[0][7:-1]}"' in s for s in scripts)


def test_the_nonce_is_new_on_every_response(client):
    nonces = {csp(client.get("/login"))["script-src"][1] for _ in range(3)}
    assert len(nonces) == 3


def test_templates_need_no_inline_script_handlers_or_styles():
    """The CSP would block these silently in the browser; catch them here instead."""
    problems = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for pattern, what in (
            (r"<script(?![^>]*\bsrc=)[^>]*>", "inline <script>"),
            (r"\son[a-z]+\s*=", "inline event handler"),
            (r"\sstyle\s*=", "style attribute"),
            (r"\shx-on[:-]", "hx-on (needs eval)"),
            (r"javascript:", "javascript: URL"),
            (r"<script(?![^>]*\bnonce=)[^>]*>", "<script> without the nonce"),
        ):
            if re.search(pattern, text):
                problems.append(f"{path.relative_to(TEMPLATES)}: {what}")
    assert not problems, "\n".join(problems)


def test_htmx_is_configured_without_eval_and_only_for_this_site(client):
    html = client.get("/login").get_data(as_text=True)
    config = json.loads(re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", html).group(1))
    assert config["allowEval"] is False
    assert config["selfRequestsOnly"] is True
    assert config["includeIndicatorStyles"] is False
    assert config["allowScriptTags"] is False
    # Swapped-in live parts listen to the stream at once (htmx waits for the settle).
    assert config["defaultSettleDelay"] == 0 and config["attributesToSettle"] == []


def test_security_headers(client):
    headers = client.get("/login").headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in ("strict-origin-when-cross-origin", "same-origin", "no-referrer")
    assert headers["X-Frame-Options"] == "DENY"


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    secure = client.get("/login", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_behind_a_proxy_the_forwarded_scheme_counts_only_when_configured(database_url):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    plain = make_app(database_url).test_client()
    assert "Strict-Transport-Security" not in plain.get("/login", headers=forwarded).headers
    proxied = make_app(database_url, RESOKIT_PROXY_COUNT=1).test_client()
    assert "Strict-Transport-Security" in proxied.get("/login", headers=forwarded).headers


def set_cookie_header(client, world, name="resokit_session") -> str:
    response = client.post("/login", data={"email": world.member.email, "password": TEST_PASSWORD})
    assert response.status_code == 303
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "="))


def test_session_cookie_flags_in_development(client, world):
    cookie = set_cookie_header(client, world)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_session_cookie_flags_in_production(database_url, world):
    app = make_app(database_url, empty=False, RESOKIT_ENV="production")
    # __Host-: only over HTTPS, for this host alone and the whole site (no Domain, Path=/).
    cookie = set_cookie_header(app.test_client(), world, name="__Host-resokit_session")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie
    assert "Path=/;" in cookie + ";" and "Domain" not in cookie


# CSRF ------------------------------------------------------------------------------------------


def _dummy_url(rule) -> str:
    values = {name: 1 if isinstance(rule._converters[name], IntegerConverter) else "x" for name in rule.arguments}
    values.setdefault("slug", "org-a")
    return rule.build(values)[1]


def _state_changing_routes():
    app = create_app(base_config("sqlite://"))
    routes = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        for method in sorted(rule.methods - {"GET", "HEAD", "OPTIONS"}):
            routes.append(pytest.param(rule, method, id=f"{method} {rule.rule}"))
    return routes


STATE_CHANGING = _state_changing_routes()


@pytest.fixture
def csrf_app(app, database_url):
    return make_app(database_url, empty=False, WTF_CSRF_ENABLED=True)


def test_there_are_state_changing_routes_to_check():
    assert len(STATE_CHANGING) >= 10


@pytest.mark.parametrize("rule,method", STATE_CHANGING)
@pytest.mark.parametrize("who", ["anonymous", "coordinator"])
def test_every_state_change_needs_the_csrf_token(csrf_app, world, rule, method, who):
    client = csrf_app.test_client()
    if who == "coordinator":
        sign_in(client, world.coordinator)
    response = client.open(_dummy_url(rule), method=method, data={"name": "x", "lang": "fr", "role": "viewer"})
    assert response.status_code == 400, f"{method} {rule.rule} answered {response.status_code}"


def page_token(client, url="/login") -> str:
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_the_token_is_accepted_as_form_field_and_as_header(csrf_app, world):
    client = csrf_app.test_client()
    sign_in(client, world.coordinator)
    # One page: a token is signed with the second it was made in, so two pages may differ.
    html = client.get("/o/org-a/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    assert f'"X-CSRFToken": "{token}"' in html  # htmx sends it from hx-headers
    data = {"role": "member", "days": "7"}
    assert client.post("/o/org-a/invitations", data=data).status_code == 400
    assert client.post("/o/org-a/invitations", data={**data, "csrf_token": "forged"}).status_code == 400
    assert client.post("/o/org-a/invitations", data={**data, "csrf_token": token}).status_code == 303
    response = client.post("/o/org-a/invitations", data=data, headers={"X-CSRFToken": token, "HX-Request": "true"})
    assert response.status_code == 303


def test_a_refused_logout_leaves_you_signed_in_and_the_error_is_friendly(csrf_app, world):
    client = csrf_app.test_client()
    sign_in(client, world.member)
    response = client.post("/logout", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "reload the page" in response.get_data(as_text=True)
    assert client.get("/orgs").status_code == 200
    assert session_cookie(client)


def test_login_with_the_token_from_the_login_page(csrf_app, world):
    client = csrf_app.test_client()
    token = page_token(client)
    response = client.post("/login", data={"email": world.member.email, "password": TEST_PASSWORD, "csrf_token": token})
    assert response.status_code == 303
