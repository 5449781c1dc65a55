"""Season statistics: the rollups written with each status change equal a plain recount of the
raw rows, survive `metrics rebuild`, and show on the public page (English and Spanish, CSV,
JSON) and in the staff processing console."""

import json
from collections import Counter
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from civiccx.directfile import processing
from civiccx.directfile.models import Submission, SubmissionEvent, TaxReturn
from civiccx.directfile.season import read_season
from civiccx.directfile.submissions import submit
from civiccx.metrics.rebuild import differences, rebuild
from tests.directfile.helpers import SINGLE, hoh_two_children, make_return, prior_year
from tests.factories import make_public_user, make_service, make_staff

pytestmark = pytest.mark.django_db


def _return(tin, scenario=SINGLE, year=2024, **answers):
    scenario = json.loads(json.dumps(scenario))
    scenario["answers"].update({"/primaryFiler/tin": tin, "/primaryFiler/dateOfBirth":
                                "1990-05-05", "/signing/primary/filedLastYear": False,
                                **answers})
    return make_return(make_public_user(), scenario, year)


@pytest.fixture
def season(django_capture_on_commit_callbacks):
    """A small season: accepted refunds (one sent), a balance due, a rejection fixed and
    resubmitted, a rejection left, a duplicate; in two states and two languages."""
    make_service(slug="direct-file")
    prior_year("400-01-0050", "1990-05-05", "31000.00")
    owes = json.loads(json.dumps(SINGLE))
    owes["loops"]["w2s"][0]["federalWithholding"] = "0.00"
    made = [_return("400-01-0040", **{"/address/state": "AZ"}),
            _return("400-01-0041", hoh_two_children(), **{"/address/state": "TX"}),
            _return("400-01-0042", owes),
            _return("400-01-0050", **{"/signing/primary/filedLastYear": True,
                                      "/signing/primary/method": "agi",
                                      "/signing/primary/priorYearAgi": "1.00"}),
            _return("400-01-0040"),  # the same SSN again
            _return("400-01-0043", year=2023)]
    with django_capture_on_commit_callbacks(execute=True):
        for n, tr in enumerate(made):
            submit(tr, f"k{n}", language="es" if n % 2 else "en")
    fixed = TaxReturn.objects.get(pk=made[3].pk)
    from civiccx.directfile.returns import save_answers
    save_answers(fixed, {"/signing/primary/priorYearAgi": "31000.00"}, fixed.version,
                 "sign-primary-agi")
    with django_capture_on_commit_callbacks(execute=True):
        submit(TaxReturn.objects.get(pk=fixed.pk), "again")
        processing.advance_refunds(timezone.now() + timedelta(days=7))
        processing.advance_refunds(timezone.now() + timedelta(days=11))
    return made


def plain_recount(year: int) -> dict:
    """The season from the raw rows, with nothing shared with the rollup code."""
    subs = Submission.objects.filter(tax_return__tax_year=year)
    events = SubmissionEvent.objects.filter(submission__tax_return__tax_year=year)
    accepted = events.filter(status="accepted")
    with_refund = accepted.filter(submission__refund_cents__gt=0)
    codes = Counter(code for e in events.filter(status="rejected") for code in e.codes)
    sent = events.filter(status="refund_sent")
    return {"returns_received": subs.filter(number=1).count(),
            "submissions_received": subs.count(),
            "decided": accepted.count() + events.filter(status="rejected").count(),
            "accepted": accepted.count(), "rejected": events.filter(status="rejected").count(),
            "refunds": with_refund.count(),
            "refund_cents": with_refund.aggregate(s=Sum("submission__refund_cents"))["s"] or 0,
            "refunds_sent": sent.count(),
            "refund_cents_sent": sent.aggregate(s=Sum("submission__refund_cents"))["s"] or 0,
            "owing": events.filter(status="payment_due").count(),
            "reject_codes": dict(codes)}


def _as_dict(s) -> dict:
    return {k: getattr(s, k) for k in plain_recount(2024)} | {"reject_codes":
                                                               dict(s.reject_codes)}


