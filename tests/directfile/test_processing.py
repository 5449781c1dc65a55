"""Processing submitted returns: each business rule accepts a good return, rejects a bad one
with its code and plain-language fix, and accepts it once fixed and resubmitted; refunds
follow the schedule; every move is one event and one notice, however often the worker runs
or wherever it is killed."""

import html
import json
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone, translation

from civiccx.core.notifications import OutboxBackend
from civiccx.directfile import processing
from civiccx.directfile.models import ReturnStatus, SubmissionEvent, TaxReturn
from civiccx.directfile.rejections import rejection
from civiccx.directfile.returns import save_answers
from civiccx.directfile.status import current_rejection
from civiccx.directfile.submissions import submit
from tests.directfile.helpers import SINGLE, W2_30K, hoh_two_children, make_return, prior_year
from tests.factories import make_public_user, make_service

pytestmark = pytest.mark.django_db

CONTACT = {"/contact/email": "filer@example.com", "/contact/updatesByEmail": True}
SIGNED = {"/signing/primary/filedLastYear": True, "/signing/primary/method": "agi",
          "/signing/primary/priorYearAgi": "31000.00"}


@pytest.fixture(autouse=True)
def direct_file():
    OutboxBackend.outbox.clear()
    return make_service(slug="direct-file")


def _return(tin="400-01-0001", scenario=None, **answers) -> TaxReturn:
    scenario = json.loads(json.dumps(scenario or SINGLE))
    scenario["answers"].update({"/primaryFiler/tin": tin, "/primaryFiler/dateOfBirth":
                                "1990-05-05", "/signing/primary/filedLastYear": False,
                                **CONTACT, **answers})
    tr = make_return(make_public_user(), scenario)
    walked = tr.answers  # a field shown by an answer on its own screen is not walked
    late = {k: v for k, v in scenario["answers"].items() if k in walked and walked[k] is None}
    if late:
        TaxReturn.objects.filter(pk=tr.pk).update(answers_json=json.dumps({**walked, **late}))
        tr.refresh_from_db()
    return tr


def _submit(tr, key, capture) -> TaxReturn:
    with capture(execute=True):
        submit(TaxReturn.objects.get(pk=tr.pk), key)
    tr.refresh_from_db()
    return tr


def _fix(tr, changes: dict, screen: str) -> None:
    tr.refresh_from_db()
    save_answers(tr, changes, tr.version, screen)


def _codes(tr) -> list[str]:
    return SubmissionEvent.objects.filter(submission__tax_return=tr,
                                          status="rejected").latest("at", "pk").codes


def _subjects(address="filer@example.com") -> list[str]:
    return [m.subject for m in OutboxBackend.outbox if address in m.to]


RULES = [
    # code, what is wrong, the fix, the screen where it is fixed
    ("IND-031-04", {"/signing/primary/priorYearAgi": "28000.00"},
     {"/signing/primary/priorYearAgi": "31000.00"}, "sign-primary-filed-last-year"),
    ("IND-031-04", {"/signing/primary/method": "pin", "/signing/primary/priorYearPin": "11111"},
     {"/signing/primary/priorYearPin": "24680"}, "sign-primary-filed-last-year"),
    ("IND-181-01", {"/signing/primary/hasIpPin": False},
     {"/signing/primary/hasIpPin": True, "/signing/primary/ipPin": "654321"},
     "sign-primary-ip-pin"),
    ("IND-180-01", {"/signing/primary/hasIpPin": True, "/signing/primary/ipPin": "111111"},
     {"/signing/primary/ipPin": "654321"}, "sign-primary-ip-pin"),
    ("IND-524", {"/primaryFiler/dateOfBirth": "1990-05-06"},
     {"/primaryFiler/dateOfBirth": "1990-05-05"}, "your-birth-date"),
]


@pytest.mark.parametrize(("code", "wrong", "fix", "screen"), RULES,
                         ids=[f"{r[0]}-{i}" for i, r in enumerate(RULES)])
def test_a_signature_rule_rejects_with_its_code_and_accepts_once_fixed(
        code, wrong, fix, screen, django_capture_on_commit_callbacks):
    ip_pin = "654321" if code.startswith("IND-18") else ""
    has_ip_pin = {"/signing/primary/hasIpPin": True, "/signing/primary/ipPin": ip_pin} \
        if ip_pin else {}
    for tin in ("400-01-0001", "400-01-0009"):
        prior_year(tin, "1990-05-05", "31000.00", pin="24680", ip_pin=ip_pin)
    good = _return("400-01-0009", **SIGNED, **has_ip_pin)  # another filer who signs rightly
    assert _submit(good, "good", django_capture_on_commit_callbacks).status == \
        ReturnStatus.ACCEPTED
    tr = _return(**{**SIGNED, **has_ip_pin, **wrong})
    assert _submit(tr, "k1", django_capture_on_commit_callbacks).status == ReturnStatus.REJECTED
    assert _codes(tr) == [code]
    reason = current_rejection(tr)[0]
    assert reason["screen"] == screen and reason["url"].endswith(f"/{screen}/")
    assert str(rejection(code).text) in OutboxBackend.outbox[-1].body
    with translation.override("es"):
        spanish = str(rejection(code).fix)
    assert spanish and spanish != _english(rejection(code).fix)
    _fix(tr, fix, screen)
    assert _submit(tr, "k2", django_capture_on_commit_callbacks).status == ReturnStatus.ACCEPTED


