"""The metrics registry: every app declares its rollup sources and operational figures, and a
reader (a dashboard, a report, `civiccx metrics figures`) gets them without importing the app."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from civiccx.help.models import SearchLog
from civiccx.metrics.registry import (
    Period,
    figures,
    read_figure,
    register_figure,
    rollup_sources,
)
from civiccx.phone.models import QueueEntry
from civiccx.services.models import VisitStep
from civiccx.walkin.models import Ticket
from tests.factories import make_call_queue, make_center

NOW = timezone.now()


def test_each_app_declares_its_figures_and_sources():
    declared = {figure.key: figure.unit for figure in figures()}
    assert declared == {
        "phone.service_level": "share", "phone.answer_minutes": "minutes",
        "phone.estimate_error_minutes": "minutes", "walkin.wait_minutes": "minutes",
        "walkin.estimate_error_minutes": "minutes", "help.deflection": "share",
        "help.helpful_share": "share", "directfile.returns_received": "count",
        "directfile.processed_share": "share", "directfile.return_completion": "share",
        "services.served": "count",
        "services.resolved_share": "share"}
    assert [figure.key for figure in figures("help")] == ["help.deflection", "help.helpful_share"]
    assert {source.name for source in rollup_sources()} == {
        "services.interactions", "metrics.external_counts", "feedback.responses",
        "feedback.offers", "help.votes", "directfile.season",
        "directfile.funnel"}


@pytest.mark.parametrize(("key", "unit", "message"), [
    ("service_level", "share", "A figure key is '<app>.<name>'"),
    ("phone.calls", "calls", "Unknown unit 'calls' for phone.calls"),
])
def test_a_badly_declared_figure_is_refused(key, unit, message):
    with pytest.raises(ValueError, match=message):
        register_figure(key, title="x", unit=unit, read=lambda period: [])


def test_an_unknown_figure_names_the_known_ones():
    with pytest.raises(KeyError,
                       match="No figure 'phone.nope'; registered: directfile.processed_share"):
        read_figure("phone.nope", Period.last(7))


@pytest.mark.django_db
def test_phone_figures_from_the_calls_answered():
    queue = make_call_queue(slug="main-line")  # 300 s service level
    for waited, predicted in ((60, 120), (200, 120), (400, None), (1000, 600)):
        QueueEntry.objects.create(queue=queue, kind="hold", status="resolved",
                                  arrived_at=NOW - timedelta(seconds=waited + 60),
                                  first_claimed_at=NOW - timedelta(seconds=60),
                                  predicted_wait_seconds=predicted)
    QueueEntry.objects.create(queue=queue, kind="hold", status="resolved",  # before the period
                              arrived_at=NOW - timedelta(days=20),
                              first_claimed_at=NOW - timedelta(days=20))
    week = Period.last(7)
    whole, line = read_figure("phone.service_level", week)
    assert (whole.value, whole.n, whole.group) == (0.5, 4, "")
    assert (line.value, line.n, line.group) == (0.5, 4, "main-line")
    assert read_figure("phone.answer_minutes", week)[0].value == pytest.approx(
        (60 + 200 + 400 + 1000) / 4 / 60)
    error = read_figure("phone.estimate_error_minutes", week)[0]
    assert (error.value, error.n) == (pytest.approx((60 + 80 + 400) / 3 / 60), 3)


@pytest.mark.django_db
def test_walk_in_waits_count_walk_ins_not_appointments():
    center = make_center()
    offering = center.offerings.get(prefix="A")
    for number, waited in enumerate((300, 900), start=1):
        Ticket.objects.create(center=center, offering=offering, day=NOW.date(), prefix="A",
                              number=number, status="served", due_at=NOW,
                              arrived_at=NOW - timedelta(seconds=waited + 60),
                              first_called_at=NOW - timedelta(seconds=60),
                              predicted_wait_seconds=600)
    [whole, one_center] = read_figure("walkin.wait_minutes", Period.last(1))
    assert (whole.value, whole.n) == (10.0, 2)
    assert one_center.group == center.location.slug
    assert read_figure("walkin.estimate_error_minutes", Period.last(1))[0].value == 5.0


@pytest.mark.django_db
def test_help_deflection_is_read_from_the_steps_recorded_on_the_spine():
    for visit in ("a" * 32, "b" * 32, "c" * 32, "d" * 32):
        SearchLog.objects.create(query="refund", normalized="refund", language="en",
                                 results=3, visit=visit, at=NOW - timedelta(hours=2))
    VisitStep.objects.create(visit="a" * 32, step="callback_requested", channel="phone",
                             at=NOW - timedelta(hours=1))
    whole, english, spanish = read_figure("help.deflection", Period.last(2))
    assert (whole.value, whole.n) == (0.75, 4)
    assert (english.group, english.value, spanish.group, spanish.value) == ("en", 0.75, "es", None)


@pytest.mark.django_db
def test_the_figures_command_prints_every_figure(capsys):
    call_command("metrics", "figures", "--days", "7")
    out = capsys.readouterr().out
    for title in ("Phone: share answered within the service level",
                  "Walk-in centers: average wait to be called",
                  "Help center: search visits that needed no call or visit"):
        assert title in out
