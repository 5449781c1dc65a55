"""Processing submitted returns: the business rules a submission must pass (modelled on the IRS
e-file (MeF) business rules, with their rule codes), acceptance or rejection, and the refund
schedule after acceptance (approved, then sent).

The worker runs these through `civiccx.directfile.tasks` (django-tasks): one task per
submission, enqueued after the submit commits, and a sweep (`process_submitted`, run by
`civiccx periodic`) that picks up any submission whose task was lost. Every function here is
safe to run twice or to be stopped at any point: each return moves in its own transaction,
with its row locked, and only from the state the move starts from, so a second run finds
nothing to do and a killed run leaves each return either moved (with its event, its counts
and its notice) or untouched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from civiccx.core.fields import blind_index
from civiccx.directfile.funnel import record
from civiccx.directfile.models import (
    ClaimedTin,
    FunnelEvent,
    PriorYearRecord,
    ReturnStatus,
    Submission,
    TaxReturn,
)
from civiccx.taxengine.money import cents

ACCEPTED_STATES = (ReturnStatus.ACCEPTED, ReturnStatus.REFUND_APPROVED,
                   ReturnStatus.REFUND_SENT, ReturnStatus.PAYMENT_DUE)

MATH_CODE = "CX-MATH-01"  # ours: MeF checks each line's math with its own rule code


# --- the business rules --------------------------------------------------------------------

def _signature_codes(submission: Submission, answers: dict, year: int) -> list[str]:
    """Each signer's identity against last year's records: prior-year AGI or self-select PIN
    (IND-031-04 / IND-032-04), date of birth (IND-524 / F1040-526-03) and the Identity
    Protection PIN, wrong (IND-180-01 / IND-182-01) or missing (IND-181-01 / IND-183-01)."""
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


def filer_tins(answers: dict) -> dict[str, str]:
    """The return's filers' ids by role in the return header: primary, and spouse if joint."""
    tins = {"primary": answers.get("/primaryFiler/tin") or ""}
    if answers.get("/filingStatus") == "married_filing_jointly":
        tins["spouse"] = answers.get("/secondaryFiler/tin") or ""
    return {role: tin for role, tin in tins.items() if tin}


def dependent_tins(answers: dict) -> list[str]:
    return [t for i in answers.get("/dependents", [])
            if (t := answers.get(f"/dependents/{i}/tin"))]


def _claimed(year: int, tins, role: str, tax_return_id: int) -> bool:
    return (ClaimedTin.objects.filter(tax_year=year, role=role,
                                      tin_index__in=[blind_index(t) for t in tins])
            .exclude(submission__tax_return_id=tax_return_id).exists())


def _duplicate_codes(submission: Submission, answers: dict, year: int) -> list[str]:
    """R0000-503-02 / R0000-504-02: the primary's (spouse's) SSN is already a filer on an
    accepted return for this year. IND-507-01: a dependent's SSN is already claimed on one."""
    codes = []
    for role, code in (("primary", "R0000-503-02"), ("spouse", "R0000-504-02")):
        tin = filer_tins(answers).get(role)
        if tin and _claimed(year, [tin], ClaimedTin.Role.FILER, submission.tax_return_id):
            codes.append(code)
    dependents = dependent_tins(answers)
    if dependents and _claimed(year, dependents, ClaimedTin.Role.DEPENDENT,
                               submission.tax_return_id):
        codes.append("IND-507-01")
    return codes


def _math_codes(submission: Submission, answers: dict, year: int) -> list[str]:
    """The stored return must equal a fresh computation by the engine from the answers sent:
    every Form 1040 line, the refund and the amount owed."""
    from civiccx.directfile.interview import Interview, return_document

    stored = submission.snapshot["return"]
    fresh = return_document(Interview(answers, year))
    same = (fresh.get("form1040") == stored.get("form1040")
            and fresh.get("refund") == stored.get("refund")
            and fresh.get("amountOwed") == stored.get("amountOwed")
            and cents(fresh.get("refund") or "0") == submission.refund_cents
            and cents(fresh.get("amountOwed") or "0") == submission.owed_cents)
    return [] if same else [MATH_CODE]


RULES: tuple[Callable[[Submission, dict, int], list[str]], ...] = (
    _signature_codes, _duplicate_codes, _math_codes)