def _english(text) -> str:
    with translation.override("en"):
        return str(text)


# The spouse's side of a joint return: a married couple, both signing with last year's AGI.
COUPLE = {"answers": {"/filingStatus": "married_filing_jointly"},
          "loops": {"w2s": [W2_30K, {**W2_30K, "filer": "secondary"}]}}
SPOUSE = {"/secondaryFiler/tin": "400-01-0002", "/secondaryFiler/dateOfBirth": "1991-03-03",
          "/signing/spouse/filedLastYear": True, "/signing/spouse/method": "agi",
          "/signing/spouse/priorYearAgi": "29000.00"}
SPOUSE_IP_PIN = {"/signing/spouse/hasIpPin": True, "/signing/spouse/ipPin": "135790"}
SPOUSE_RULES = [
    # code, the spouse's wrong answers, the fix, the screen, the spouse has an IP PIN
    ("IND-032-04", {"/signing/spouse/priorYearAgi": "19000.00"},
     {"/signing/spouse/priorYearAgi": "29000.00"}, "sign-spouse-filed-last-year", False),
    ("IND-032-04", {"/signing/spouse/method": "pin", "/signing/spouse/priorYearPin": "99999"},
     {"/signing/spouse/priorYearPin": "13579"}, "sign-spouse-filed-last-year", False),
    ("IND-182-01", {"/signing/spouse/ipPin": "111111"}, {"/signing/spouse/ipPin": "135790"},
     "sign-spouse-ip-pin", True),
    ("IND-183-01", {"/signing/spouse/hasIpPin": False}, SPOUSE_IP_PIN, "sign-spouse-ip-pin",
     True),
    ("F1040-526-03", {"/secondaryFiler/dateOfBirth": "1991-03-04"},
     {"/secondaryFiler/dateOfBirth": "1991-03-03"}, "spouse-birth-date", False),
]


def _spouse_prior_years(ip_pin: str = "") -> None:
    prior_year("400-01-0001", "1990-05-05", "31000.00", pin="24680")
    prior_year("400-01-0002", "1991-03-03", "29000.00", pin="13579", ip_pin=ip_pin)


def _screen_says(client, tr, screen: str, language: str) -> str:
    """The fix screen as the filer sees it, in `language`."""
    client.force_login(tr.owner)
    prefix = "/es" if language == "es" else ""
    page = client.get(f"{prefix}/direct-file/{tr.tax_year}/{screen}/")
    assert page.status_code == 200
    return page.content.decode()


@pytest.mark.parametrize(("code", "wrong", "fix", "screen", "has_ip_pin"), SPOUSE_RULES,
                         ids=[f"{r[0]}-{i}" for i, r in enumerate(SPOUSE_RULES)])
def test_a_spouse_signature_rule_rejects_with_its_code_and_fix_and_accepts_once_fixed(
        code, wrong, fix, screen, has_ip_pin, client, django_capture_on_commit_callbacks):
    _spouse_prior_years("135790" if has_ip_pin else "")
    spouse = {**SPOUSE, **(SPOUSE_IP_PIN if has_ip_pin else {})}
    tr = _return(scenario=COUPLE, **{**SIGNED, **spouse, **wrong})
    assert _submit(tr, "k1", django_capture_on_commit_callbacks).status == ReturnStatus.REJECTED
    assert _codes(tr) == [code]  # the spouse's rule, not the primary filer's
    reason = current_rejection(tr)[0]
    assert reason["screen"] == screen and reason["url"].endswith(f"/{screen}/")
    assert str(rejection(code).text) in OutboxBackend.outbox[-1].body
    english = _english(rejection(code).fix)
    with translation.override("es"):
        spanish = str(rejection(code).fix)
    assert "spouse" in english and "cónyuge" in spanish
    assert english in html.unescape(_screen_says(client, tr, screen, "en"))
    assert spanish in html.unescape(_screen_says(client, tr, screen, "es"))
    _fix(tr, fix, screen)
    assert _submit(tr, "k2", django_capture_on_commit_callbacks).status == ReturnStatus.ACCEPTED
    assert current_rejection(tr) == []


