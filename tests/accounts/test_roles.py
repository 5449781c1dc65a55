"""Roles decide which staff pages open; the public sees only their own records."""

import pytest
from django.urls import reverse

from tests.factories import make_interaction, make_public_user

pytestmark = pytest.mark.django_db


def test_csr_cannot_open_an_analyst_only_page(staff_client):
    client = staff_client("csr")
    response = client.get(reverse("services:staff-interactions"))
    assert response.status_code == 403
    assert b"Your account" in response.content and b"role does not include" in response.content


def test_analyst_opens_the_interaction_explorer(staff_client):
    make_interaction()
    client = staff_client("cx_analyst")
    assert client.get(reverse("services:staff-interactions")).status_code == 200


def test_anonymous_visitors_are_sent_to_staff_sign_in(client):
    response = client.get(reverse("services:staff-interactions"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:staff-login"))


def test_public_user_cannot_open_staff_pages(client):
    client.force_login(make_public_user())
    assert client.get(reverse("core:staff-home")).status_code == 403


def test_public_user_cannot_read_someone_elses_interaction(client):
    owner, other = make_public_user(), make_public_user()
    mine = make_interaction(person=owner)
    theirs = make_interaction(person=other)
    client.force_login(owner)
    assert client.get(reverse("services:my-interaction-detail", args=[mine.pk])).status_code == 200
    response = client.get(reverse("services:my-interaction-detail", args=[theirs.pk]))
    assert response.status_code == 404
    listing = client.get(reverse("services:my-interactions")).content.decode()
    assert reverse("services:my-interaction-detail", args=[mine.pk]) in listing
    assert reverse("services:my-interaction-detail", args=[theirs.pk]) not in listing


def test_admin_site_needs_the_second_factor(client, staff_client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/staff/sign-in/")
    admin_client = staff_client("admin")
    admin_client.user.is_staff = True
    admin_client.user.save()
    assert admin_client.get("/admin/auditlog/logentry/").status_code == 200
