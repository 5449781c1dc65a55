"""Direct File's idle timeout in Chromium, keyboard only, in English and Spanish, with axe on
the warning: at 10 quiet minutes a dialog offers to stay signed in (focus on that button);
staying keeps the session; at 15 minutes, or on "Sign out now", the screen's answers are saved
first and then the person is signed out. The page's clock is Playwright's, moved forward."""

from __future__ import annotations

import pytest
from django.urls import reverse

from civiccx.directfile.models import FunnelEvent, TaxReturn
from tests.browser.keyboard import tab_to
from tests.browser.test_directfile import filer  # noqa: F401 (the signed-in filer fixture)
from tests.directfile.helpers import SINGLE, make_return

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {"": {"warning": "Your session is about to end", "ended": "Your session ended"},
         "/es": {"warning": "Su sesión está por terminar", "ended": "Su sesión terminó"}}


def _open_name_screen(page, live_server, prefix):
    page.clock.install()
    page.goto(f"{live_server.url}{prefix}{reverse('directfile:screen', args=[2024, 'your-name'])}")
    tab_to(page, "#field-f0")
    page.keyboard.press("Control+A")
    page.keyboard.type("Anita")  # typed, not saved yet


def _wait_for_warning(page, words, assert_accessible):
    page.clock.fast_forward("10:00")
    dialog = page.locator("#df-idle-dialog")
    dialog.wait_for(state="visible")
    assert words["warning"] in dialog.inner_text()
    assert page.evaluate("document.activeElement.id") == "df-idle-stay"
    assert_accessible(page, "idle warning dialog")
    return dialog


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_idle_warning_keeps_the_session_then_saves_and_signs_out(
        live_server, page, assert_accessible, filer, prefix):  # noqa: F811
    tr = make_return(filer, SINGLE)
    words = WORDS[prefix]
    _open_name_screen(page, live_server, prefix)

    dialog = _wait_for_warning(page, words, assert_accessible)
    with page.expect_response(lambda r: "keep-alive" in r.url) as kept:
        page.keyboard.press("Enter")  # "Stay signed in"
    assert kept.value.status == 204
    dialog.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.id") != "df-idle-stay"

    _wait_for_warning(page, words, assert_accessible)  # 10 more quiet minutes
    with page.expect_navigation():
        page.clock.fast_forward("05:00")  # 15 minutes: the answers are posted, then sign-out
    assert words["ended"] in page.locator("h1").inner_text()
    assert_accessible(page, "session ended")
    tr.refresh_from_db()
    assert tr.answers["/primaryFiler/firstName"] == "Anita"
    assert FunnelEvent.objects.filter(kind="timed_out").count() == 1
    page.goto(f"{live_server.url}{prefix}{reverse('directfile:hub', args=[2024])}")
    assert not page.url.split("?")[0].endswith("/direct-file/2024/")  # signed out


def test_sign_out_now_saves_the_screen_first(live_server, page, assert_accessible,
                                             filer):  # noqa: F811
    tr = make_return(filer, SINGLE)
    _open_name_screen(page, live_server, "/es")
    _wait_for_warning(page, WORDS["/es"], assert_accessible)
    page.keyboard.press("Tab")  # to "Sign out now"
    assert page.evaluate("document.activeElement.id") == "df-idle-leave"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert WORDS["/es"]["ended"] in page.locator("h1").inner_text()
    assert TaxReturn.objects.get(pk=tr.pk).answers["/primaryFiler/firstName"] == "Anita"
