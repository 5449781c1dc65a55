"""Real sign-in flows in Chromium: each staff role with its TOTP code, and the public via OIDC."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from civiccx.core.roles import ROLES
from tests.factories import STAFF_PASSWORD, current_code, make_interaction, make_service, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


def _staff_sign_in(page, base, user, assert_accessible=None):
    page.goto(f"{base}/staff/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/sign-in/code/**")
    if assert_accessible:
        assert_accessible(page, "staff code page")
    page.get_by_label("6-digit code").fill(current_code(user))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^https?://[^/]+/staff/$"))


@pytest.mark.parametrize("role", sorted(ROLES))
def test_each_staff_role_signs_in(live_server, page, assert_accessible, role):
    make_service()
    user = make_staff(role)
    _staff_sign_in(page, live_server.url, user, assert_accessible)
    assert page.get_by_role("heading", name="Staff workspace").is_visible()
    assert page.get_by_text(ROLES[role].label, exact=True).first.is_visible()
    assert_accessible(page, f"staff workspace ({role})")


def test_staff_enrollment_page_is_accessible(live_server, page, assert_accessible):
    make_service()
    user = make_staff("researcher")
    TOTPDevice.objects.filter(user=user).delete()
    page.goto(f"{live_server.url}/staff/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/set-up-app/**")
    assert page.get_by_text("Setup key:").is_visible()
    assert_accessible(page, "authenticator setup page")


def test_public_user_signs_in_through_oidc_and_sees_own_activity(
        live_server, page, assert_accessible, identity_provider):
    from civiccx.accounts.models import PublicIdentity

    service = make_service(name="Direct File")
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Sign in", exact=True).click()
    page.get_by_role("link", name="Sign in or create an account").click()
    # At the identity provider: type the subject and authorize.
    page.locator("input[name=sub]").first.fill("rosa@example.com")
    page.locator("input[name=sub]").first.press("Enter")
    page.wait_for_url(f"{live_server.url}/account/interactions/")
    assert page.get_by_role("heading", name="Your activity").is_visible()
    user = PublicIdentity.objects.get(subject="rosa@example.com").user
    interaction = make_interaction(service=service, person=user)
    page.reload()
    assert_accessible(page, "public activity list")
    page.get_by_role("link", name=interaction.ended_at.strftime("%b")).first.click()
    page.wait_for_url(f"**/account/interactions/{interaction.pk}/")
    page.get_by_role("heading", name="Direct File").wait_for()  # waits, unlike is_visible()
    assert_accessible(page, "public activity detail")
