"""Saving, conflicts, submitting once, rejection and resubmission, privacy of returns."""

import json
import re
from io import BytesIO
from unittest.mock import patch

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from pypdf import PdfReader

from civiccx.directfile import processing
from civiccx.directfile.interview import Interview
from civiccx.directfile.models import (
    FunnelEvent,
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
from tests.directfile.helpers import SINGLE, hoh_two_children, make_return, prior_year
from tests.factories import make_public_user, make_service, make_staff
from tests.threads import run_at_once, shared_database

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


def test_two_requests_that_read_the_return_before_either_saved_lose_no_answer():
    """Each request saves the return as it read it, with no row lock: the second one's
    conditional write misses, it reads the return again, keeps the first one's answer and
    still refuses to overwrite an answer saved after its page was shown."""
    tr = make_return(make_public_user(), SINGLE)
    seen = tr.version
    tab_a, tab_b, tab_c = (TaxReturn.objects.get(pk=tr.pk) for _ in range(3))
    save_answers(tab_a, {"/primaryFiler/firstName": "Anna"}, seen, "your-name")
    save_answers(tab_b, {"/address/city": "Tempe"}, seen, "your-address")
    with pytest.raises(SaveConflict):
        save_answers(tab_c, {"/primaryFiler/firstName": "Annie"}, seen, "your-name")
    tr.refresh_from_db()
    assert tr.answers["/primaryFiler/firstName"] == "Anna"
    assert tr.answers["/address/city"] == "Tempe"
    assert tr.version == seen + 2


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


def test_two_concurrent_submits_make_one_submission(direct_file, transactional_db, tmp_path):
    """Three submits released together (a double click and a second tab), on SQLite and on
    PostgreSQL, each in its own thread and database connection: one submission, one event."""
    with shared_database(tmp_path):
        tr = _signable(make_public_user())

        def submit_once(key):  # each tab's submit page was shown before any submission
            return [submit(TaxReturn.objects.get(pk=tr.pk), key, shown_after=0).pk]

        made = run_at_once(submit_once, [("tab-a",), ("tab-b",), ("tab-a",)])
        assert len(set(made)) == 1
        assert Submission.objects.filter(tax_return=tr).count() == 1
        assert SubmissionEvent.objects.filter(submission__tax_return=tr,
                                              status="submitted").count() == 1


def test_a_submit_that_read_the_return_before_another_made_one_submission(direct_file):
    """Without a row lock (SQLite ignores select_for_update), a submit that read the return
    while it was still in progress still makes no second submission: the conditional update
    of the return's status refuses it, and the filer gets the submission that was made."""
    tr = _signable(make_public_user())
    stale = TaxReturn.objects.get(pk=tr.pk)  # read before the other tab submitted
    first = submit(tr, "tab-a")
    with patch.object(TaxReturn.objects, "select_for_update",
                      return_value=_Returns(stale)):
        second = submit(stale, "tab-b")
    assert second == first
    assert Submission.objects.filter(tax_return=tr).count() == 1
    assert SubmissionEvent.objects.filter(submission__tax_return=tr,
                                          status="submitted").count() == 1


def test_a_tab_opened_before_a_rejection_does_not_resubmit(
        direct_file, django_capture_on_commit_callbacks):
    tr = _signable(make_public_user())
    prior_year("400-01-0001", "1990-05-05", "31000.00")
    with django_capture_on_commit_callbacks(execute=True):
        first = submit(tr, "tab-a", shown_after=0)
    tr.refresh_from_db()
    assert tr.status == ReturnStatus.REJECTED
    assert submit(tr, "tab-b", shown_after=0) == first  # shown before the first submit
    save_answers(tr, {"/signing/primary/priorYearAgi": "31000.00"}, tr.version,
                 "sign-primary-agi")
    assert submit(tr, "tab-c", shown_after=1).number == 2  # shown after the rejection


class _Returns:
    """select_for_update() on a database that takes no lock: it hands back what was read."""

    def __init__(self, row):
        self.row = row

    def get(self, **_lookup):
        return self.row


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


def test_save_and_next_screen_on_a_full_return_stays_within_its_queries(
        client, django_assert_max_num_queries):
    """The bench's request pair (bench/bench_directfile.py) with its SQL counted: the save is
    the session and user, one read of the return, one conditional UPDATE of it, and the
    session write (7 with its BEGIN/COMMIT); the next screen reads the return once, and
    nothing runs per screen or per W-2."""
    user = make_public_user()
    tr = make_return(user, hoh_two_children())
    client.force_login(user)
    client.get(reverse("directfile:hub", args=[2024]))
    w2 = tr.answers["/formW2s"][0]
    url = reverse("directfile:item-screen", args=[2024, "w2-boxes", w2])
    boxes = {"f0": "24000.00", "f1": "950.00", "f2": "24000.00", "f3": "1488.00",
             "f4": "24000.00", "f5": "348.00", "version": tr.version, "action": "save"}
    first = client.post(url, boxes)  # counts each finished section once, in the funnel
    assert first.status_code == 302
    assert FunnelEvent.objects.filter(kind="section_completed").count() == 4
    tr.refresh_from_db()
    with django_assert_max_num_queries(7):
        saved = client.post(url, {**boxes, "f1": "960.00", "version": tr.version})
    assert saved.status_code == 302
    assert FunnelEvent.objects.filter(kind="section_completed").count() == 4
    with django_assert_max_num_queries(9):
        following = client.get(saved["Location"])
    assert following.status_code == 200
    tr.refresh_from_db()
    assert tr.answers[f"/formW2s/{w2}/federalWithholding"] == "960.00"
    sections = set(tr.milestones)
    assert {"section:you-and-your-family", "section:income"} <= sections, sections
