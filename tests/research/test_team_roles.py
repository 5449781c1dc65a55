"""Per-study member roles (Taguette's Admin / Manage documents / Tag / Read): every study URL
checks the user's role on that study; a lesser role, or no membership, is refused with a 403
and changes nothing. Roles never open the participant vault: that stays the recruiter's, and
only the recruiter's reads appear in the audit trail."""

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civiccx.research import services
from civiccx.research.models import ChangeLog, Highlight, StudyMember
from tests.factories import make_staff
from tests.research.factories import (
    PLANTED_NAME,
    highlight_phrase,
    join,
    make_participant,
    make_session,
    make_study,
)

pytestmark = pytest.mark.django_db

ROLES = ["read", "tag", "manage", "admin"]


@pytest.fixture
def repository():
    study = make_study()
    participant = make_participant(study)
    session = make_session(study, participant)
    highlight = highlight_phrase(session, "The callback number never worked")
    receipt = services.withdraw_participant(make_participant(study, segment="applicant"), None)
    return study, participant, session, highlight, receipt


def _requests(study, participant, session, highlight, receipt):
    """(least role, method, url, data) for every study URL."""
    codebook = b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>'
    return [
        ("read", "get", reverse("research:study", args=[study.pk]), None),
        ("read", "get", reverse("research:participants-csv", args=[study.pk]), None),
        ("read", "get", reverse("research:session", args=[session.pk]), None),
        ("read", "get", reverse("research:receipt", args=[receipt.number]), None),
        ("read", "get", reverse("research:codebook-qdc", args=[study.pk]), None),
        ("read", "get", reverse("research:codebook-csv", args=[study.pk]), None),
        ("read", "get", reverse("research:team", args=[study.pk]), None),
        ("read", "get", reverse("research:board", args=[study.pk]), None),
        ("tag", "get", reverse("research:insight-new", args=[study.pk]), None),
        ("tag", "post", reverse("research:session", args=[session.pk]),
         {"h-start": 0, "h-end": 11}),
        ("tag", "post", reverse("research:board", args=[study.pk]),
         {"action": "new", "name": "Callbacks"}),
        ("tag", "post", reverse("research:codebook-import", args=[study.pk]),
         {"file": SimpleUploadedFile("c.qdc", codebook)}),
        ("manage", "get", reverse("research:participant-new", args=[study.pk]), None),
        ("manage", "get", reverse("research:session-new", args=[study.pk]), None),
        ("manage", "get", reverse("research:participant-withdraw", args=[participant.pk]), None),
        ("manage", "post", reverse("research:session", args=[session.pk]),
         {"notes": "Drove two hours."}),
        ("manage", "post", reverse("research:session", args=[session.pk]), {"confirm": "1"}),
        ("admin", "post", reverse("research:team", args=[study.pk]),
         {"action": "add", "user": make_staff("researcher").pk, "role": "read"}),
    ]


@pytest.mark.parametrize("role", [None, *ROLES])
def test_each_study_url_refuses_a_lesser_role_with_403(staff_client, repository, role):
    study = repository[0]
    client = staff_client("researcher")
    if role:
        join(client, study, role=role)
    before = ChangeLog.objects.count(), Highlight.objects.count(), study.members.count()
    for least, method, url, data in _requests(*repository):
        response = getattr(client, method)(url, data or {})
        allowed = role is not None and ROLES.index(role) >= ROLES.index(least)
        if allowed:
            assert response.status_code in (200, 302), (role, method, url)
        else:
            assert response.status_code == 403, (role, method, url)
    if role is None or role == "read":  # refused requests changed nothing
        assert (ChangeLog.objects.count(), Highlight.objects.count(),
                study.members.count()) == before


def test_the_repository_lists_and_searches_only_the_users_studies(staff_client, repository):
    study = repository[0]
    other = make_study(title="Someone else's study")
    session = make_session(other, make_participant(other))
    highlight_phrase(session, "The callback number never worked")
    client = join(staff_client("researcher"), study, role="read")
    listing = client.get(reverse("research:studies")).content.decode()
    assert study.title in listing and "Someone else&#x27;s study" not in listing
    found = client.get(reverse("research:search"), {"q": "callback"}).context["results"]
    assert {h.session.study_id for h in found["highlights"]} == {study.pk}
    assert {s.study_id for s in found["sessions"]} == {study.pk}
    assert client.get(reverse("research:study", args=[other.pk])).status_code == 403


