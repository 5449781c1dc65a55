"""The public callback pages and the CSR workspace, as people use them."""

import pytest
from django.urls import reverse

from civiccx.phone.models import QueueEntry
from civiccx.phone.services import cancel_token, request_callback
from tests.factories import make_call_queue

pytestmark = pytest.mark.django_db


def test_web_request_confirms_and_can_be_cancelled_by_link(client):
    queue = make_call_queue(slug="main-line")
    page = client.get(reverse("phone:request-callback", args=["main-line"]))
    assert b"Wait right now" in page.content
    reply = client.post(reverse("phone:request-callback", args=["main-line"]),
                        {"phone": "(202) 555-0166", "language": "en"})
    assert reply.status_code == 302
    confirmation = client.get(reply["Location"])
    assert b"We will call you back" in confirmation.content
    # The page repeats the number we will call, written as people write it.
    assert "We will call</dt><dd>(202) 555-0166</dd>" in confirmation.content.decode()
    entry = QueueEntry.objects.get()
    cancel_url = reverse("phone:cancel", args=[cancel_token(entry)])
    assert b"Yes, cancel my callback" in client.get(cancel_url).content
    done = client.post(cancel_url)
    assert b"Callback cancelled" in done.content
    entry.refresh_from_db()
    assert entry.status == "cancelled"
    assert queue.entries.count() == 1


def test_web_request_with_bad_input_keeps_what_was_typed(client):
    make_call_queue(slug="main-line")
    reply = client.post(reverse("phone:request-callback", args=["main-line"]),
                        {"phone": "555-01", "language": "es"})
    assert reply.status_code == 400
    assert b"Enter a valid US phone number" in reply.content
    assert b'value="555-01"' in reply.content
    assert not QueueEntry.objects.exists()


def test_duplicate_web_request_is_explained(client):
    queue = make_call_queue(slug="main-line")
    request_callback(queue, "202-555-0170")
    reply = client.post(reverse("phone:request-callback", args=["main-line"]),
                        {"phone": "202-555-0170", "language": "en"})
    assert b"already has a callback waiting" in reply.content


def test_unknown_queue_and_bad_cancel_link(client):
    assert client.get(reverse("phone:request-callback", args=["nope"])).status_code == 404
    bad = client.get(reverse("phone:cancel", args=["forged"]))
    assert bad.status_code == 404 and b"This link does not work" in bad.content


def test_csr_takes_and_finishes_a_call(staff_client):
    queue = make_call_queue()
    request_callback(queue, "202-555-0180")
    client = staff_client("csr")
    client.post(reverse("phone:change-status"), {"status": "available"})
    client.post(reverse("phone:next-call"))
    page = client.get(reverse("phone:workspace")).content.decode()
    assert "Call this person back now" in page
    assert 'href="tel:+12025550180">(202) 555-0180</a>' in page  # written as people write it
    assert "None from this number." in page
    entry = QueueEntry.objects.get()
    client.post(reverse("phone:finish-call", args=[entry.pk]), {"outcome": "resolved"})
    entry.refresh_from_db()
    assert entry.status == "resolved"


def test_csr_cannot_finish_another_csrs_call(staff_client):
    queue = make_call_queue()
    request_callback(queue, "202-555-0181")
    first = staff_client("csr")
    first.post(reverse("phone:next-call"))
    entry = QueueEntry.objects.get()
    second = staff_client("csr")  # signs the same test client in as a new CSR
    reply = second.post(reverse("phone:finish-call", args=[entry.pk]), {"outcome": "resolved"},
                        follow=True)
    assert b"belongs to another representative" in reply.content
    entry.refresh_from_db()
    assert entry.status == "in_progress"


def test_a_call_finished_twice_is_refused_with_a_reason(staff_client):
    """A second submit of the outcome form (back button, double click) changes nothing and
    says why."""
    queue = make_call_queue()
    request_callback(queue, "202-555-0182")
    client = staff_client("csr")
    client.post(reverse("phone:next-call"))
    entry = QueueEntry.objects.get()
    client.post(reverse("phone:finish-call", args=[entry.pk]), {"outcome": "resolved"})
    again = client.post(reverse("phone:finish-call", args=[entry.pk]),
                        {"outcome": "transferred"}, follow=True)
    assert again.status_code == 200 and b"This call has already ended." in again.content
    entry.refresh_from_db()
    assert entry.status == "resolved"


def test_the_csr_sees_the_callers_earlier_contacts(staff_client):
    """Issue #18 item 15: the CSR sees what this caller asked before (same number, any line;
    and, when they asked signed in, their visits on other channels), not someone else's."""
    from datetime import timedelta

    from django.utils import timezone

    from civiccx.phone.services import record_outcome, take_next
    from civiccx.services.models import Channel, Interaction, Outcome
    from tests.factories import make_public_user, make_service

    queue = make_call_queue()
    other_line = make_call_queue(slug="payments-line")
    csr = staff_client("csr")
    earlier = timezone.now() - timedelta(days=9)
    for number, notes in (("202-555-0190", "Asked about a CP2000 notice."),
                          ("202-555-0191", "Someone else's question.")):
        entry = request_callback(other_line, number, now=earlier)
        assert take_next(csr.user, now=earlier) == entry
        record_outcome(entry, csr.user, "reached", notes=notes,
                       now=earlier + timedelta(minutes=5))
    person = make_public_user()
    Interaction.objects.create(
        service=make_service(queue.service.provider, name="Direct File"), channel=Channel.WEB,
        started_at=earlier - timedelta(days=20, minutes=14), ended_at=earlier - timedelta(days=20),
        outcome=Outcome.RESOLVED, person=person, source="test")
    request_callback(queue, "(202) 555-0190", person=person)
    csr.post(reverse("phone:next-call"))
    page = csr.get(reverse("phone:workspace")).content.decode()
    assert ">(202) 555-0190</a>" in page
    history = page[page.index('id="history-heading"'):page.index("How did it end?")]
    assert "Asked about a CP2000 notice." in history and "Reached, needs follow-up" in history
    assert "Direct File" in history and "Resolved" in history  # their visit on the web
    assert history.index("CP2000") < history.index("Direct File")  # newest first
    assert "Someone else" not in page and "None from this number" not in page