def test_a_joint_return_whose_spouse_already_filed_is_rejected_until_the_ssn_is_corrected(
        client, django_capture_on_commit_callbacks):
    spouse_alone = _submit(_return("400-01-0002"), "a", django_capture_on_commit_callbacks)
    assert spouse_alone.status == ReturnStatus.ACCEPTED  # the spouse filed on their own
    _spouse_prior_years()
    joint = _return(scenario=COUPLE, **SIGNED, **SPOUSE)
    assert _submit(joint, "b", django_capture_on_commit_callbacks).status == \
        ReturnStatus.REJECTED
    assert _codes(joint) == ["R0000-504-02"]  # the spouse's SSN, not the primary's
    reason = current_rejection(joint)[0]
    assert reason["screen"] == "spouse-ssn" and reason["url"].endswith("/spouse-ssn/")
    english = _english(rejection("R0000-504-02").fix)
    with translation.override("es"):
        spanish = str(rejection("R0000-504-02").fix)
    assert english in html.unescape(_screen_says(client, joint, "spouse-ssn", "en"))
    assert spanish in html.unescape(_screen_says(client, joint, "spouse-ssn", "es"))
    _fix(joint, {"/secondaryFiler/tin": "400-01-0888"}, "spouse-ssn")  # a typo, corrected
    prior_year("400-01-0888", "1991-03-03", "29000.00")
    assert _submit(joint, "c", django_capture_on_commit_callbacks).status == \
        ReturnStatus.ACCEPTED


def test_a_second_return_for_the_same_ssn_is_rejected_until_the_ssn_is_corrected(
        django_capture_on_commit_callbacks):
    first = _submit(_return(), "a", django_capture_on_commit_callbacks)
    assert first.status == ReturnStatus.ACCEPTED
    typo = _return()  # the same SSN typed by someone else
    assert _submit(typo, "b", django_capture_on_commit_callbacks).status == \
        ReturnStatus.REJECTED
    assert _codes(typo) == ["R0000-503-02"]
    assert current_rejection(typo)[0]["screen"] == "your-ssn"
    _fix(typo, {"/primaryFiler/tin": "400-01-0777"}, "your-ssn")
    assert _submit(typo, "c", django_capture_on_commit_callbacks).status == \
        ReturnStatus.ACCEPTED


def test_a_dependent_claimed_on_another_accepted_return_is_rejected_until_fixed(
        django_capture_on_commit_callbacks):
    parent = _submit(_return("400-01-0101", hoh_two_children()), "a",
                     django_capture_on_commit_callbacks)
    assert parent.status == ReturnStatus.ACCEPTED
    other = _return("400-01-0202", hoh_two_children())  # claims the same two children
    assert _submit(other, "b", django_capture_on_commit_callbacks).status == \
        ReturnStatus.REJECTED
    assert _codes(other) == ["IND-507-01"]
    answers = other.answers
    first, second = answers["/dependents"]
    _fix(other, {f"/dependents/{first}/tin": "400-02-0901",
                 f"/dependents/{second}/tin": "400-02-0902"}, "dependent-ssn")
    assert _submit(other, "c", django_capture_on_commit_callbacks).status == \
        ReturnStatus.ACCEPTED


def test_a_stored_return_that_differs_from_a_fresh_computation_is_rejected(
        monkeypatch, django_capture_on_commit_callbacks):
    from civiccx.directfile import submissions

    real = submissions.return_document

    def stale(iv):  # a return computed by an older engine, or altered on the way
        doc = real(iv)
        doc["refund"] = "9999.00"
        return doc

    monkeypatch.setattr(submissions, "return_document", stale)
    tr = _submit(_return(), "k1", django_capture_on_commit_callbacks)
    assert tr.status == ReturnStatus.REJECTED and _codes(tr) == ["CX-MATH-01"]
    monkeypatch.setattr(submissions, "return_document", real)
    assert _submit(tr, "k2", django_capture_on_commit_callbacks).status == \
        ReturnStatus.ACCEPTED


@override_settings(DIRECTFILE_REFUND_SCHEDULE={"approved_after_days": (2, 2),
                                               "sent_after_days": (3, 3)})
def test_a_refund_is_approved_then_sent_on_the_schedule_with_one_notice_each(
        django_capture_on_commit_callbacks):
    tr = _submit(_return(), "k", django_capture_on_commit_callbacks)
    accepted_at = SubmissionEvent.objects.get(submission__tax_return=tr, status="accepted").at
    for days, status in ((1, "accepted"), (2, "refund_approved"), (4, "refund_approved"),
                         (5, "refund_sent"), (9, "refund_sent")):
        with django_capture_on_commit_callbacks(execute=True):
            processing.advance_refunds(accepted_at + timedelta(days=days, minutes=1))
            processing.advance_refunds(accepted_at + timedelta(days=days, minutes=1))
        tr.refresh_from_db()
        assert tr.status == status, days
    assert [e.status for e in SubmissionEvent.objects.filter(submission__tax_return=tr)] == [
        "submitted", "accepted", "refund_approved", "refund_sent"]
    assert len(_subjects()) == 4  # submitted, accepted, approved, sent: once each


