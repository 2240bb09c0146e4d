"""htmx requests: the same endpoints answer fragments, errors and redirects htmx can use."""

from __future__ import annotations

from ..conftest import HX, speaking


def test_an_anonymous_htmx_request_is_sent_to_the_login_page_as_a_whole(client, world):
    response = client.get("/o/org-a/", headers=HX("activity-feed")())
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/login?next=/o/org-a/")


def test_a_boosted_form_with_errors_answers_422_with_the_page(client):
    response = speaking(client).post("/login", data={"email": ""}, headers=HX()(**{"HX-Boosted": "true"}))
    assert response.status_code == 422  # htmx is configured to swap 422 responses
    assert 'id="email-error"' in response.get_data(as_text=True)


def test_an_htmx_error_goes_to_the_status_region(world, as_role):
    response = speaking(as_role("viewer")).get("/o/org-a/members", headers=HX("main")())
    assert response.status_code == 403
    assert response.headers["HX-Retarget"] == "#status"
    html = response.get_data(as_text=True)
    assert "<html" not in html and "Not allowed" in html


def test_a_boosted_page_request_gets_the_whole_page(world, as_role):
    response = as_role("viewer").get("/o/org-a/", headers=HX("body")(**{"HX-Boosted": "true"}))
    html = response.get_data(as_text=True)
    assert "<html" in html and 'id="activity-feed"' in html