def test_the_season_statistics_equal_a_plain_recount_of_the_raw_rows(season):
    for year in (2024, 2023):
        assert _as_dict(read_season(year)) == plain_recount(year)
    s = read_season(2024)
    assert s.returns_received == 5 and s.submissions_received == 6
    assert s.reject_codes == {"IND-031-04": 1, "R0000-503-02": 1}
    assert s.processed_share == 1.0 and s.owing == 1 and s.refunds_sent >= 1
    assert set(s.states) == {"AZ", "TX"} and sum(s.languages.values()) == 5
    assert sum(w[0] for w in s.weeks.values()) == 5
    from civiccx.directfile.models import FunnelEvent
    from civiccx.directfile.season import read_funnel
    steps = {step: n for step, n, _kept in read_funnel()[0]}
    assert steps["submitted"] == FunnelEvent.objects.filter(kind="submitted", code="").count()
    assert steps["accepted"] == FunnelEvent.objects.filter(kind="accepted").count() > 0


def test_metrics_rebuild_recounts_the_same_season(season):
    before = _as_dict(read_season(2024))
    assert differences() == {}
    rebuild()
    assert _as_dict(read_season(2024)) == before


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_public_statistics_page_says_the_headline_and_offers_csv_and_json(
        client, season, language):
    prefix = "/es" if language == "es" else ""
    page = client.get(f"{prefix}{reverse('directfile:statistics')}?year=2024")
    text = page.content.decode()
    assert page.status_code == 200
    if language == "es":
        assert "de las 5 declaraciones recibidas" in text
    else:
        assert "100% of the 5 returns received for 2024 have been processed." in text
        assert "The average refund is" in text and "R0000-503-02" in text
        assert "Where in the interview people stop" in text
    assert 'id="directfile-weekly"' in text and "<caption" in text
    csv = client.get(f"{reverse('directfile:statistics')}?year=2024&format=csv")
    assert csv["Content-Type"].startswith("text/csv") and b"2023" in csv.content
    data = client.get(f"{reverse('directfile:statistics')}?year=2024&format=json").json()
    assert data["season"]["returnsReceived"] == 5
    assert data["lastSeason"]["returnsReceived"] == 1


def test_the_console_finds_a_return_by_confirmation_number_and_audits_the_read(client,
                                                                               season):
    from tests.fixtures import sign_in_staff
    csr = make_staff("csr")
    sign_in_staff(client, csr)
    rejected = Submission.objects.filter(tax_return__status="rejected").get()
    page = client.get(reverse("directfile:processing"),
                      {"confirmation": rejected.confirmation.lower()})
    text = page.content.decode()
    assert page.status_code == 200 and "R0000-503-02" in text
    assert "400-01-0040" not in text  # status and reasons only, never the SSN
    assert LogEntry.objects.filter(object_pk=str(rejected.tax_return_id),
                                   action=LogEntry.Action.ACCESS, actor=csr).exists()
    assert client.get(reverse("directfile:processing"),
                      {"confirmation": "400-01-0040"}).content.decode().count(
        "No submission has that confirmation number") == 1


def test_the_public_cannot_open_the_console(client):
    assert client.get(reverse("directfile:processing")).status_code in (302, 403)


def test_the_figures_registry_reads_the_season_for_a_period(season):
    from civiccx.metrics.registry import Period, read_figure
    week = Period.last(7)
    assert read_figure("directfile.returns_received", week)[0].n == 6  # both tax years
    share = read_figure("directfile.processed_share", week)[0]
    assert share.value == 1.0 and share.n == 7


def test_the_season_figures_belong_to_the_direct_file_service_alone(season):
    from civiccx.directfile.season import _service_id
    from civiccx.metrics.registry import Period, read_figure
    week, other = Period.last(7), make_service(slug="refunds")
    for key in ("directfile.returns_received", "directfile.processed_share",
                "directfile.return_completion"):
        assert read_figure(key, week, _service_id()) == read_figure(key, week)
    assert read_figure("directfile.returns_received", week, _service_id())[0].n == 6
    assert [(v.value, v.n) for v in read_figure("directfile.returns_received", week,
                                                other.pk)] == [(0, 0)]
    assert [(v.value, v.n) for v in read_figure("directfile.processed_share", week,
                                                other.pk)] == [(None, 0)]


