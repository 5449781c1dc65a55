"""Phone, walk-in and help figures read for one service: each counts that service's customers
only (a call's queue, a walk-in's ticket, the article a search or vote was about) and equals a
hand recount of that service's own rows, so two services' reports show different numbers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from civiccx.help.models import SearchLog, Vote
from civiccx.metrics.registry import Period, figures, read_figure
from civiccx.phone.models import QueueEntry
from civiccx.services.models import VisitStep
from civiccx.walkin.models import CenterService, Ticket
from tests.factories import make_call_queue, make_center, make_service
from tests.help.factories import make_help_article

pytestmark = pytest.mark.django_db

NOW = timezone.now()
WEEK = Period.last(7)


def test_phone_walk_in_help_and_direct_file_figures_are_read_per_service():
    assert {figure.key for figure in figures(per_service=True)} >= {
        "phone.service_level", "phone.answer_minutes", "phone.estimate_error_minutes",
        "walkin.wait_minutes", "walkin.estimate_error_minutes", "help.deflection",
        "help.helpful_share", "directfile.returns_received", "directfile.processed_share",
        "directfile.return_completion"}


def _call(queue, waited, predicted=None, *, at=NOW - timedelta(minutes=1)):
    QueueEntry.objects.create(queue=queue, kind="hold", status="resolved",
                              arrived_at=at - timedelta(seconds=waited), first_claimed_at=at,
                              predicted_wait_seconds=predicted)


@pytest.fixture
def phone_lines():
    """Refunds: five calls answered this week (300 s service level) and one a month ago;
    payments: two calls."""
    refunds, payments = make_service(slug="refunds"), make_service(slug="payments")
    line = make_call_queue(refunds, slug="refunds")
    for waited, predicted in ((60, 120), (200, None), (400, 300), (100, None), (700, None)):
        _call(line, waited, predicted)
    _call(line, 30, at=NOW - timedelta(days=30))
    line = make_call_queue(payments, slug="payments")
    for waited, predicted in ((900, 600), (1200, 600)):
        _call(line, waited, predicted)
    return refunds, payments


def test_phone_figures_count_the_calls_of_the_services_queues(phone_lines):
    refunds, payments = phone_lines
    level = read_figure("phone.service_level", WEEK, refunds.pk)
    assert [(v.group, v.value, v.n) for v in level] == [("", 3 / 5, 5), ("refunds", 3 / 5, 5)]
    assert [(v.group, v.value, v.n)
            for v in read_figure("phone.service_level", WEEK, payments.pk)] == [
        ("", 0.0, 2), ("payments", 0.0, 2)]
    assert read_figure("phone.service_level", WEEK)[0].n == 7  # the agency: both services

    minutes = {service: read_figure("phone.answer_minutes", WEEK, service.pk)[0]
               for service in (refunds, payments)}
    assert minutes[refunds].value == pytest.approx((60 + 200 + 400 + 100 + 700) / 5 / 60)
    assert minutes[payments].value == pytest.approx((900 + 1200) / 2 / 60)
    raw = QueueEntry.objects.filter(queue__service=refunds, first_claimed_at__gte=WEEK.start)
    assert minutes[refunds].n == raw.count() == 5

    error = {service: read_figure("phone.estimate_error_minutes", WEEK, service.pk)[0]
             for service in (refunds, payments)}
    assert (error[refunds].value, error[refunds].n) == (pytest.approx((60 + 100) / 2 / 60), 2)
    assert (error[payments].value, error[payments].n) == (pytest.approx((300 + 600) / 2 / 60), 2)


def test_a_service_without_a_phone_line_has_no_phone_figures(phone_lines):
    none = make_service(slug="no-line")
    assert [(v.value, v.n) for v in read_figure("phone.service_level", WEEK, none.pk)] == [
        (None, 0)]


def _ticket(center, offering, number, waited, predicted=None, *, appointment=None):
    return Ticket.objects.create(
        center=center, offering=offering, day=NOW.date(), prefix=offering.prefix,
        number=number, status="served", due_at=NOW, appointment=appointment,
        arrived_at=NOW - timedelta(seconds=waited + 60),
        first_called_at=NOW - timedelta(seconds=60), predicted_wait_seconds=predicted)


def test_walk_in_figures_count_the_tickets_taken_for_the_service():
    center = make_center(services=(("A", 30), ("B", 20)))
    first, second = center.offerings.order_by("prefix")
    other_center = make_center()
    elsewhere = other_center.offerings.get()
    CenterService.objects.filter(pk=elsewhere.pk).update(service=first.service)
    _ticket(center, first, 1, 300, 600)
    _ticket(center, first, 2, 900)
    _ticket(other_center, elsewhere, 1, 1200, 600)
    _ticket(center, second, 1, 60, 120)

    day = Period.last(1)
    waits = read_figure("walkin.wait_minutes", day, first.service_id)
    assert [(v.group, v.value, v.n) for v in waits] == sorted([
        ("", (300 + 900 + 1200) / 3 / 60, 3),
        (center.location.slug, (300 + 900) / 2 / 60, 2),
        (other_center.location.slug, 1200 / 60, 1)])
    raw = Ticket.objects.filter(offering__service=first.service, appointment__isnull=True)
    assert waits[0].n == raw.count()
    assert [(v.value, v.n) for v in read_figure("walkin.wait_minutes", day,
                                                second.service_id)][0] == (1.0, 1)
    errors = {offering.service_id: read_figure("walkin.estimate_error_minutes", day,
                                               offering.service_id)[0]
              for offering in (first, second)}
    assert (errors[first.service_id].value, errors[first.service_id].n) == (
        pytest.approx((300 + 600) / 2 / 60), 2)
    assert (errors[second.service_id].value, errors[second.service_id].n) == (1.0, 1)


def _search(visit, *, results=3, top="", clicked="", language="en"):
    return SearchLog.objects.create(query="q", normalized="q", language=language,
                                    results=results, top_slug=top, clicked_slug=clicked,
                                    clicked_rank=1 if clicked else None, visit=visit,
                                    at=NOW - timedelta(hours=2))


@pytest.fixture
def help_articles():
    refunds, payments = make_service(slug="refunds"), make_service(slug="payments")
    refund_page = make_help_article("where-is-my-refund")
    refund_page.services.set([refunds])
    payment_page = make_help_article("payment-plans")
    payment_page.services.set([payments])
    both = make_help_article("notices")
    both.services.set([refunds, payments])
    return refunds, payments, refund_page, payment_page, both


def test_deflection_counts_the_visits_whose_searches_led_to_the_services_articles(
        help_articles):
    refunds, payments, refund_page, payment_page, both = help_articles
    _search("a" * 32, top="where-is-my-refund")  # refunds, shown first; escalated
    _search("b" * 32, top="payment-plans", clicked="where-is-my-refund")  # opened: refunds
    _search("c" * 32, top="notices")  # both services
    _search("d" * 32, top="payment-plans", language="es")  # payments; escalated
    _search("e" * 32, top="payment-plans")  # payments
    _search("f" * 32, results=0)  # no result: no service's, the help center's only
    for visit in ("a" * 32, "d" * 32, "f" * 32):
        VisitStep.objects.create(visit=visit, step="callback_requested", channel="phone",
                                 at=NOW - timedelta(hours=1))

    week = Period.last(2)
    refund_values = read_figure("help.deflection", week, refunds.pk)
    assert [(v.group, v.value, v.n) for v in refund_values] == [
        ("", 2 / 3, 3), ("en", 2 / 3, 3), ("es", None, 0)]
    payment_values = read_figure("help.deflection", week, payments.pk)
    assert [(v.group, v.value, v.n) for v in payment_values] == [
        ("", 2 / 3, 3), ("en", 1.0, 2), ("es", 0.0, 1)]
    assert [(v.value, v.n) for v in read_figure("help.deflection", week)][0] == (3 / 6, 6)


def test_helpful_share_counts_votes_on_the_services_articles(help_articles):
    refunds, payments, refund_page, payment_page, both = help_articles

    def votes(article, language, answers):
        translation = article.translations.get(language=language)
        for helpful in answers:
            Vote.objects.create(translation=translation, helpful=helpful,
                                at=NOW - timedelta(hours=2))

    votes(refund_page, "en", (True, True, True, False))
    votes(refund_page, "es", (False,))
    votes(payment_page, "en", (True, False, False))
    votes(both, "en", (True,))

    week = Period.last(2)
    refund_values = read_figure("help.helpful_share", week, refunds.pk)
    assert [(v.group, v.value, v.n) for v in refund_values] == [
        ("", 4 / 6, 6), ("en", 4 / 5, 5), ("es", 0.0, 1)]
    payment_values = read_figure("help.helpful_share", week, payments.pk)
    assert [(v.group, v.value, v.n) for v in payment_values] == [
        ("", 2 / 4, 4), ("en", 2 / 4, 4), ("es", None, 0)]
    raw = Vote.objects.filter(translation__article__services=refunds)
    assert refund_values[0].n == raw.count()
    assert read_figure("help.helpful_share", week)[0].n == 9
