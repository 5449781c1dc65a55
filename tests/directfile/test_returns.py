"""Saving, conflicts, submitting once, rejection and resubmission, privacy of returns."""

import json
import re
from io import BytesIO

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from pypdf import PdfReader

from civiccx.directfile import processing
from civiccx.directfile.interview import Interview
from civiccx.directfile.models import (
    ImmutableRecord,
    ReturnStatus,
    Submission,
    SubmissionEvent,
    TaxReturn,
)
from civiccx.directfile.returns import SaveConflict, save_answers
from civiccx.directfile.submissions import submit
from civiccx.services.models import Interaction
from civiccx.taxengine.money import usd
from tests.directfile.concurrency import run_at_once
from tests.directfile.helpers import SINGLE, hoh_two_children, make_return, prior_year
from tests.factories import make_public_user, make_service, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def direct_file():
    return make_service(slug="direct-file")


def test_a_stale_tab_gets_a_conflict_and_the_newer_answer_is_kept(client):
    user = make_public_user()
    tr = make_return(user, SINGLE)
    client.force_login(user)
    url = reverse("directfile:screen", args=[2024, "your-name"])
    shown_at = client.get(url).context["tax_return"].version  # tab A opens the screen
    client.post(url, {"version": shown_at, "f0": "Anna", "f1": "Lopez", "action": "save"})
    stale = client.post(url, {"version": shown_at, "f0": "Annie", "f1": "Lopez",
                              "action": "save"})  # tab B, opened before A saved
    assert stale.status_code == 409
    assert "changed in another tab or device" in stale.content.decode()
    tr.refresh_from_db()
    assert tr.answers["/primaryFiler/firstName"] == "Anna"


def test_a_stale_save_of_other_answers_is_not_a_conflict():
    tr = make_return(make_public_user(), SINGLE)
    seen = tr.version
    save_answers(tr, {"/primaryFiler/firstName": "Anna"}, seen, "your-name")
    save_answers(tr, {"/address/city": "Tempe"}, seen, "your-address")
    with pytest.raises(SaveConflict):
        save_answers(tr, {"/primaryFiler/firstName": "Annie"}, seen, "your-name")
    tr.refresh_from_db()
    assert tr.answers["/address/city"] == "Tempe"


def test_entry_errors_say_what_is_wrong_in_english_and_spanish(client):
    user = make_public_user()
    make_return(user, SINGLE)
    client.force_login(user)
    url = reverse("directfile:screen", args=[2024, "your-ssn"])
    english = client.post(url, {"version": 99, "f0": "666-12-3456", "action": "save"})
    assert english.status_code == 400
    assert "is not a valid SSN or ITIN" in english.content.decode()
    spanish = client.post("/es" + url, {"version": 99, "f0": "12345", "action": "save"})
    assert "Escriba 9 dígitos" in spanish.content.decode()


def test_the_same_ssn_twice_is_refused():
    iv = Interview(make_return(make_public_user(), hoh_two_children()).answers, 2024)
    from civiccx.directfile.screens import parse_screen
    step = next(s for s in iv.steps if s.screen and s.screen.key == "dependent-ssn")
    parsed = parse_screen(iv, step, {"f0": [iv.answer("/primaryFiler/tin")]},
                          __import__("datetime").date(2025, 2, 1))
    assert "already on this return" in parsed.errors["f0"]


def _signable(user, **extra):
    scenario = json.loads(json.dumps(SINGLE))
    scenario["answers"].update({"/signing/primary/filedLastYear": True,
                                "/signing/primary/method": "agi",
                                "/signing/primary/priorYearAgi": "28000.00", **extra})
    return make_return(user, scenario)


@pytest.mark.postgres_only
def test_two_concurrent_submits_make_one_submission(direct_file, transactional_db):
    from django.db import connection
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the in-memory SQLite test database locks whole tables across threads")
    tr = _signable(make_public_user())

    def submit_once(key):
        return [submit(TaxReturn.objects.get(pk=tr.pk), key).pk]

    made = run_at_once(submit_once, [("tab-a",), ("tab-b",), ("tab-a",)])
    assert len(set(made)) == 1
    assert Submission.objects.filter(tax_return=tr).count() == 1


def test_a_double_click_a_retry_and_a_second_tab_make_one_submission(direct_file):
    tr = _signable(make_public_user())
    first = submit(tr, "tab-a")
    assert submit(TaxReturn.objects.get(pk=tr.pk), "tab-a") == first  # double click, retry
    assert submit(TaxReturn.objects.get(pk=tr.pk), "tab-b") == first  # the other tab
    assert Submission.objects.filter(tax_return=tr).count() == 1


