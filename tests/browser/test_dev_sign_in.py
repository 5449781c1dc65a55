"""The demo's local identity provider page, in the demo's design (issue #18 item 16): by
keyboard, a labelled email field, axe at zero, and back at the site signed in."""

import socket

import pytest

from civiccx.demo_server import _serve_in_thread, dev_identity_provider

pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_demo_sign_in_page_is_accessible_and_styled_by_the_site(live_server, page,
                                                                    assert_accessible):
    port = _free_port()
    with _serve_in_thread(dev_identity_provider(live_server.url), port):
        page.goto(f"http://127.0.0.1:{port}/oauth2/authorize?client_id=civiccx-demo&"
                  "response_type=code&scope=openid+email&"
                  "redirect_uri=http://127.0.0.1:8100/account/sign-in/callback/")
        assert page.title() == "Sign in | Civic CX demo"
        # The site's USWDS stylesheet applied: the button is the site's blue, not a CDN's.
        assert page.locator("button.usa-button").first.evaluate(
            "b => getComputedStyle(b).backgroundColor") == "rgb(0, 94, 162)"
        assert page.evaluate("document.activeElement.id") == "sub"  # typing goes to the field
        assert page.get_by_label("Email address").is_visible()
        assert_accessible(page, "demo sign-in")
