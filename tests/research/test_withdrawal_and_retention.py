"""Withdrawal deletes the person's contact details, sessions, notes and highlights everywhere
(insight counts change, quotes leave personas and published pages) and issues a receipt; the
retention job deletes what has expired, with receipts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civiccx.research import publishing, services
from civiccx.research.models import (
    DeletionReceipt,
    Highlight,
    Participant,
    ParticipantVault,
    Persona,
    ResearchSession,
)
from civiccx.research.tasks import purge_expired_research_data
from tests.research.factories import (
    highlight_phrase,
    join,
    make_participant,
    make_session,
    make_study,
)

pytestmark = pytest.mark.django_db

OTHER = ("Interviewer: And the form?\n"
         "Participant: The form asked for the same tribal enrollment number twice.\n")


@pytest.fixture
def two_people():
    study = make_study()
    leaving, staying = make_participant(study), make_participant(study, segment="applicant")
    first = highlight_phrase(make_session(study, leaving), "The callback number never worked")
    second = highlight_phrase(make_session(study, staying, OTHER), "asked for the same tribal")
    insight = services.add_insight(study, None, statement="People repeat themselves.",
                                   highlights=[first, second])
    persona = Persona.objects.create(slug="rosa", name="Rosa", summary="A grants officer.")
    persona.quotes.set([first, second])
    persona.insights.set([insight])
    publishing.publish("persona", persona)
    return study, leaving, staying, insight, persona


def test_withdrawal_removes_the_person_everywhere_and_issues_a_receipt(staff_client, two_people):
    study, leaving, staying, insight, persona = two_people
    assert insight.evidence() == {"highlights": 2, "participants": 2,
                                  "segments": ["applicant", "tribal grants officer"]}
    public = reverse("research:public-persona", args=["rosa"])
    assert "callback number never worked" in staff_client("researcher").get(public).content.decode()

    client = join(staff_client("researcher"), study)
    asks = client.get(reverse("research:participant-withdraw", args=[leaving.pk]))
    assert "1 session with its transcript and notes, and 1 highlight(s)" in asks.content.decode()
    response = client.post(reverse("research:participant-withdraw", args=[leaving.pk]))
    receipt = DeletionReceipt.objects.get(participant_code=leaving.code)
    assert response.url == reverse("research:receipt", args=[receipt.number])
    assert receipt.reason == DeletionReceipt.Reason.WITHDRAWAL
    assert receipt.deleted == {"sessions": 1, "highlights": 1, "insights_changed": 1,
                               "personas_changed": 1, "contact_details": 1}
    page = client.get(response.url).content.decode()
    assert str(receipt.number) in page and leaving.code in page
    assert "Sessions, with their transcripts and notes" in page

    assert not ParticipantVault.objects.filter(participant=leaving).exists()
    assert not ResearchSession.objects.filter(participant=leaving).exists()
    assert not Highlight.objects.filter(session__participant=leaving).exists()
    assert insight.evidence() == {"highlights": 1, "participants": 1, "segments": ["applicant"]}
    assert list(persona.quotes.all()) == list(Highlight.objects.filter(
        session__participant=staying))
    published = client.get(public).content.decode()
    assert "callback number never worked" not in published
    assert "asked for the same tribal" in published
    leaving.refresh_from_db()
    assert leaving.withdrawn and leaving.consent.withdrawn_on == timezone.localdate()
    study_page = client.get(reverse("research:study", args=[study.pk])).content.decode()
    assert "Withdrew" in study_page and "1 highlight from 1 participant(s)" in study_page
    second = client.post(reverse("research:participant-withdraw", args=[leaving.pk]))
    assert second.status_code == 302 and DeletionReceipt.objects.count() == 1


def test_a_withdrawn_participants_code_is_not_reused(two_people):
    study, leaving, *_ = two_people
    services.withdraw_participant(leaving, None)
    newcomer = make_participant(study)
    assert newcomer.code not in {leaving.code} and Participant.objects.filter(
        study=study).count() == 3


def test_retention_deletes_what_expired_with_receipts(two_people):
    study, leaving, staying, insight, persona = two_people
    study.ends_on = timezone.localdate() - timedelta(days=40)
    study.save()
    sessions = ResearchSession.objects.filter(study=study)
    assert all(s.original for s in sessions)
    sessions.update(original_expires_at=timezone.now() - timedelta(minutes=1))

    assert purge_expired_research_data.call() == 1  # originals (24 h) and contact details
    assert not ResearchSession.objects.exclude(original="").exists()
    assert not ParticipantVault.objects.filter(participant__study=study).exists()
    receipt = DeletionReceipt.objects.get(reason=DeletionReceipt.Reason.RETENTION)
    assert receipt.deleted == {"original_uploads": 2, "contact_details": 2}

    ResearchSession.objects.filter(participant=leaving).update(
        held_on=timezone.localdate() - timedelta(days=400))
    services.purge_expired()
    latest = DeletionReceipt.objects.filter(reason=DeletionReceipt.Reason.RETENTION).first()
    assert latest.deleted == {"sessions": 1, "highlights": 1, "insights_changed": 1,
                              "personas_changed": 1}
    assert insight.evidence()["highlights"] == 1
    assert services.purge_expired() == []  # nothing left to delete: no empty receipts


def test_originals_are_kept_until_the_raw_retention_ends(two_people):
    study = two_people[0]
    services.purge_expired(now=timezone.now() + timedelta(hours=23))
    assert ResearchSession.objects.filter(study=study).exclude(original="").count() == 2
    services.purge_expired(now=timezone.now() + timedelta(hours=25))
    assert ResearchSession.objects.filter(study=study).exclude(original="").count() == 0
