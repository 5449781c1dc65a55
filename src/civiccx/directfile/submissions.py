"""Submit a return exactly once: an idempotency key per submit form, the return row locked
while it moves, an immutable snapshot of the answers and the computed return, and the
acceptance step run after the commit."""

from __future__ import annotations

import json
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civiccx.directfile.funnel import record
from civiccx.directfile.interview import Interview, return_document
from civiccx.directfile.models import FunnelEvent, ReturnStatus, Submission, TaxReturn
from civiccx.taxengine import compute

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


class NotReady(Exception):  # noqa: N818
    """The return cannot be submitted yet; `reasons` says why, in words."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def blockers(iv: Interview) -> list[str]:
    out = []
    if iv.knockouts:
        out.append(_("Direct File cannot file this return (see the reason on the first page)."))
    if any(i.severity == "error" for i in iv.issues):
        out.append(_("Some answers need fixing; they are marked on the first page."))
    for step in iv.steps:
        if step.screen is not None and step.screen.kind in ("submit", "print_and_mail"):
            continue
        if not iv.step_complete(step):
            out.append(_("Some questions are not answered yet."))
            break
    return out


def confirmation_number(year: int) -> str:
    code = "".join(secrets.choice(ALPHABET) for _i in range(8))
    return f"DF{year}-{code[:4]}-{code[4:]}"


def submit(tax_return: TaxReturn, idempotency_key: str, *, language: str = "en",
           now=None) -> Submission:
    """The submission for this key: created once, whatever the number of clicks, retries or
    tabs. A second key while the return is already submitted gets that same submission."""
    now = now or timezone.now()
    previous = Submission.objects.filter(idempotency_key=idempotency_key).first()
    if previous is not None:
        return previous
    try:
        with transaction.atomic():
            tr = TaxReturn.objects.select_for_update().get(pk=tax_return.pk)
            if not tr.editable:
                return tr.latest_submission()
            iv = Interview(tr.answers, tr.tax_year)
            reasons = blockers(iv)
            if reasons:
                raise NotReady(reasons)
            document = return_document(iv)
            snapshot = {"taxYear": tr.tax_year, "answers": tr.answers, "return": document,
                        "version": tr.version}
            submission = Submission.objects.create(
                tax_return=tr, number=tr.submissions.count() + 1,
                idempotency_key=idempotency_key, confirmation=confirmation_number(tr.tax_year),
                snapshot_json=json.dumps(snapshot), filing_status=document["filingStatus"],
                refund_cents=iv.graph.value("/refund"), owed_cents=iv.graph.value("/amountOwed"),
                language=language, submitted_at=now)
            tr.submit(submission, now)
            tr.save()
    except IntegrityError:
        return Submission.objects.get(idempotency_key=idempotency_key)
    record(FunnelEvent.Kind.SUBMITTED, code="resubmission" if submission.number > 1 else "",
           tax_year=tr.tax_year, language=language)
    transaction.on_commit(lambda: _process(submission.pk))
    return submission


def _process(submission_id: int) -> None:
    """Hand the submission to the processing worker (a lost task is picked up by the
    `process_submitted` sweep)."""
    from civiccx.directfile.tasks import process_submission

    process_submission.enqueue(submission_id)


def recompute(snapshot: dict):
    """The engine's result for a submitted snapshot (for the PDF of what was sent)."""
    return compute(snapshot["return"]) if "formW2s" in snapshot["return"] else None


SUBMITTED_STATES = [s for s in ReturnStatus.values if s != ReturnStatus.IN_PROGRESS]
