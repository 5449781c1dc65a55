"""Quarterly progress reports: numbers are references resolved from the metrics API (equal to
the CX dashboard's), narrative is typed, the publishing workflow and its hash, corrections."""

import pytest
from django.urls import reverse

from civiccx.feedback.dashboard import dashboard_data
from civiccx.reports import building
from civiccx.reports.figures import resolve
from civiccx.reports.forms import NarrativeForm
from civiccx.reports.models import ProgressReport, ReportError, data_digest
from tests.reports.conftest import EARLIER, QUARTER

pytestmark = pytest.mark.django_db


def _draft(analyst, service, quarter=QUARTER) -> ProgressReport:
    response = analyst.post(
        reverse("reports:start"), {"service": service.slug, "quarter": quarter.lower()}
    )
    assert response.status_code == 302
    return ProgressReport.objects.get(service=service, quarter=quarter, version=1)


def _published(analyst, publisher, service, **narrative) -> ProgressReport:
    report = _draft(analyst, service)
    if narrative:
        analyst.post(
            reverse("reports:edit", args=[report.pk]),
            {"figures": [ref.key for ref in report.figures.all()], **narrative},
        )
    analyst.post(reverse("reports:step", args=[report.pk, "submit"]))
    publisher.post(reverse("reports:step", args=[report.pk, "publish"]))
    report.refresh_from_db()
    assert report.state == ProgressReport.State.PUBLISHED
    return report


def test_a_draft_references_the_answered_drivers_and_each_equals_the_dashboard(
    analyst, answered_service
):
    report = _draft(analyst, answered_service)
    assert sorted(ref.key for ref in report.figures.all()) == ["a11.satisfaction", "a11.trust"]
    dashboard = dashboard_data({"service__slug": answered_service.slug})["drivers"]
    for driver in ("satisfaction", "trust"):
        for cell in dashboard[driver]:
            number = resolve(f"a11.{driver}", answered_service.pk, cell.quarter)
            assert (number.value, number.n, number.low, number.high) == (
                cell.agree,
                cell.n,
                cell.agree_low,
                cell.agree_high,
            )
    # and as printed: the dashboard's page shows the same whole percents
    dashboard_page = analyst.get(
        reverse("feedback:dashboard"), {"service": answered_service.slug}
    ).content.decode()
    edit_page = analyst.get(reverse("reports:edit", args=[report.pk])).content.decode()
    satisfaction = resolve("a11.satisfaction", answered_service.pk, QUARTER)
    assert satisfaction.display == "75%"  # 5, 4, 4, 2 repeated: three in four agree
    assert satisfaction.display in dashboard_page and satisfaction.display in edit_page


def test_a_registered_figure_of_any_app_can_be_referenced(analyst, answered_service, season_figure):
    report = _draft(analyst, answered_service)
    response = analyst.post(
        reverse("reports:edit", args=[report.pk]),
        {"figures": ["a11.trust", season_figure], "learned": "Trust held up."},
    )
    assert response.status_code == 302
    page = analyst.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "Direct File: returns accepted" in page and "1,234" in page


def test_a_number_cannot_be_typed_into_a_report(answered_service):
    report = ProgressReport.objects.create(service=answered_service, quarter=QUARTER)
    for text in (
        "Trust rose to 85% this quarter.",
        "We answered 12,000 calls.",
        "Waits fell by 3.5 minutes.",
    ):
        form = NarrativeForm({"learned": text, "figures": ["a11.trust"]}, instance=report)
        assert not form.is_valid()
        assert "Numbers come from the data" in form.errors["learned"][0]
    ok = NarrativeForm(
        {
            "learned": "In FY2025Q3, as in 2024, trust held.",
            "next_steps_es": "Seguiremos midiendo.",
            "figures": ["a11.trust"],
        },
        instance=report,
    )
    assert ok.is_valid(), ok.errors
    # and no field of the form holds a number
    assert not {"value", "n", "target", "data"} & set(NarrativeForm().fields)


def test_a_pasted_number_is_refused_on_the_page(analyst, answered_service):
    report = _draft(analyst, answered_service)
    response = analyst.post(
        reverse("reports:edit", args=[report.pk]),
        {"learned_es": "La confianza subió al 90%.", "figures": ["a11.trust"], "value": "90"},
    )
    assert response.status_code == 200
    assert "Numbers come from the data" in response.content.decode()
    report.refresh_from_db()
    assert report.learned_es == ""


