"""Staff sign in with a password and a TOTP code; repeated failures lock the account for good."""

import pytest
from django.urls import reverse
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


def test_locked_out_account_stays_locked(client):
    user = make_staff("csr")
    for _ in range(5):
        response = client.post(reverse("accounts:staff-login"),
                               {"username": user.username, "password": "wrong password"})
    assert response.status_code in (400, 403)
    # Even the right password no longer works, now or later.
    for _ in range(2):
        response = client.post(reverse("accounts:staff-login"),
                               {"username": user.username, "password": STAFF_PASSWORD})
        assert response.status_code == 403
        assert b"This account is locked" in response.content
    assert "_auth_user_id" not in client.session


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
