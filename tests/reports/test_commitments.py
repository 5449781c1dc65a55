"""Commitments: a target and a due quarter, a public changelog, withdrawn with a reason and
never deleted; the annual capacity self-assessment with its history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from civiccx.reports.models import CapacityAssessment, Commitment, CommitmentError
from tests.reports.conftest import EARLIER

pytestmark = pytest.mark.django_db


def _make(analyst, service):
    response = analyst.post(
        reverse("reports:commitment-new"),
        {
            "service": service.pk,
            "title": "Raise trust",
            "title_es": "Aumentar la confianza",
            "metric": "a11.trust",
            "baseline_quarter": EARLIER.lower(),
            "target": "85",
            "due_quarter": "FY2026Q2",
            "owner": "Office of Taxpayer Experience",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Commitment.objects.get()


def test_a_commitment_has_a_baseline_from_the_data_and_a_target(analyst, answered_service, client):
    commitment = _make(analyst, answered_service)
    assert commitment.target == pytest.approx(0.85)  # typed as a percent, stored as a share
    assert commitment.baseline_quarter == EARLIER
    page = client.get(reverse("reports:commitments")).content.decode()
    assert "Raise trust" in page and "85%" in page and "FY2026Q2" in page
    assert "100%" in page  # the baseline: all 35 answers in EARLIER agreed (trust 4)
    assert "n = 35" in page


def test_withdrawn_with_a_public_reason_and_never_deleted(analyst, answered_service, client):
    commitment = _make(analyst, answered_service)
    refused = analyst.post(
        reverse("reports:commitment-status", args=[commitment.pk]),
        {"action": "withdraw", "note": ""},
    )
    assert refused.status_code == 200  # a reason is required
    analyst.post(
        reverse("reports:commitment-status", args=[commitment.pk]),
        {"action": "withdraw", "note": "Replaced by a wider measure."},
    )
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.WITHDRAWN
    assert commitment.withdrawal_reason == "Replaced by a wider measure."
    with pytest.raises(ValidationError):
        commitment.delete()
    page = client.get(reverse("reports:commitments")).content.decode()
    assert "Raise trust" in page and "Withdrawn" in page and "Replaced by a wider measure." in page
    assert "Commitment made." in page  # the changelog keeps every step
    spanish = client.get("/es" + reverse("reports:commitments")).content.decode()
    assert "Aumentar la confianza" in spanish and "Retirado" in spanish


def test_a_withdrawn_commitment_cannot_be_marked_delivered(analyst, answered_service):
    commitment = _make(analyst, answered_service)
    commitment.withdraw(analyst.user, "No longer measured.")
    commitment.save()
    with pytest.raises(CommitmentError, match="in progress"):
        commitment.deliver(analyst.user, "Done")
    with pytest.raises(AttributeError):
        commitment.status = Commitment.Status.OPEN


def test_capacity_self_assessment_shows_every_year(client):
    for year, score in ((2024, 2), (2025, 3)):
        for domain in CapacityAssessment.Domain.values:
            CapacityAssessment.objects.create(fiscal_year=year, domain=domain, score=score)
    page = client.get(reverse("reports:index")).content.decode()
    assert "FY2024" in page and "FY2025" in page
    assert "Governance and strategy" in page and "Customer research" in page
    assert "<svg" in page  # the chart, followed by its table
    with pytest.raises(ValidationError):
        CapacityAssessment.objects.first().delete()


def test_a_public_note_is_redacted_when_stored(analyst, answered_service):
    commitment = _make(analyst, answered_service)
    commitment.withdraw(analyst.user, "Asked by Jane, call 202-555-0143 for details.")
    commitment.save()
    assert "202-555-0143" not in commitment.withdrawal_reason
