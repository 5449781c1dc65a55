"""Per-service figures: the registry reads customers served and resolved for one service (or
the whole agency), and each value equals a recount of the spine's raw rows; a figure whose app
cannot tell services apart says so instead of answering for the agency."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from django.utils import timezone

from civiccx.metrics import registry
from civiccx.metrics.registry import (
    Figure,
    FigureValue,
    NotPerService,
    Period,
    figures,
    read_figure,
)
from civiccx.services.interactions import record_interaction, void_interaction
from civiccx.services.models import Channel, Interaction, Outcome
from tests.factories import make_service

pytestmark = pytest.mark.django_db

QUARTER = "FY2025Q3"  # April to June 2025
PERIOD = Period.of_quarter(QUARTER)


def _at(month: int, day: int, hour: int = 12):
    return timezone.make_aware(datetime.combine(datetime(2025, month, day).date(), time(hour)))


def _serve(service, channel, outcome, at):
    return record_interaction(service=service, channel=channel, started_at=at, ended_at=at,
                              outcome=outcome)


@pytest.fixture
def two_services():
    phone = make_service(slug="phone-help", name="Phone help")
    centers = make_service(slug="centers", name="Centers")
    for n in range(7):  # phone: 7 served in the quarter, 5 resolved
        _serve(phone, Channel.PHONE, Outcome.RESOLVED if n < 5 else Outcome.FOLLOW_UP,
               _at(4, 2 + n))
    _serve(phone, Channel.WEB, Outcome.RESOLVED, _at(6, 30, 23))  # last evening of the quarter
    voided = _serve(phone, Channel.PHONE, Outcome.RESOLVED, _at(5, 1))
    void_interaction(voided, reason="Recorded twice")
    _serve(phone, Channel.PHONE, Outcome.RESOLVED, _at(7, 1, 0))  # next quarter
    _serve(phone, Channel.PHONE, Outcome.RESOLVED, _at(3, 31, 23))  # quarter before
    for n in range(3):  # centers: 3 served, 1 resolved
        _serve(centers, Channel.IN_PERSON, Outcome.RESOLVED if n == 0 else Outcome.REFERRED,
               _at(5, 10 + n))
    return phone, centers


def _recount(service=None) -> tuple[int, int]:
    rows = Interaction.objects.in_effect().filter(ended_at__gte=PERIOD.start,
                                                  ended_at__lt=PERIOD.end)
    if service is not None:
        rows = rows.filter(service=service)
    return rows.count(), rows.filter(outcome=Outcome.RESOLVED).count()


def test_customers_served_per_service_equal_a_recount_of_the_raw_rows(two_services):
    phone, centers = two_services
    for service, expected in ((phone, 8), (centers, 3), (None, 11)):
        served = read_figure("services.served", PERIOD, service and service.pk)
        assert served[0].group == ""
        assert served[0].value == served[0].n == expected == _recount(service)[0]
    by_channel = {v.group: v.value for v in read_figure("services.served", PERIOD, phone.pk)}
    assert by_channel == {"": 8, "phone": 7, "web": 1}


def test_resolved_share_per_service_equals_a_recount(two_services):
    phone, centers = two_services
    for service, share in ((phone, 6 / 8), (centers, 1 / 3), (None, 7 / 11)):
        whole = read_figure("services.resolved_share", PERIOD, service and service.pk)[0]
        served, resolved = _recount(service)
        assert whole.value == pytest.approx(share) == pytest.approx(resolved / served)
        assert whole.n == served


def test_a_service_with_no_customers_has_no_value(two_services):
    empty = make_service(slug="empty")
    assert read_figure("services.served", PERIOD, empty.pk)[0] == FigureValue(0, 0)
    assert read_figure("services.resolved_share", PERIOD, empty.pk)[0].value is None


def test_an_agency_wide_figure_refuses_a_service_filter(two_services, monkeypatch):
    phone, _ = two_services
    monkeypatch.setitem(registry._FIGURES, "outside.calls", Figure(
        "outside.calls", "Calls on a line we do not run", "count",
        lambda period: [FigureValue(12, 12)]))
    assert "outside.calls" in [figure.key for figure in figures(per_service=False)]
    assert {figure.key for figure in figures(per_service=True)} >= {
        "services.served", "services.resolved_share"}
    assert read_figure("outside.calls", PERIOD)[0].value == 12
    with pytest.raises(NotPerService, match="whole agency"):
        read_figure("outside.calls", PERIOD, phone.pk)
    with pytest.raises(KeyError, match="No figure"):
        read_figure("phone.nothing", PERIOD, phone.pk)


def test_customers_served_adds_outside_counts_and_equals_the_rollup(two_services):
    from civiccx.metrics.rollups import SERVED, CellKey, read_scores, record_external_counts

    phone, _centers = two_services
    record_external_counts([(CellKey(phone.pk, Channel.PHONE, QUARTER, "en"), SERVED,
                             {"c1": 500}),
                            (CellKey(phone.pk, Channel.IN_PERSON, QUARTER, "es"), SERVED,
                             {"c1": 20})], source="a phone switch")
    served = read_figure("services.served", PERIOD, phone.pk)
    assert {v.group: v.value for v in served} == {"": 528, "phone": 507, "in_person": 20,
                                                   "web": 1}
    rollup = read_scores({"service_id": phone.pk, "fiscal_quarter": QUARTER})[(QUARTER,)]
    assert served[0].value == rollup.served == 528  # the CX dashboard's "Customers served"
    # outside counts are per quarter: a month of it reads the spine only
    april = Period(PERIOD.first_day, PERIOD.first_day.replace(day=30))
    assert read_figure("services.served", april, phone.pk)[0].value == 7
    # resolved share stays the spine's: outside counts carry no outcome
    assert read_figure("services.resolved_share", PERIOD, phone.pk)[0].n == 8
