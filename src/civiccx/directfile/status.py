"""'Where is my return?': the steps a submitted return goes through, with their dates, and a
rejected return's reasons on the screens where they are fixed."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civiccx.directfile.models import ReturnStatus, SubmissionEvent, TaxReturn
from civiccx.directfile.rejections import rejection

STEPS = (
    (ReturnStatus.SUBMITTED, _("Submitted")),
    (ReturnStatus.ACCEPTED, _("Accepted")),
    (ReturnStatus.REFUND_APPROVED, _("Refund approved")),
    (ReturnStatus.REFUND_SENT, _("Refund sent")),
)


def timeline(tax_return: TaxReturn) -> list[SubmissionEvent]:
    return list(SubmissionEvent.objects.filter(submission__tax_return=tax_return)
                .select_related("submission").order_by("at", "pk"))


def current_rejection(tax_return: TaxReturn) -> list[dict]:
    """The latest rejection's reasons, while the return is rejected (or being corrected)."""
    if tax_return.status != ReturnStatus.REJECTED:
        return []
    submission = tax_return.latest_submission()
    event = submission.events.filter(status=ReturnStatus.REJECTED).order_by("-at").first()
    out = []
    for code in event.codes if event else []:
        r = rejection(code)
        url = reverse("directfile:screen", args=[tax_return.tax_year, r.screen]) \
            if r.screen else ""
        out.append({"code": code, "text": r.text, "fix": r.fix, "screen": r.screen,
                    "url": url})
    return out


def rejection_on(tax_return: TaxReturn, step_key: str) -> list[dict]:
    return [r for r in current_rejection(tax_return) if r["screen"] == step_key.split("/")[0]]