def test_a_read_member_sees_no_editing_controls(staff_client, repository):
    study, _participant, session, _highlight, _receipt = repository
    client = join(staff_client("researcher"), study, role="read")
    page = client.get(reverse("research:study", args=[study.pk])).content.decode()
    assert "Your role on this study: Read." in page
    for control in ("Add a participant", "Upload a transcript", "Build an insight",
                    "Import codebook", "Record withdrawal"):
        assert control not in page, control
    transcript = client.get(reverse("research:session", args=[session.pk])).content.decode()
    assert "lets you read, not highlight" in transcript and "Save notes" not in transcript


def test_the_creator_is_admin_and_a_study_keeps_one_admin(staff_client):
    client = staff_client("researcher")
    client.post(reverse("research:studies"), {
        "title": "Grant access", "goal": "Learn.", "method": "interviews",
        "pra_status": "exempt", "pra_reason": "Fewer than 10 people.", "starts_on": "2026-01-05",
        "raw_retention_hours": 24, "notes_retention_days": 365, "contact_retention_days": 30})
    member = StudyMember.objects.get()
    assert (member.user, member.role) == (client.user, "admin")
    team = reverse("research:team", args=[member.study_id])
    response = client.post(team, {"action": "role", "member": member.pk, "role": "read"},
                           follow=True)
    assert "A study needs at least one Admin" in response.content.decode()
    response = client.post(team, {"action": "remove", "member": member.pk}, follow=True)
    assert "A study needs at least one Admin" in response.content.decode()
    member.refresh_from_db()
    assert member.role == "admin"

    colleague = make_staff("researcher")
    client.post(team, {"action": "add", "user": colleague.pk, "role": "tag"})
    assert member.study.role_of(colleague) == "tag"
    response = client.post(team, {"action": "role", "member": member.pk, "role": "superuser"},
                           follow=True)
    assert "Choose one of the roles." in response.content.decode()
    recruiter = make_staff("research_recruiter")
    response = client.post(team, {"action": "add", "user": recruiter.pk, "role": "read"})
    assert response.status_code == 200 and member.study.role_of(recruiter) is None
    assert ChangeLog.objects.filter(action="member added").count() == 1


def test_team_roles_never_reach_the_vault_and_recruiter_reads_stay_audited(staff_client,
                                                                           repository):
    study, participant, session, _highlight, _receipt = repository
    admin = join(staff_client("researcher"), study, role="admin")
    for _least, method, url, _data in _requests(*repository):
        if method == "get":
            body = admin.get(url).content.decode()
            assert PLANTED_NAME not in body, url
    assert admin.get(reverse("research:contact", args=[participant.pk])).status_code == 403
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()
    admin.logout()

    recruiter = staff_client("research_recruiter")
    assert recruiter.get(reverse("research:study", args=[study.pk])).status_code == 403
    page = recruiter.get(reverse("research:contact", args=[participant.pk]))
    assert PLANTED_NAME in page.content.decode()
    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)
    assert reads.count() == 1 and reads.get().actor == recruiter.user


def test_the_read_only_api_checks_the_team_and_carries_no_personal_data(staff_client,
                                                                        repository):
    study, participant, _session, highlight, _receipt = repository
    url = reverse("research:api-study", args=[study.pk])
    client = staff_client("researcher")
    assert client.get(url).status_code == 403  # not on the team
    assert client.get(reverse("research:api-studies")).json() == {"studies": []}
    join(client, study, role="read")
    data = client.get(url).json()
    assert data["role"] == "read"
    assert [h["text"] for h in data["highlights"]] == [highlight.text]
    assert data["highlights"][0]["participant"] == participant.code
    body = client.get(url).content.decode()
    for secret in (PLANTED_NAME, "wanbli.redcloud@example.org", "605", "Oglala", "$50"):
        assert secret not in body, secret
    assert client.post(url).status_code == 405  # read-only
    assert staff_client("research_recruiter").get(url).status_code == 403
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()
