"""The acceptance step: checks a submission the way e-file business rules would, and moves the
return to Accepted or Rejected; then the refund is approved and sent on a schedule.

This in-process step stands in for the agency's processing (the next issue replaces it with a
worker); everything it decides goes through `process_submission` and `advance_refunds`.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from civiccx.core.fields import blind_index
from civiccx.directfile.funnel import record
from civiccx.directfile.models import (
    FunnelEvent,
    PriorYearRecord,
    ReturnStatus,
    Submission,
    TaxReturn,
)
from civiccx.taxengine.money import cents

REFUND_APPROVED_AFTER = timedelta(days=1)
REFUND_SENT_AFTER = timedelta(days=7)


def rejection_codes(submission: Submission) -> list[str]:
    """The business rules a submission fails (e-file reject codes), in the order checked."""
    snapshot = submission.snapshot
    answers = snapshot["answers"]
    year = snapshot["taxYear"]
    codes: list[str] = []
    people = [("primary", "/primaryFiler", ("IND-031-04", "IND-524", "IND-180-01",
                                            "IND-181-01"))]
    if answers.get("/filingStatus") == "married_filing_jointly":
        people.append(("spouse", "/secondaryFiler", ("IND-032-04", "F1040-526-03",
                                                     "IND-182-01", "IND-183-01")))
    for who, filer, (agi_code, dob_code, ip_wrong, ip_missing) in people:
        sign = f"/signing/{who}"
        tin = answers.get(f"{filer}/tin", "")
        prior = PriorYearRecord.objects.filter(tin_index=blind_index(tin),
                                               tax_year=year - 1).first()
        if prior is None:
            if answers.get(f"{sign}/filedLastYear"):
                codes.append(agi_code)  # no return on file to match
            continue
        if answers.get(f"{sign}/filedLastYear") is not True or \
                not _identity_matches(answers, sign, prior):
            codes.append(agi_code)
        if answers.get(f"{filer}/dateOfBirth") != prior.date_of_birth:
            codes.append(dob_code)
        if prior.ip_pin:
            if answers.get(f"{sign}/hasIpPin") is not True or not answers.get(f"{sign}/ipPin"):
                codes.append(ip_missing)
            elif answers.get(f"{sign}/ipPin") != prior.ip_pin:
                codes.append(ip_wrong)
    codes += _dependents_claimed_elsewhere(submission, answers)
    return codes


def _identity_matches(answers: dict, sign: str, prior: PriorYearRecord) -> bool:
    method = answers.get(f"{sign}/method")
    if method == "agi":
        try:
            return cents(answers.get(f"{sign}/priorYearAgi") or "x") == prior.agi_cents
        except ValueError:
            return False
    if method == "pin":
        return bool(prior.self_select_pin) and answers.get(f"{sign}/priorYearPin") == \
            prior.self_select_pin
    return False


def _dependents_claimed_elsewhere(submission: Submission, answers: dict) -> list[str]:
    """IND-507: a dependent already on another accepted return for the same year."""
    tins = {answers.get(f"/dependents/{i}/tin") for i in answers.get("/dependents", [])}
    tins.discard(None)
    if not tins:
        return []
    accepted = (Submission.objects.filter(tax_return__tax_year=submission.tax_return.tax_year,
                                          tax_return__status__in=ACCEPTED_STATES)
                .exclude(tax_return=submission.tax_return))
    for other in accepted.iterator():
        theirs = other.snapshot["answers"]
        if tins & {theirs.get(f"/dependents/{i}/tin") for i in theirs.get("/dependents", [])}:
            return ["IND-507"]
    return []


ACCEPTED_STATES = (ReturnStatus.ACCEPTED, ReturnStatus.REFUND_APPROVED,
                   ReturnStatus.REFUND_SENT, ReturnStatus.PAYMENT_DUE)


def process_submission(submission_id: int, now=None) -> str:
    """Accept or reject one submission; returns the return's new status."""
    now = now or timezone.now()
    with transaction.atomic():
        submission = Submission.objects.select_related("tax_return").get(pk=submission_id)
        tr = TaxReturn.objects.select_for_update().get(pk=submission.tax_return_id)
        if tr.status != ReturnStatus.SUBMITTED or tr.latest_submission().pk != submission.pk:
            return tr.status
        codes = rejection_codes(submission)
        if codes:
            tr.reject(submission, codes, now)
        else:
            tr.accept(submission, now)
            if submission.owed_cents > 0:
                tr.ask_for_payment(submission, now)
        tr.save()
    kind = FunnelEvent.Kind.REJECTED if codes else FunnelEvent.Kind.ACCEPTED
    for code in codes or [""]:
        record(kind, code=code, tax_year=tr.tax_year, language=submission.language)
    return tr.status


def advance_refunds(now=None) -> int:
    """Approve refunds a day after acceptance and send them a week after approval."""
    now = now or timezone.now()
    moved = 0
    for tr in TaxReturn.objects.filter(status__in=(ReturnStatus.ACCEPTED,
                                                    ReturnStatus.REFUND_APPROVED)):
        with transaction.atomic():
            tr = TaxReturn.objects.select_for_update().get(pk=tr.pk)
            submission = tr.latest_submission()
            last = submission.events.order_by("-at", "-pk").first()
            if tr.status == ReturnStatus.ACCEPTED and submission.refund_cents > 0 and \
                    now - last.at >= REFUND_APPROVED_AFTER:
                tr.approve_refund(submission, now)
            elif tr.status == ReturnStatus.REFUND_APPROVED and \
                    now - last.at >= REFUND_SENT_AFTER:
                tr.send_refund(submission, now)
            else:
                continue
            tr.save()
            moved += 1
    return moved
