"""Servers started with other settings than the default: the factory later issues build on."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from playwright.sync_api import expect

from .helpers import login

pytestmark = [pytest.mark.e2e, pytest.mark.postgresql, pytest.mark.redis]


def test_postgresql_redis_and_two_workers_share_sessions(live_server_factory, new_page):
    server = live_server_factory(database="postgresql", redis=True, workers=2)
    with urllib.request.urlopen(server.url + "/healthz") as response:
        assert json.load(response) == {"status": "ok", "database": "ok", "event_bus": "redis ok"}
    assert server.log().count("Booting worker") == 2

    page = new_page(base_url=server.url, locale="en-GB")
    login(page, server.url, "member@demo.resokit.test")
    # Requests spread over both workers; the session (in Redis) holds on every one.
    for _ in range(6):
        page.goto(server.url + "/o/demo/")
        expect(page.locator("h1")).to_have_text("Buurthuis De Kolenkit")
    page.locator("details.user-menu summary").click()
    page.locator('details.user-menu form[action="/logout"] button').click()
    # The click only starts the sign-out; going on before its answer would cancel it.
    expect(page).to_have_url(re.compile(r"/login$"))
    page.goto(server.url + "/o/demo/")
    expect(page.locator("input[name=password]")).to_be_visible()
