"""Pages and downloads that show personal information send `Cache-Control: no-store`, so a
shared computer's browser cache or a proxy never keeps them (issue #18 item 8)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from civiccx.walkin.models import Appointment
from tests.factories import make_call_queue, make_center, make_interaction, midday_zone

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.headers.get("Cache-Control", "")


def test_personal_link_pages_are_not_stored(client):
    make_call_queue(slug="main-line")
    reply = client.post("/phone/callback/main-line/", {"phone": "(202) 555-0166", "language": "en"})
    confirmation = client.get(reply["Location"])
    assert confirmation.status_code == 200 and _no_store(confirmation)
    spanish = client.get("/es" + reply["Location"])
    assert _no_store(spanish)

    center = make_center(time_zone=midday_zone(), min_notice_minutes=0)
    form = client.get(f"/visit/{center.slug}/book/").content
    slot = re.search(rb'name="slot" value="([^"]+)"', form).group(1).decode()
    booked = client.post(
        f"/visit/{center.slug}/book/",
        {"service": "A", "slot": slot, "email": "a@example.com", "language": "en"},
    )
    page = client.get(booked["Location"])
    assert page.status_code == 200
    assert _no_store(page)
    calendar = client.get(booked["Location"] + "calendar.ics")
    assert calendar.status_code == 200 and _no_store(calendar)
    code = Appointment.objects.get().code
    changing = client.get(client.post("/visit/appointment/", {"code": code})["Location"])
    assert code in changing.content.decode() and _no_store(changing)


def test_staff_pages_and_downloads_are_not_stored(staff_client):
    interaction = make_interaction()
    analyst = staff_client("cx_analyst")
    for path in (
        "/staff/",
        "/staff/interactions/",
        f"/staff/interactions/{interaction.pk}/",
        "/staff/cx/a11/?format=csv",
    ):
        response = analyst.get(path)
        assert response.status_code in (200, 302) and _no_store(response), path


def test_a_signed_in_persons_pages_are_not_stored(client):
    from tests.factories import make_public_user

    client.force_login(make_public_user())
    response = client.get("/account/interactions/")
    assert response.status_code == 200 and _no_store(response)
    assert _no_store(client.get("/help/"))  # any page, once signed in


def test_anonymous_public_pages_stay_cacheable():
    anonymous = Client()
    for path in ("/", "/help/", "/visit/"):
        response = anonymous.get(path)
        assert response.status_code == 200 and not _no_store(response), path
    assert not re.search("no-store", anonymous.get("/es/").headers.get("Cache-Control", ""))
