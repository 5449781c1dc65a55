"""Shared pytest fixtures: signed-in clients, a browser, and a local OpenID Connect provider."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import STAFF_PASSWORD, current_code, make_staff

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic",
                 "--no-first-run"]


def sign_in_staff(client, user) -> None:
    """Walk the real two-step staff sign-in with the Django test client."""
    response = client.post(reverse("accounts:staff-login"),
                           {"username": user.username, "password": STAFF_PASSWORD})
    assert response.status_code == 302, response.content[:500]
    response = client.post(reverse("accounts:staff-verify"), {"code": current_code(user)})
    assert response.status_code == 302, response.content[:500]


@pytest.fixture
def staff_client(client, db):
    """`staff_client(role)` returns a test client signed in (with TOTP) as a new staff member."""

    def sign_in(role: str):
        user = make_staff(role)
        sign_in_staff(client, user)
        client.user = user
        return client

    return sign_in


@pytest.fixture
def seed_demo(tmp_path):
    """`seed_demo("feedback", responses=300)` seeds the demo agency quietly: only the apps named
    (and the catalog), or all of it when none are, so a test waits only for what it uses."""
    from django.core.management import call_command

    def seed(*apps: str, interactions: int = 0, responses: int = 0) -> None:
        with open(tmp_path / "seed_demo.txt", "w") as quiet:
            call_command("seed_demo", interactions=interactions, responses=responses,
                         only=",".join(apps), stdout=quiet)
    return seed


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = "Debian's chromium is not installed (apt-get install chromium)."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


# What the browser says when a page is replaced while a script is running in it.
_NAVIGATED_AWAY = ("Execution context was destroyed", "Cannot read properties of null",
                   "navigation")


def _run_axe_on_settled_page(axe, page, attempts: int = 3):
    """Run axe once the page has loaded. A click on a link returns before the next page arrives,
    so axe can start on the old page and have it torn down mid-run: then wait and check the
    page that arrived."""
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(1, attempts + 1):
        page.wait_for_load_state("load")
        try:
            return axe.run(page)
        except PlaywrightError as error:
            if attempt == attempts or not any(sign in str(error) for sign in _NAVIGATED_AWAY):
                raise
            page.wait_for_timeout(250)
    raise AssertionError("unreachable: the last attempt returns or raises")


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core on the current page and fail with a readable list of violations."""

    def check(page, context: str = ""):
        results = _run_axe_on_settled_page(axe, page)
        violations = results.response["violations"]
        if violations:
            lines = [f"{v['id']} ({v['impact']}): {v['help']} — "
                     + "; ".join(node["target"][0] if isinstance(node["target"][0], str)
                                 else str(node["target"]) for node in v["nodes"][:3])
                     for v in violations]
            pytest.fail(f"axe found {len(violations)} violation(s) on {context or page.url}:\n"
                        + "\n".join(lines))

    return check


@pytest.fixture
def identity_provider(settings):
    """A local OpenID Connect provider (oidc-provider-mock) wired into the settings."""
    from oidc_provider_mock import run_server_in_thread

    from civiccx.accounts import oidc

    with run_server_in_thread() as server:
        base = f"http://localhost:{server.server_port}"
        settings.OIDC_DISCOVERY_URL = f"{base}/.well-known/openid-configuration"
        settings.OIDC_CLIENT_ID = "civiccx-test"
        settings.OIDC_CLIENT_SECRET = "civiccx-test-secret"
        settings.OIDC_CLIENT_AUTH_METHOD = "client_secret_basic"
        settings.OIDC_ACR_VALUES = ""
        oidc.discover.cache_clear()
        yield base
        oidc.discover.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _english_by_default():
    """Requests leave their language active in the thread; each test starts in English so
    reverse() gives unprefixed URLs."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_cached_surveys():
    from civiccx.feedback import api

    api._surveys.clear()


@pytest.fixture(autouse=True)
def _fresh_help_search():
    """The help index mirrors the database, which each test rolls back: start from nothing."""
    from civiccx.help.search_service import help_search

    help_search.reset()
    yield


NON_DEFAULT_SITE = "http://127.0.0.1:8100"


@pytest.fixture
def outbox_on_another_port(settings):
    """The site served on a port other than the default (links in texts and emails must
    follow it), with an empty outbox. Returns the site's address."""
    from civiccx.core.notifications import OutboxBackend

    settings.CIVICCX_PUBLIC_URL = NON_DEFAULT_SITE
    OutboxBackend.outbox.clear()
    return NON_DEFAULT_SITE
