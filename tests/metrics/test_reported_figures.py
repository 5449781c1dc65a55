"""Figure values reported from outside (a system whose raw rows Civic CX does not hold, or the
demo's history): the registry adds them to an app's own values for periods covering their
quarter, weighting shares and means by their observations and adding counts up."""

from __future__ import annotations

from datetime import date

import pytest

from civiccx.metrics.models import ReportedFigure
from civiccx.metrics.registry import (
    FigureValue,
    Period,
    combine,
    covered_quarters,
    read_figure,
    record_reported_figures,
)
from civiccx.services.interactions import record_interaction
from civiccx.services.models import Channel, Outcome
from tests.factories import make_service
from tests.metrics.test_spine_figures import _at

pytestmark = pytest.mark.django_db

QUARTER = "FY2025Q3"


def test_only_quarters_wholly_inside_a_period_are_covered():
    assert covered_quarters(Period.of_quarter(QUARTER)) == [QUARTER]
    assert covered_quarters(Period(date(2025, 1, 2), date(2025, 9, 30))) == ["FY2025Q3",
                                                                            "FY2025Q4"]
    assert covered_quarters(Period(date(2025, 4, 2), date(2025, 6, 30))) == []


def test_reported_values_join_the_apps_own_for_their_service():
    phone, other = make_service(slug="phone"), make_service(slug="other")
    for n in range(4):
        record_interaction(service=phone, channel=Channel.PHONE, started_at=_at(5, 1 + n),
                           ended_at=_at(5, 1 + n),
                           outcome=Outcome.RESOLVED if n else Outcome.UNRESOLVED)
    record_reported_figures([("services.served", phone.pk, QUARTER, 96, 96),
                             ("services.resolved_share", phone.pk, QUARTER.lower(), 0.5, 96),
                             ("services.served", other.pk, QUARTER, 10, 10)],
                            source="a phone switch")
    period = Period.of_quarter(QUARTER)
    served = read_figure("services.served", period, phone.pk)
    assert served[0] == FigureValue(100, 100)
    assert {v.group: v.n for v in served[1:]} == {"phone": 4}  # parts: the app's own rows
    resolved = read_figure("services.resolved_share", period, phone.pk)[0]
    assert resolved.n == 100 and resolved.value == pytest.approx((3 + 48) / 100)
    assert read_figure("services.served", period)[0] == FigureValue(110, 110)
    # a period that does not cover the whole quarter reads the app's own rows only
    assert read_figure("services.served", Period(date(2025, 5, 1), date(2025, 5, 31)),
                       phone.pk)[0] == FigureValue(4, 4)


def test_an_agency_wide_figure_adds_every_services_reported_value():
    phone, walkin = make_service(slug="phone"), make_service(slug="walkin")
    record_reported_figures([("phone.service_level", phone.pk, QUARTER, 0.6, 300),
                             ("phone.service_level", walkin.pk, QUARTER, 0.9, 100)],
                            source="demo history")
    whole = read_figure("phone.service_level", Period.of_quarter(QUARTER))[0]
    assert (whole.value, whole.n) == (pytest.approx(0.675), 400)


@pytest.mark.parametrize(("row", "message"), [
    (("phone.service_level", None, QUARTER, 1.2, 10), "a share lies from 0 to 1"),
    (("phone.answer_minutes", None, QUARTER, 3.0, 0), "n > 0"),
    (("phone.nothing", None, QUARTER, 3.0, 5), "No figure"),
    (("phone.answer_minutes", None, "2025Q9", 3.0, 5), "quarter must be 1-4"),
])
def test_a_bad_reported_value_is_refused(row, message):
    service = make_service(slug="phone")
    with pytest.raises((ValueError, KeyError), match=message):
        record_reported_figures([(row[0], service.pk, *row[2:])], source="x")
    assert not ReportedFigure.objects.exists()


def test_combining_counts_and_means():
    assert combine("count", [(3, 3), (0, 0), (7, 7)]) == FigureValue(10, 10)
    assert combine("minutes", [(10.0, 1), (20.0, 3)]) == FigureValue(17.5, 4)
    assert combine("share", []) == FigureValue(None, 0)
    assert combine("count", []) == FigureValue(0, 0)