def test_rejected_return_is_corrected_and_resubmitted(direct_file,
                                                      django_capture_on_commit_callbacks):
    user = make_public_user()
    tr = _signable(user)
    prior_year("400-01-0001", "1990-05-05", "31000.00")
    with django_capture_on_commit_callbacks(execute=True):
        first = submit(tr, "k1")
    tr.refresh_from_db()
    assert tr.status == ReturnStatus.REJECTED
    assert SubmissionEvent.objects.get(submission=first, status="rejected").codes == [
        "IND-031-04"]
    save_answers(tr, {"/signing/primary/priorYearAgi": "31000.00"}, tr.version,
                 "sign-primary-agi")
    with django_capture_on_commit_callbacks(execute=True):
        second = submit(tr, "k2")
    tr.refresh_from_db()
    assert second.number == 2 and tr.status == ReturnStatus.ACCEPTED
    assert first.snapshot["answers"]["/signing/primary/priorYearAgi"] == "28000.00"
    assert Interaction.objects.filter(person=user, outcome="resolved").count() == 1
    with pytest.raises(ImmutableRecord):
        first.save()


def test_another_filers_return_and_pdf_are_not_found(client, direct_file):
    owner, other = make_public_user(), make_public_user()
    tr = _signable(owner)
    submission = submit(tr, "k1")
    client.force_login(other)
    assert client.get(reverse("directfile:hub", args=[2024])).status_code == 404
    assert client.get(reverse("directfile:submission-pdf",
                              args=[submission.confirmation])).status_code == 404
    client.force_login(owner)
    assert client.get(reverse("directfile:submission-pdf",
                              args=[submission.confirmation])).status_code == 200


def test_staff_reads_of_a_return_are_audited(client, direct_file):
    from tests.fixtures import sign_in_staff
    tr = _signable(make_public_user())
    csr = make_staff("csr")
    sign_in_staff(client, csr)
    page = client.get(reverse("directfile:staff-return", args=[tr.pk]))
    assert page.status_code == 200 and "400-01-0001" in page.content.decode()
    assert LogEntry.objects.filter(object_pk=str(tr.pk), action=LogEntry.Action.ACCESS,
                                   actor=csr).exists()


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_number_in_the_pdf_is_the_engines(language):
    from civiccx.directfile import pdf
    iv = Interview(make_return(make_public_user(), hoh_two_children()).answers, 2024)
    text = "".join(p.extract_text() for p in
                   PdfReader(BytesIO(pdf.render_return(pdf.document_from(iv), language))).pages)
    from django.utils import translation
    from django.utils.translation import gettext
    with translation.override(language):
        schedule_1 = gettext("Schedule 1 (additional income and adjustments)")
        schedule_8812 = gettext("Schedule 8812 (credits for qualifying children and other "
                                "dependents)")
        worksheet = gettext("Earned Income Credit Worksheet A")
    form_1040 = text.split("\n" + schedule_1)[0]
    printed = dict(re.findall(r"\n(\w+)\n[^\n]*\n(\$[\d,]+\.\d\d)", form_1040))
    from civiccx.taxengine.engine import FORM_1040_LINES
    for line, path in FORM_1040_LINES.items():
        assert printed[line] == usd(iv.graph.value(path)), line
    part_8812 = text.split(schedule_8812)[1].split(worksheet)[0]
    printed_8812 = dict(re.findall(r"\n(\w+)\n[^\n]*\n(\$[\d,]+\.\d\d)", part_8812))
    for line, value in iv.graph.value("/schedule8812").items():
        if line not in ("4", "6"):
            assert printed_8812[line] == usd(value), line
    assert usd(iv.graph.value("/refund")) in text
    assert iv.graph.value("/earnedIncomeCredit") > 0 and iv.graph.value(
        "/additionalChildTaxCredit") > 0


def test_advancing_refunds_moves_an_accepted_return_to_sent(direct_file,
                                                            django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone
    tr = make_return(make_public_user(), SINGLE)
    with django_capture_on_commit_callbacks(execute=True):
        submit(tr, "k")
    now = timezone.now()
    assert processing.advance_refunds(now + timedelta(days=7)) == 1  # approved in 1-6 days
    assert processing.advance_refunds(now + timedelta(days=11)) == 1  # sent 1-3 days later
    tr.refresh_from_db()
    assert tr.status == ReturnStatus.REFUND_SENT
    assert [e.status for e in SubmissionEvent.objects.filter(submission__tax_return=tr)] == [
        "submitted", "accepted", "refund_approved", "refund_sent"]