def test_publishing_freezes_the_numbers_with_their_sha256(analyst, publisher, answered_service):
    report = _published(analyst, publisher, answered_service, learned="Trust held up.")
    assert report.data_sha256 == data_digest(report.data)
    trust = next(f for f in report.data["figures"] if f["key"] == "a11.trust")
    assert trust["numbers"][-1]["n"] == 40 and trust["numbers"][-1]["value"] == 0.8
    assert [n["quarter"] for n in trust["numbers"]] == ["FY2024Q4", "FY2025Q1", EARLIER, QUARTER]
    assert report.published_by == publisher.user and report.submitted_by == analyst.user


def test_the_person_who_sent_it_for_review_cannot_publish_it(analyst, answered_service):
    report = _draft(analyst, answered_service)
    report = building.submit(report, analyst.user)
    with pytest.raises(Exception, match="Someone other"):
        building.publish(report, analyst.user)
    with pytest.raises(ReportError, match="Only a draft"):
        building.submit(report, analyst.user)


def test_an_analyst_cannot_publish_and_a_publisher_cannot_draft(
    analyst, publisher, answered_service
):
    report = _draft(analyst, answered_service)
    analyst.post(reverse("reports:step", args=[report.pk, "submit"]))
    assert analyst.post(reverse("reports:step", args=[report.pk, "publish"])).status_code == 403
    assert (
        publisher.post(
            reverse("reports:start"), {"service": answered_service.slug, "quarter": EARLIER}
        ).status_code
        == 403
    )


def test_a_correction_is_a_new_version_and_the_old_stays_readable(
    analyst, publisher, answered_service, client
):
    old = _published(analyst, publisher, answered_service, learned="Trust held up.")
    response = analyst.post(
        reverse("reports:step", args=[old.pk, "correct"]),
        {
            "note": "The trust figure now counts late answers.",
            "note_es": "La cifra de confianza ahora cuenta respuestas tardías.",
        },
    )
    new = ProgressReport.objects.get(corrects=old)
    assert response.url == reverse("reports:edit", args=[new.pk]) and new.version == 2
    analyst.post(reverse("reports:step", args=[new.pk, "submit"]))
    publisher.post(reverse("reports:step", args=[new.pk, "publish"]))
    current = client.get(reverse("reports:report", args=[answered_service.slug, QUARTER]))
    assert "The trust figure now counts late answers." in current.content.decode()
    assert "Version 2" in current.content.decode()
    earlier = client.get(
        reverse("reports:report-version", args=[answered_service.slug, QUARTER, 1])
    ).content.decode()
    assert "This version was corrected" in earlier and "Trust held up." in earlier
    assert "The trust figure now counts late answers." in earlier  # listed among versions
    spanish = client.get(
        "/es" + reverse("reports:report", args=[answered_service.slug, QUARTER])
    ).content.decode()
    assert "La cifra de confianza ahora cuenta respuestas tardías." in spanish


def test_drafts_are_not_public(analyst, answered_service, client):
    _draft(analyst, answered_service)
    assert (
        client.get(reverse("reports:report", args=[answered_service.slug, QUARTER])).status_code
        == 404
    )
    assert answered_service.name not in client.get(reverse("reports:index")).content.decode()


def test_the_closed_quarter_is_drafted_with_what_we_learned_in_words(analyst, answered_service):
    from datetime import date

    from civiccx.reports.models import Commitment

    Commitment.objects.create(
        service=answered_service,
        title="Raise trust",
        metric="a11.trust",
        baseline_quarter=EARLIER,
        target=0.9,
        due_quarter="FY2026Q1",
        owner="Office",
    )
    [report] = building.draft_closed_quarter(date(2025, 7, 1))  # the day after FY2025Q3 ended
    assert report.quarter == QUARTER and report.state == ProgressReport.State.DRAFT
    assert (
        "A-11: Satisfaction (share agreeing) rose since last quarter, by more than the "
        "margin of error." in report.learned
    )
    assert "A-11: Trust (share agreeing) fell since last quarter" in report.learned
    assert building.typed_numbers(report.learned) == []  # words only: an analyst edits them
    assert building.draft_closed_quarter(date(2025, 7, 2)) == []  # once per quarter