def rejection_codes(submission: Submission) -> list[str]:
    """The business rules a submission fails (e-file reject codes), in the order checked."""
    snapshot = submission.snapshot
    answers, year = snapshot["answers"], snapshot["taxYear"]
    return [code for rule in RULES for code in rule(submission, answers, year)]


# --- acceptance ----------------------------------------------------------------------------

def _claim(submission: Submission, answers: dict, year: int) -> None:
    rows = [ClaimedTin(tax_year=year, tin_index=blind_index(t), role=ClaimedTin.Role.FILER,
                       submission=submission) for t in filer_tins(answers).values()]
    rows += [ClaimedTin(tax_year=year, tin_index=blind_index(t),
                        role=ClaimedTin.Role.DEPENDENT, submission=submission)
             for t in dependent_tins(answers)]
    for row in rows:
        row.save()


def process_submission(submission_id: int, now=None) -> str:
    """Accept or reject one submission; returns the return's status. A submission that is
    no longer the one waiting (already decided, or replaced) is left alone."""
    try:
        return _decide(submission_id, now)
    except IntegrityError:
        # Another return claiming the same person was accepted at this same moment: decide
        # again, now that its claim is visible (this one is then rejected).
        return _decide(submission_id, now)


def _decide(submission_id: int, now=None) -> str:
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
            snapshot = submission.snapshot
            _claim(submission, snapshot["answers"], snapshot["taxYear"])
            tr.accept(submission, now)
            if submission.owed_cents > 0:
                tr.ask_for_payment(submission, now)
        tr.save()
        kind = FunnelEvent.Kind.REJECTED if codes else FunnelEvent.Kind.ACCEPTED
        for code in codes or [""]:
            record(kind, code=code, tax_year=tr.tax_year, language=submission.language)
    return tr.status


def waiting(limit: int | None = None) -> list[int]:
    """The submissions waiting for a decision (their returns are Submitted), oldest first."""
    ids = (Submission.objects.filter(tax_return__status=ReturnStatus.SUBMITTED)
           .order_by("submitted_at", "pk").values_list("pk", flat=True))
    return list(ids[:limit] if limit else ids)


def process_submitted(now=None, limit: int | None = None) -> dict[str, int]:
    """Decide every submission still waiting (the sweep behind lost or killed tasks)."""
    decided: dict[str, int] = {}
    for pk in waiting(limit):
        status = process_submission(pk, now)
        decided[status] = decided.get(status, 0) + 1
    return decided


# --- the refund schedule -------------------------------------------------------------------

DEFAULT_SCHEDULE = {"approved_after_days": (1, 6), "sent_after_days": (1, 3)}


def _days(submission: Submission, step: str) -> int:
    """Whole days from the previous step to `step` for this submission: drawn once from the
    configured range (`DIRECTFILE_REFUND_SCHEDULE`) by the confirmation number, so every run
    of the schedule agrees."""
    schedule = {**DEFAULT_SCHEDULE, **getattr(settings, "DIRECTFILE_REFUND_SCHEDULE", {})}
    low, high = schedule[f"{step}_after_days"]
    draw = hashlib.sha256(f"{submission.confirmation}:{step}".encode()).digest()
    return low + int.from_bytes(draw[:4], "big") % (high - low + 1)


def refund_due(submission: Submission, step: str, previous_at) -> object:
    """When the refund reaches `step` ("approved" or "sent"), from the previous step's time."""
    return previous_at + timedelta(days=_days(submission, step))


def advance_refunds(now=None) -> int:
    """Approve each accepted refund, and send each approved one, once its day has come."""
    now = now or timezone.now()
    moved = 0
    ids = TaxReturn.objects.filter(status__in=(ReturnStatus.ACCEPTED,
                                               ReturnStatus.REFUND_APPROVED)
                                   ).values_list("pk", flat=True)
    for pk in list(ids):
        with transaction.atomic():
            tr = TaxReturn.objects.select_for_update().get(pk=pk)
            submission = tr.latest_submission()
            last = submission.events.order_by("-at", "-pk").first()
            if tr.status == ReturnStatus.ACCEPTED and submission.refund_cents > 0 and \
                    now >= refund_due(submission, "approved", last.at):
                tr.approve_refund(submission, now)
            elif tr.status == ReturnStatus.REFUND_APPROVED and \
                    now >= refund_due(submission, "sent", last.at):
                tr.send_refund(submission, now)
            else:
                continue
            tr.save()
            moved += 1
    return moved
