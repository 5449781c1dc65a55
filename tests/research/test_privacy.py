"""A researcher never sees a participant's personal data; a recruiter does, and every read is
audited. Personal data in transcripts is redacted at intake and the vault is encrypted."""

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.urls import reverse

from civiccx.research import services
from civiccx.research.models import ParticipantVault
from tests.research.factories import (
    PLANTED_EMAIL,
    PLANTED_NAME,
    PLANTED_PHONE,
    highlight_phrase,
    join,
    make_participant,
    make_session,
    make_study,
)

pytestmark = pytest.mark.django_db

SECRETS = (PLANTED_NAME, "Wanbli", PLANTED_EMAIL, "605-555-0199", PLANTED_PHONE, "Oglala")


@pytest.fixture
def repository():
    study = make_study()
    participant = make_participant(study)
    session = make_session(study, participant)
    highlight = highlight_phrase(session, "The callback number never worked",
                                 new_tag="Access/Phone/Callback")
    insight = services.add_insight(study, None, statement="Callback numbers fail people.",
                                   highlights=[highlight])
    return study, participant, session, insight


def _researcher_urls(study, participant, session):
    return [
        reverse("research:studies"), reverse("research:study", args=[study.pk]),
        reverse("research:participant-new", args=[study.pk]),
        reverse("research:participants-csv", args=[study.pk]),
        reverse("research:session", args=[session.pk]),
        reverse("research:session-new", args=[study.pk]),
        reverse("research:insight-new", args=[study.pk]),
        reverse("research:codebook-qdc", args=[study.pk]),
        reverse("research:codebook-csv", args=[study.pk]),
        reverse("research:search") + "?q=callback",
        reverse("research:stories"), reverse("research:persona-new"),
        reverse("research:participant-withdraw", args=[participant.pk]),
        reverse("research:team", args=[study.pk]), reverse("research:board", args=[study.pk]),
        reverse("research:api-studies"), reverse("research:api-study", args=[study.pk]),
    ]


def test_a_researcher_sees_codes_and_never_personal_data(staff_client, repository):
    study, participant, session, _insight = repository
    client = join(staff_client("researcher"), study)
    for url in _researcher_urls(study, participant, session):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in SECRETS:
            assert secret not in body, (url, secret)
    for secret in ("Wanbli", "605-555-0199", "redcloud@example"):
        found = client.get(reverse("research:search"), {"q": secret}).context["results"]
        assert not any(found.values()), secret  # the search finds nothing of the vault
    page = client.get(reverse("research:study", args=[study.pk])).content.decode()
    assert participant.code in page and "tribal grants officer" in page
    assert f"Form {participant.consent.form_version}, " in page  # the version says what it is
    transcript = client.get(reverse("research:session", args=[session.pk])).content.decode()
    assert "[NAME]" in transcript and "[PHONE]" in transcript


def test_a_researcher_cannot_open_the_pool_or_the_vault(staff_client, repository):
    _study, participant, _session, _insight = repository
    client = staff_client("researcher")
    assert client.get(reverse("research:pool")).status_code == 403
    assert client.get(reverse("research:contact", args=[participant.pk])).status_code == 403
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_the_admin_site_does_not_show_the_vault_to_a_researcher(staff_client, repository):
    client = staff_client("researcher")
    response = client.get("/admin/research/participantvault/")
    assert response.status_code in (302, 403, 404)


def test_every_recruiter_read_is_audited(staff_client, repository):
    _study, participant, _session, _insight = repository
    client = staff_client("research_recruiter")
    pool = client.get(reverse("research:pool")).content.decode()
    assert participant.code in pool and PLANTED_NAME not in pool
    for visit in (1, 2):
        page = client.get(reverse("research:contact", args=[participant.pk])).content.decode()
        assert PLANTED_NAME in page and PLANTED_EMAIL in page
        reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS,
                                        object_pk=str(participant.vault.pk))
        assert reads.count() == visit
        assert reads.first().actor == client.user


def test_a_recruiter_does_not_read_transcripts(staff_client, repository):
    study, _participant, session, _insight = repository
    client = staff_client("research_recruiter")
    assert client.get(reverse("research:session", args=[session.pk])).status_code == 403
    assert client.get(reverse("research:study", args=[study.pk])).status_code == 403


def test_the_vault_is_encrypted_at_rest_and_the_transcript_redacted(repository):
    _study, participant, session, _insight = repository
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, email FROM research_participantvault")
        name, email = cursor.fetchone()
        cursor.execute("SELECT transcript FROM research_researchsession")
        (transcript,) = cursor.fetchone()
    assert name.startswith("fernet:") and PLANTED_NAME not in name
    assert email.startswith("fernet:")
    assert "Wanbli" not in transcript and "605-555-0199" not in transcript
    assert ParticipantVault.objects.get(participant=participant).name == PLANTED_NAME


def test_a_recruiter_saves_contact_details_into_the_vault(staff_client):
    study = make_study()
    participant = make_participant(study, with_vault=False)
    client = staff_client("research_recruiter")
    response = client.post(reverse("research:contact", args=[participant.pk]),
                           {"name": "Ana Pérez", "email": "ana@example.org", "phone": "",
                            "affiliation": "", "compensation": "$40"})
    assert response.status_code == 302
    assert ParticipantVault.objects.get(participant=participant).name == "Ana Pérez"


def test_each_role_finds_its_tool_in_the_staff_workspace(staff_client, client):
    researcher = staff_client("researcher").get("/staff/").content.decode()
    assert "Research repository" in researcher and "Research participant pool" not in researcher
    client.logout()
    recruiter = staff_client("research_recruiter").get("/staff/").content.decode()
    assert "Research participant pool" in recruiter and "Research repository" not in recruiter
