"""Staff sign in with a password and a TOTP code; repeated failures pause that username at
that address for a cool-off, tell the owner, and an administrator can lift the pause."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from civiccx.core.roles import ROLES
from tests.factories import STAFF_PASSWORD, current_code, make_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", sorted(ROLES))
def test_each_role_signs_in_with_password_and_code(client, role):
    user = make_staff(role)
    response = client.post(reverse("accounts:staff-login"),
                           {"username": user.username, "password": STAFF_PASSWORD})
    assert response["Location"].startswith(reverse("accounts:staff-verify"))
    # A password alone does not open staff pages.
    assert client.get(reverse("core:staff-home")).status_code == 302
    response = client.post(response["Location"], {"code": current_code(user)})
    assert response.status_code == 302
    page = client.get(reverse("core:staff-home"))
    assert page.status_code == 200
    assert ROLES[role].label.encode() in page.content


def test_wrong_code_is_explained(client):
    user = make_staff("csr")
    client.post(reverse("accounts:staff-login"),
                {"username": user.username, "password": STAFF_PASSWORD})
    wrong = "000000" if current_code(user) != "000000" else "111111"
    response = client.post(reverse("accounts:staff-verify"), {"code": wrong})
    assert response.status_code == 400
    assert b"That code is not right" in response.content
    response = client.post(reverse("accounts:staff-verify"), {"code": "12ab"})
    assert b"The code must be exactly 6 digits" in response.content


def test_new_staff_member_enrolls_an_authenticator(client):
    user = make_staff("researcher")
    TOTPDevice.objects.filter(user=user).delete()
    response = client.post(reverse("accounts:staff-login"),
                           {"username": user.username, "password": STAFF_PASSWORD})
    assert response["Location"].startswith(reverse("accounts:staff-enroll"))
    page = client.get(reverse("accounts:staff-enroll"))
    assert b"<svg" in page.content and b"Setup key" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    from django_otp.oath import totp

    code = f"{totp(device.bin_key):06d}"
    response = client.post(reverse("accounts:staff-enroll"), {"code": code})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("core:staff-home")).status_code == 200


ATTACKER, OWNER = "203.0.113.9", "198.51.100.7"


def _sign_in(client, user, password, address):
    return client.post(reverse("accounts:staff-login"),
                       {"username": user.username, "password": password}, REMOTE_ADDR=address)


def _lock(client, user):
    for _ in range(5):
        response = _sign_in(client, user, "wrong password", ATTACKER)
    return response


@pytest.fixture
def outbox():
    from civiccx.core.notifications import OutboxBackend

    OutboxBackend.outbox.clear()
    return OutboxBackend.outbox


def test_five_failures_pause_that_address_not_the_account(client, outbox):
    """An anonymous attacker can no longer lock a staff member out of their own account."""
    user = make_staff("csr")
    user.email = "casey@agency.example"
    user.save()
    assert _lock(client, user).status_code in (400, 403)
    # From the attacker's address even the right password is refused, with a clear page.
    refused = _sign_in(client, user, STAFF_PASSWORD, ATTACKER)
    assert refused.status_code == 403 and b"Sign-in paused" in refused.content
    assert b"paused for 15 minutes" in refused.content
    assert "_auth_user_id" not in client.session
    # The owner, at their own desk, signs in as usual.
    owner = _sign_in(client, user, STAFF_PASSWORD, OWNER)
    assert owner.status_code == 302 and owner["Location"].startswith(
        reverse("accounts:staff-verify"))
    # The owner was told, once.
    [alert] = [m for m in outbox if m.to == "casey@agency.example"]
    assert "paused" in alert.subject and ATTACKER in alert.body and user.username in alert.body


def test_the_pause_ends_after_the_cool_off(client):
    from datetime import timedelta

    from axes.models import AccessAttempt

    user = make_staff("csr")
    _lock(client, user)
    assert _sign_in(client, user, STAFF_PASSWORD, ATTACKER).status_code == 403
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _sign_in(client, user, STAFF_PASSWORD, ATTACKER).status_code == 302


def test_an_administrator_sees_and_lifts_a_lockout(client, staff_client):
    from django.test import Client

    user = make_staff("csr")
    _lock(Client(), user)
    admin = staff_client("admin")
    page = admin.get(reverse("accounts:lockouts")).content.decode()
    assert user.username in page and ATTACKER in page
    assert reverse("accounts:lockouts") in admin.get(reverse("core:staff-home")).content.decode()
    done = admin.post(reverse("accounts:unlock"),
                      {"username": user.username, "ip_address": ATTACKER}, follow=True)
    assert f"Sign-in for {user.username} is unlocked." in done.content.decode()
    assert user.username not in admin.get(reverse("accounts:lockouts")).content.decode()
    assert _sign_in(Client(), user, STAFF_PASSWORD, ATTACKER).status_code == 302


def test_only_administrators_unlock(staff_client):
    csr = staff_client("csr")
    assert csr.get(reverse("accounts:lockouts")).status_code == 403
    assert csr.post(reverse("accounts:unlock"), {"username": "x"}).status_code == 403


def test_public_accounts_cannot_use_staff_sign_in(client):
    from civiccx.accounts.models import User

    User.objects.create_user(username="someone", password=STAFF_PASSWORD)
    response = client.post(reverse("accounts:staff-login"),
                           {"username": "someone", "password": STAFF_PASSWORD})
    assert response.status_code == 400
    assert b"The username or password is not right" in response.content


def test_empty_sign_in_form_names_each_missing_field(client):
    response = client.post(reverse("accounts:staff-login"), {})
    assert b"Enter your username." in response.content
    assert b"Enter your password." in response.content
