"""The demo agency: published reports for the two quarters before this one and a draft for the
current one, each number equal to what the CX dashboard and the figures registry show for the
same service and quarter."""

import os

import pytest
from django.core.management import call_command

from civiccx.core.fiscal import parse_fiscal_quarter
from civiccx.feedback.dashboard import dashboard_data
from civiccx.metrics.registry import Period, read_figure
from civiccx.metrics.registry import figure as figure_of
from civiccx.metrics.rollups import quarter_of
from civiccx.metrics.statistics import SMALL_SAMPLE_N
from civiccx.reports.demo import REPORTED
from civiccx.reports.models import Commitment, ProgressReport

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def demo():
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", interactions=400, responses=4000, stdout=quiet)


def test_demo_reports_equal_the_dashboard_and_the_registry(demo):
    from django.utils import timezone

    current = parse_fiscal_quarter(quarter_of(timezone.now()))
    published = ProgressReport.objects.filter(state=ProgressReport.State.PUBLISHED)
    assert {r.quarter for r in published} == {
        str(current.previous().previous()),
        str(current.previous()),
    }
    assert ProgressReport.objects.filter(
        state=ProgressReport.State.DRAFT, quarter=str(current)
    ).exists()
    checked = 0
    for report in published:
        dashboard = dashboard_data({"service__slug": report.service.slug})
        cells, volumes = dashboard["drivers"], dashboard["volumes"]
        for figure in report.data["figures"]:
            for number in figure["numbers"]:
                if figure["key"].startswith("a11."):
                    cell = next(
                        (
                            c
                            for c in cells.get(figure["key"][4:], [])
                            if c.quarter == number["quarter"]
                        ),
                        None,
                    )
                    if cell is None:
                        assert number["n"] == 0
                        continue
                    assert number["n"] == cell.n
                    if cell.n >= SMALL_SAMPLE_N:
                        assert (number["value"], number["low"], number["high"]) == (
                            cell.agree,
                            cell.agree_low,
                            cell.agree_high,
                        )
                else:
                    per_service = figure_of(figure["key"]).per_service
                    whole = read_figure(
                        figure["key"],
                        Period.of_quarter(number["quarter"]),
                        report.service_id if per_service else None,
                    )[0]
                    assert number["scope"] == ("service" if per_service else "agency")
                    if figure["key"] == "services.served":  # the dashboard's "Customers served"
                        served = {v["quarter"]: v["served"] for v in volumes}
                        assert number["value"] == served.get(number["quarter"], 0)
                    if not number["suppressed"]:
                        assert (number["value"], number["n"]) == (whole.value, whole.n)
                    assert number["n"] == whole.n
                checked += 1
    assert checked >= 16
    assert Commitment.objects.filter(status=Commitment.Status.WITHDRAWN).exists()


def test_past_demo_reports_show_every_figure_with_its_trend(demo):
    """Not only A-11: the phone line's, the centers' and the help center's figures, and each
    service's own customers served, in both published quarters and the quarters before."""
    published = ProgressReport.objects.filter(state=ProgressReport.State.PUBLISHED)
    for report in published.select_related("service"):
        keys = [f["key"] for f in report.data["figures"]]
        expected = {k for k in REPORTED[report.service.slug] if not k.startswith("directfile.")}
        assert expected <= set(keys), report
        for figure_data in report.data["figures"]:
            if figure_data["key"].startswith(("phone.", "walkin.", "help.")):
                assert all(n["n"] and n["value"] is not None for n in figure_data["numbers"]), (
                    report,
                    figure_data,
                )