def test_the_statistics_page_shows_direct_files_a11_survey_beside_the_funnel(client, season):
    from civiccx.directfile.season import _service_id
    from civiccx.metrics.rollups import CellKey, add
    add(CellKey(_service_id(), "web", "FY2025Q2", "en"), [("likert:trust", {"c5": 3, "c2": 1})])
    text = client.get(reverse("directfile:statistics")).content.decode()
    assert "What filers told us" in text
    assert "<th scope=\"row\">Trust</th><td class=\"text-right\">75%</td>" in text


def test_returns_received_after_the_filing_year_share_one_late_column():
    """A late filer (a 2024 return sent in December 2026, week 101) must not stretch the weekly
    chart to a hundred empty weeks: weeks after the year are summed into one "Later" column."""
    from types import SimpleNamespace

    from civiccx.directfile.statistics import LATE_WEEK, week_rows, weekly_chart

    this = {5: (10, 9, 1, 0, 0), 53: (2, 2, 0, 0, 0), 60: (3, 3, 0, 0, 0), 101: (1, 1, 0, 0, 0)}
    last = {5: (8, 8, 0, 0, 0), 70: (4, 4, 0, 0, 0)}
    report = SimpleNamespace(season=SimpleNamespace(weeks=this, tax_year=2024),
                             last=SimpleNamespace(weeks=last, tax_year=2023))
    assert week_rows(report) == [(5, 10, 8, 9), (53, 2, 0, 2), (LATE_WEEK, 4, 4, 4)]
    chart = weekly_chart(report)
    assert "Later" in str(chart) and ">101<" not in str(chart)


def _funnel_recount(year=None) -> dict:
    """Funnel steps from the raw events, with nothing shared with the rollup code."""
    from civiccx.directfile.models import FunnelEvent
    events = FunnelEvent.objects.all() if year is None else \
        FunnelEvent.objects.filter(tax_year=year)
    return {"checker_started": None if year else events.filter(kind="checker_started").count(),
            "checker_finished": events.filter(kind__in=("checker_eligible",
                                                        "checker_not_eligible")).count(),
            "return_started": events.filter(kind="return_started").count(),
            "submitted": events.filter(kind="submitted", code="").count(),
            "accepted": events.filter(kind="accepted").count()}


def test_the_funnel_splits_by_tax_year_on_the_pages_the_downloads_and_the_metrics_api(
        client, season):
    from civiccx.directfile.funnel import record
    from civiccx.directfile.season import funnel_years, read_funnel
    from civiccx.metrics.registry import Period, read_figure
    for year, started in ((2024, 3), (2023, 2)):
        for _ in range(started):
            record("checker_started", journey="j")  # before the year is chosen
            record("checker_eligible", tax_year=year, journey="j")
            record("return_started", tax_year=year)
    record("section_completed", code="income", tax_year=2023)

    def steps(year=None):
        return {step: n for step, n, _kept in read_funnel(year)[0]}

    for year in (2024, 2023, None):
        assert steps(year) == _funnel_recount(year)
    assert steps(2024)["return_started"] == 3 and steps(2023)["return_started"] == 2
    assert steps()["return_started"] == 5 and steps()["checker_started"] == 5
    assert read_funnel(2023)[1] == {"income": 1} and read_funnel(2024)[1] == {}
    assert funnel_years() == [2024, 2023]
    rebuild()  # the per-year cells are recounted from the raw events too
    assert differences() == {} and steps(2023) == _funnel_recount(2023)

    page = client.get(reverse("directfile:statistics"), {"year": 2023}).content.decode()
    assert "Steps of the funnel, tax year 2023 and all seasons" in page
    assert '<th scope="row">Signed in and started a return</th><td class="text-right">2</td>' \
        in page  # 2023's two, then all seasons' five
    data = client.get(reverse("directfile:statistics"), {"year": 2023, "format": "json"}).json()
    by_step = {s["step"]: s["people"] for s in data["funnel"]["steps"]}
    assert data["funnel"]["taxYear"] == 2023 and by_step["return_started"] == 2
    assert {s["step"]: s["people"] for s in data["funnelAllSeasons"]["steps"]}[
        "return_started"] == 5

    completion = read_figure("directfile.return_completion", Period.last(7))
    by_group = {v.group: (v.value, v.n) for v in completion}
    assert by_group["TY2024"][1] == 3 and by_group["TY2023"][1] == 2 and by_group[""][1] == 5
    # the fixture's first submissions: five for 2024, one for 2023 (none started here)
    assert by_group["TY2023"][0] == 1 / 2 and by_group[""][0] == 6 / 5


