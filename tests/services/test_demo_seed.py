"""The demo agency seeds completely and idempotently."""

import pytest
from django.core.management import call_command

from civiccx.accounts.models import User
from civiccx.feedback.models import Response
from civiccx.metrics.models import Rollup
from civiccx.services.models import Interaction, Location, Service

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_covers_every_role(capsys):
    call_command("seed_demo", interactions=300, responses=400)
    first = (Service.objects.count(), Location.objects.count(), Interaction.objects.count(),
             Response.objects.count(), Rollup.objects.count())
    call_command("seed_demo", interactions=300, responses=400)
    again = (Service.objects.count(), Location.objects.count(), Interaction.objects.count(),
             Response.objects.count(), Rollup.objects.count())
    assert first == again
    assert Location.objects.filter(kind="walk_in").values("state").distinct().count() >= 12
    assert Interaction.objects.values("channel").distinct().count() == 4
    for username in ("csr", "center-staff", "cx-analyst", "researcher", "admin"):
        assert User.objects.filter(username=username, groups__isnull=False).exists()
    assert first[3] == 400
    responses = sum(Rollup.objects.filter(metric="volume:responses").values_list("c1", flat=True))
    assert responses == 400  # rollups agree with the rows they count
    output = capsys.readouterr().out
    assert "csr-demo-2024" in output and "taxpayer@example.com" in output


def test_the_printed_sign_in_table_lines_up(capsys):
    """Issue #18 item 18: usernames longer than 13 characters (content-publisher,
    research-recruiter) pushed their row's password and key out of line."""
    call_command("seed_demo", interactions=0, responses=0)
    rows = [line for line in capsys.readouterr().out.splitlines() if " username " in line]
    assert len(rows) >= 9 and any("research-recruiter" in row for row in rows)
    for column in (" username ", " password ", " key "):
        assert len({row.index(column) for row in rows}) == 1, column


def test_demo_response_rates_vary_by_quarter_and_channel():
    """Issue #18 item 17: every demo response came with exactly three surveys offered, so the
    response rate read 33% in every quarter, channel and service."""
    from civiccx.metrics.rollups import read_scores

    call_command("seed_demo", interactions=0, responses=6000, only="feedback,metrics")

    def rates(slug, channel):
        scores = read_scores({"service__slug": slug, "channel": channel})
        return {quarter: s.responses / s.offered for (quarter,), s in scores.items()
                if s.offered and s.responses >= 50}

    phone = rates("phone-assistance", "phone")
    web = rates("individual-filing", "web")
    assert len(phone) >= 4 and len(web) >= 4
    assert max(phone.values()) - min(phone.values()) > 0.04  # seasons differ
    assert all(0.1 < rate < 0.4 for rate in phone.values()), phone
    assert all(0.03 < rate < 0.15 for rate in web.values()), web  # web intercepts: fewer


def test_only_seeds_the_named_apps_and_the_catalog(capsys):
    from civiccx.feedback.models import Survey
    from civiccx.staffing.models import SeasonHistory

    call_command("seed_demo", interactions=0, responses=50, only="feedback")
    assert Service.objects.filter(slug="phone-assistance").exists()  # the catalog, always
    assert Survey.objects.filter(service__slug="phone-assistance").exists()
    assert Response.objects.count() == 50
    assert not SeasonHistory.objects.exists()  # staffing was not asked for


@pytest.mark.parametrize(("options", "message"), [
    ({"only": "feedback,payroll"}, "no demo data for payroll"),
    ({"interactions": -1}, "--interactions must be zero or more"),
])
def test_bad_options_are_refused_with_what_is_wrong(options, message):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=message):
        call_command("seed_demo", **options)
    assert not Service.objects.exists()  # nothing half-seeded


def test_the_demo_dashboard_scores_every_driver(staff_client, seed_demo):
    """Issue #18 item 17: the demo asked only the v2 trust question, so the dashboard had no
    satisfaction, effectiveness, ease, efficiency, transparency or employee scores. The payments
    program asks the classic form: every driver has a score in every quarter of the year."""
    from civiccx.feedback.dashboard import DRIVERS, dashboard_data

    seed_demo("feedback", "metrics", responses=4000)
    drivers = dashboard_data({})["drivers"]
    assert set(drivers) == set(DRIVERS)
    for driver, cells in drivers.items():
        assert all(c.agree is not None for c in cells), driver
        assert sum(c.n >= 30 for c in cells) >= 4, driver  # the year's partial quarter aside
    page = staff_client("cx_analyst").get("/staff/cx/?service=payments").content.decode()
    for label in ("Satisfaction", "Effectiveness", "Ease", "Efficiency", "Transparency",
                  "Employee helpfulness"):
        assert f">{label}</h3>" in page, label
    web = dashboard_data({"service__slug": "payments", "channel": "web"})["drivers"]
    assert "employee" not in web  # nobody on the web was served by an employee
    phone = dashboard_data({"service__slug": "payments", "channel": "phone"})["drivers"]
    agree = {c.quarter: c.agree for c in phone["efficiency"]}
    assert max(agree.values()) - min(agree.values()) > 0.05  # the filing season shows
    # "What goes with trust": the wait is what people who did not trust us blame most, and
    # nobody on a web page credits or blames an employee.
    indicators = {row["indicator"]: row for row in dashboard_data({})["indicators"]}
    blamed = sorted(indicators, key=lambda name: -(indicators[name]["not_well_share"] or 0))
    assert blamed[0] == "efficiency", blamed
    assert indicators["humanity"]["not_well_share"] < indicators["efficiency"]["not_well_share"]
    web_rows = dashboard_data({"channel": "web"})["indicators"]
    assert next(r for r in web_rows if r["indicator"] == "employee")["went_well"] == 0
