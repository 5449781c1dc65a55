"""axe-core finds no accessibility violations on any public page, in English or Spanish."""


import pytest

from tests.browser.public_pages import AXE_PAGES

pytestmark = pytest.mark.django_db(transaction=True)

ALL_PATHS = [path for paths in AXE_PAGES.values() for path in paths]


@pytest.fixture
def demo_catalog(seed_demo):
    # every app with public pages (the staffing plan is staff-only and the slowest to seed)
    seed_demo("feedback", "phone", "walkin", "help", "directfile", "research", "metrics",
              "reports")


@pytest.mark.parametrize("language", ["", "/es"])
def test_every_public_page_has_no_axe_violations(live_server, page, assert_accessible,
                                                 demo_catalog, language):
    for path in ALL_PATHS:
        response = page.goto(f"{live_server.url}{language}{path}")
        assert response.status == 200, f"{language}{path} answered {response.status}"
        assert_accessible(page, f"{language}{path}")


def test_not_found_page_is_accessible(live_server, page, assert_accessible, demo_catalog):
    response = page.goto(f"{live_server.url}/no-such-page/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Page not found").is_visible()
    assert_accessible(page, "404 page")


def test_skip_link_moves_focus_to_main_content(live_server, page, demo_catalog):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