def test_the_staff_returns_page_counts_funnel_events_by_tax_year(client, season):
    from civiccx.directfile.funnel import record
    from tests.fixtures import sign_in_staff
    record("checker_started", journey="j")
    record("return_started", tax_year=2023)
    sign_in_staff(client, make_staff("cx_analyst"))
    page = client.get(reverse("directfile:staff-returns")).content.decode()
    assert "Tax year 2024" in page and "Tax year 2023" in page
    assert "Before a tax year is chosen" in page
    row = page[page.index('<th scope="row">return_started</th>'):].split("</tr>")[0]
    assert row.count('<td class="text-right">1</td>') == 2  # 2023 and all; 2024 has 0


def _check(client, state, out_of_scope=()):
    """One visitor through the eligibility checker, in a session of their own."""
    client.cookies.clear()
    client.post(reverse("directfile:checker"), {"year": 2024, "state": state,
                                                 "multi_state": "no"})
    client.post(reverse("directfile:checker-step", args=["income"]),
                {"out_of_scope": list(out_of_scope)})
    client.post(reverse("directfile:checker-step", args=["situations"]), {})
    client.post(reverse("directfile:checker-step", args=["credits"]), {})
    client.get(reverse("directfile:checker-result"))


def test_the_checker_counts_a_person_out_of_scope_once_and_their_reasons_apart(client, season):
    """Issue #13: a visitor with two reasons was two "finished the checker"; the funnel counts
    people, and the reasons are a breakdown whose shares are of those people."""
    from civiccx.directfile.season import read_checker_reasons, read_funnel
    _check(client, "OH", ["/hasBusinessIncome"])  # two reasons: the state, business income
    _check(client, "AZ", ["/hasBusinessIncome"])
    _check(client, "AZ")  # can likely use Direct File
    client.get(reverse("directfile:checker-result"))  # the result again counts nothing more

    steps = {step: n for step, n, _kept in read_funnel()[0]}
    assert steps["checker_started"] == steps["checker_finished"] == 3
    assert steps == _funnel_recount()
    assert read_checker_reasons(2024) == (2, {"business-income": 2, "state": 1})
    rebuild()
    assert differences() == {} and read_checker_reasons() == (2, {"business-income": 2,
                                                                   "state": 1})

    page = client.get(reverse("directfile:statistics"), {"year": 2024}).content.decode()
    assert '<th scope="row">Finished the checker</th><td class="text-right">3</td>' in page
    assert "2 people were told Direct File could not yet handle their return" in page
    assert ('<th scope="row">Self-employment or business income</th>'
            '<td class="text-right">2</td><td class="text-right">100%</td>') in page
    assert ('<th scope="row">Their state is not taking part in Direct File</th>'
            '<td class="text-right">1</td><td class="text-right">50%</td>') in page
    data = client.get(reverse("directfile:statistics"), {"year": 2024, "format": "json"}).json()
    assert data["funnel"]["checkerOutOfScope"] == {"people": 2, "reasons": [
        {"reason": "business-income", "people": 2, "shareOfPeople": 1.0},
        {"reason": "state", "people": 1, "shareOfPeople": 0.5}]}
