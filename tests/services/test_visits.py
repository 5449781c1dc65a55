"""A visit followed across channels: a help search then a callback request or a booked visit is
recorded on the spine as a step of the visit (what help analytics counts as an escalation)."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from civiccx.services.models import VisitStep
from civiccx.services.visits import VISIT_SESSION_KEY, record_visit_step, visit_id
from tests.factories import make_call_queue, make_center, midday_zone

pytestmark = pytest.mark.django_db

VISIT = "0123456789abcdef0123456789abcdef"


def searched(client, visit=VISIT):
    """What the search view leaves in the session."""
    session = client.session
    session[VISIT_SESSION_KEY] = visit
    session.save()


def ask_for_callback(client):
    queue = make_call_queue()
    return client.post(reverse("phone:request-callback", args=[queue.slug]),
                       {"phone": "(202) 555-0166", "language": "en"})


def book_a_visit(client):
    center = make_center(min_notice_minutes=60, time_zone=midday_zone())
    url = f"/visit/{center.slug}/book/"
    slot = re.search(rb'name="slot" value="([^"]+)"', client.get(url).content).group(1)
    return client.post(url, {"service": "A", "slot": slot.decode(), "email": "a@example.com",
                             "language": "en"})


@pytest.mark.parametrize("visit", [VISIT, "0123456789abcdef"])
def test_a_search_then_a_callback_request_is_one_phone_step(client, visit):
    searched(client, visit)
    assert ask_for_callback(client).status_code == 302
    [step] = VisitStep.objects.all()
    assert (step.visit, step.channel, step.step) == (visit, "phone", "callback_requested")


def test_a_callback_request_without_a_search_is_not_followed(client):
    assert ask_for_callback(client).status_code == 302
    assert not VisitStep.objects.exists()


def test_a_refused_callback_request_is_not_a_step(client):
    searched(client)
    queue = make_call_queue()
    reply = client.post(reverse("phone:request-callback", args=[queue.slug]),
                        {"phone": "555-01", "language": "en"})
    assert reply.status_code == 400
    assert not VisitStep.objects.exists()


def test_a_search_then_a_booked_visit_is_one_in_person_step(client):
    searched(client)
    assert book_a_visit(client).status_code == 302
    [step] = VisitStep.objects.all()
    assert (step.visit, step.channel, step.step) == (VISIT, "in_person", "visit_booked")


def test_a_booking_without_a_search_is_not_followed(client):
    assert book_a_visit(client).status_code == 302
    assert not VisitStep.objects.exists()


def test_visit_id_is_made_once_per_session_and_only_when_asked():
    request = RequestFactory().get("/")
    request.session = {}
    assert visit_id(request) is None
    first = visit_id(request, create=True)
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert visit_id(request, create=True) == first == visit_id(request)
    request.session[VISIT_SESSION_KEY] = "<not an id>"
    assert visit_id(request) is None
    with pytest.raises(ValueError, match="Unknown visit step 'email'"):
        record_visit_step(request, "email")
