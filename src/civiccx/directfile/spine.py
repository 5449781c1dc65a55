"""What Direct File records on the Interaction spine: an accepted return (resolved) and a
knockout (referred elsewhere), each once."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from civiccx.directfile.funnel import record
from civiccx.directfile.models import FunnelEvent, TaxReturn
from civiccx.services.interactions import record_interaction
from civiccx.services.models import Channel, Outcome, Service

SERVICE = "direct-file"


def _contact(tax_return: TaxReturn) -> dict:
    answers = tax_return.answers
    email = answers.get("/contact/email") or ""
    phone = answers.get("/contact/phone") or ""
    consent = bool(answers.get("/contact/updatesByEmail") or answers.get("/contact/updatesByText"))
    return {"contact_consent": consent, "contact_email": email if consent else "",
            "contact_phone": phone if consent else ""}


def record_accepted(tax_return: TaxReturn, submission, now) -> None:
    service = Service.objects.filter(slug=SERVICE).first()
    if service is None:
        return
    record_interaction(service=service, channel=Channel.WEB, started_at=tax_return.started_at,
                       ended_at=now, outcome=Outcome.RESOLVED, person=tax_return.owner,
                       language=submission.language, source=f"directfile:{submission.pk}",
                       **_contact(tax_return))


def record_knockout(tax_return: TaxReturn, code: str, language: str) -> bool:
    """Record the first visit to a knockout's page; returns whether this one was new."""
    marker = f"knockout:{code}"
    with transaction.atomic():
        tr = TaxReturn.objects.select_for_update().get(pk=tax_return.pk)
        if marker in tr.milestones:
            return False
        TaxReturn.objects.filter(pk=tr.pk).update(milestones=[*tr.milestones,
                                                                       marker])
        service = Service.objects.filter(slug=SERVICE).first()
        if service is not None:
            now = timezone.now()
            record_interaction(service=service, channel=Channel.WEB,
                               started_at=min(tr.started_at, now), ended_at=now,
                               outcome=Outcome.REFERRED, person=tr.owner, language=language,
                               source=f"directfile:knockout:{code}")
    record(FunnelEvent.Kind.KNOCKOUT, code=code, tax_year=tax_return.tax_year,
           language=language)
    return True