def test_the_demo_schedule_approves_in_1_to_6_days_and_sends_1_to_3_days_later():
    from civiccx.directfile.models import Submission
    days = [(processing._days(Submission(confirmation=f"DF{i}"), "approved"),
             processing._days(Submission(confirmation=f"DF{i}"), "sent")) for i in range(300)]
    assert {a for a, _s in days} == set(range(1, 7)) and {s for _a, s in days} == {1, 2, 3}


def test_a_balance_due_says_how_to_pay(django_capture_on_commit_callbacks):
    owes = json.loads(json.dumps(SINGLE))
    owes["loops"]["w2s"][0]["federalWithholding"] = "0.00"
    tr = _submit(_return(scenario=owes), "k", django_capture_on_commit_callbacks)
    assert tr.status == ReturnStatus.PAYMENT_DUE
    body = OutboxBackend.outbox[-1].body
    assert "April 15" in body and "owe" in body


def test_running_the_worker_twice_changes_nothing_twice(django_capture_on_commit_callbacks):
    trs = [_return(f"400-01-{n:04d}") for n in range(10, 13)]
    from unittest import mock
    with mock.patch("civiccx.directfile.submissions._process"), \
            django_capture_on_commit_callbacks(execute=True):
        for n, tr in enumerate(trs):
            submit(tr, f"k{n}")  # submitted while no worker runs: the tasks are lost
    assert processing.waiting() != []
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            processing.process_submitted()
            for pk in [tr.latest_submission().pk for tr in trs]:
                processing.process_submission(pk)
    assert processing.waiting() == []
    for tr in trs:
        tr.refresh_from_db()
        assert tr.status == ReturnStatus.ACCEPTED
        assert SubmissionEvent.objects.filter(submission__tax_return=tr,
                                              status="accepted").count() == 1
    accepted = [s for s in _subjects() if "accepted" in s]
    assert len(accepted) == 3


class WorkerKilled(BaseException):
    """Stands for SIGKILL: not an Exception, so nothing on the way catches it."""


def test_a_worker_killed_mid_batch_and_restarted_loses_and_doubles_nothing(
        monkeypatch, django_capture_on_commit_callbacks):
    from unittest import mock

    from civiccx.directfile import spine
    trs = [_return(f"400-01-{n:04d}") for n in range(20, 26)]
    with mock.patch("civiccx.directfile.submissions._process"), \
            django_capture_on_commit_callbacks(execute=True):
        for n, tr in enumerate(trs):
            submit(tr, f"k{n}")
    real = spine.record_accepted
    calls = []

    def dies_on_the_fourth(*args):
        calls.append(1)
        if len(calls) == 4:
            raise WorkerKilled  # in the middle of the fourth return's transaction
        real(*args)

    monkeypatch.setattr(spine, "record_accepted", dies_on_the_fourth)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(WorkerKilled):
        processing.process_submitted()
    statuses = sorted(TaxReturn.objects.filter(pk__in=[t.pk for t in trs])
                      .values_list("status", flat=True))
    assert statuses.count(ReturnStatus.ACCEPTED) == 3
    assert SubmissionEvent.objects.filter(status="accepted").count() == 3
    monkeypatch.setattr(spine, "record_accepted", real)
    with django_capture_on_commit_callbacks(execute=True):
        processing.process_submitted()  # the restarted worker's sweep
    for tr in trs:
        tr.refresh_from_db()
        assert tr.status == ReturnStatus.ACCEPTED
        assert SubmissionEvent.objects.filter(submission__tax_return=tr,
                                              status="accepted").count() == 1
    assert len([s for s in _subjects() if "accepted" in s]) == len(trs)
    from civiccx.services.models import Interaction
    assert Interaction.objects.filter(outcome="resolved").count() == len(trs)


def test_submitting_enqueues_the_processing_task(django_capture_on_commit_callbacks):
    from unittest import mock
    tr = _return()
    with mock.patch("civiccx.directfile.tasks.process_submission") as task, \
            django_capture_on_commit_callbacks(execute=True):
        submission = submit(tr, "k")
    task.enqueue.assert_called_once_with(submission.pk)
    tr.refresh_from_db()
    assert tr.status == ReturnStatus.SUBMITTED
    assert processing.waiting() == [submission.pk]
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        from civiccx.directfile.tasks import process_submitted
        process_submitted.enqueue()
    tr.refresh_from_db()
    assert tr.status == ReturnStatus.ACCEPTED and tr.updated_at >= now
