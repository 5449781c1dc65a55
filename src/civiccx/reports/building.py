"""Assembling a progress report from data, publishing it, and correcting it.

A report's *data* is everything the data knows: each referenced figure for the quarter and the
three before it (with sample sizes and intervals), the service's commitments with their
baselines and latest values, and the quotes customers agreed to make public. A draft's data is
resolved afresh each time it is shown; publishing freezes it (with its SHA-256), so the public
page, the PDF, the CSV, the JSON and the feed all print the same frozen numbers.
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from civiccx.core.fiscal import parse_fiscal_quarter
from civiccx.core.redaction import redact
from civiccx.reports.figures import (
    A11_PREFIX,
    Number,
    UnknownFigure,
    catalog,
    figure_choice,
    resolve,
    trend_quarters,
)
from civiccx.reports.models import Commitment, ProgressReport, Quote, ReportFigure

# A typed figure: any digit, except in a name (A-11, a fiscal quarter such as FY2025Q3) or a
# year on its own (2025).
_ALLOWED_NUMBER_WORDS = re.compile(r"\bA-11\b|\bFY\d{4}Q[1-4]\b|\b(?:19|20)\d{2}\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def typed_numbers(text: str) -> list[str]:
    """The numbers typed into narrative text (a year or a quarter's name is not one)."""
    rest = _ALLOWED_NUMBER_WORDS.sub(" ", text)
    return re.findall(r"[\d][\d.,%]*", rest) if _DIGIT.search(rest) else []


def figure_data(report: ProgressReport) -> list[dict]:
    """Each referenced figure: its title and unit, and its number in each trend quarter."""
    result = []
    for reference in report.figures.all():
        try:
            choice = figure_choice(reference.key)
        except UnknownFigure:
            continue
        numbers = [
            resolve(reference.key, report.service_id, quarter).as_dict()
            for quarter in trend_quarters(report.quarter)
        ]
        result.append(
            {"key": reference.key, "title": choice.title, "unit": choice.unit, "numbers": numbers}
        )
    return result


def commitment_data(report: ProgressReport, *, newest_first: tuple[str, ...] = ()) -> list[dict]:
    """The service's commitments as of the report: baseline and latest values, from the data.
    The latest is the report's quarter, or the first of `newest_first` with observations."""
    rows = []
    for commitment in Commitment.objects.filter(service=report.service_id).prefetch_related(
        "events"
    ):
        try:
            unit = figure_choice(commitment.metric).unit
        except UnknownFigure:
            continue
        baseline = resolve(commitment.metric, report.service_id, commitment.baseline_quarter)
        latest = None
        for quarter in newest_first or (report.quarter,):
            latest = resolve(commitment.metric, report.service_id, quarter)
            if latest.n:
                break
        rows.append(
            {
                "id": commitment.pk,
                "title": commitment.title,
                "title_es": commitment.title_es,
                "metric": commitment.metric,
                "unit": unit,
                "owner": commitment.owner,
                "target": commitment.target,
                "due_quarter": commitment.due_quarter,
                "status": commitment.status,
                "baseline": baseline.as_dict(),
                "latest": latest.as_dict(),
                "history": [
                    {
                        "date": event.at.date().isoformat(),
                        "status": event.status,
                        "note": event.note,
                    }
                    for event in commitment.events.all()
                ],
            }
        )
    return rows


def quote_data(report: ProgressReport) -> list[dict]:
    """Quotes with the customer's public consent, and only those."""
    return [
        {"text": quote.text, "text_es": quote.text_es}
        for quote in Quote.objects.filter(
            service=report.service_id, quarter=report.quarter, public_consent=True
        )
    ]


def assemble(report: ProgressReport) -> dict:
    """The report's data as it would be published now."""
    return {
        "service": report.service.slug,
        "quarter": report.quarter,
        "audience": report.audience,
        "version": report.version,
        "quarters": trend_quarters(report.quarter),
        "figures": figure_data(report),
        "commitments": commitment_data(report),
        "quotes": quote_data(report),
    }


def report_data(report: ProgressReport) -> dict:
    """What a page shows: the frozen data of a published report, else the live data."""
    if report.state == ProgressReport.State.PUBLISHED and report.data is not None:
        return report.data
    return assemble(report)


def latest_number(figure: dict) -> Number:
    return Number.from_dict(figure["numbers"][-1])


def answered_a11_keys(service_id: int, quarter: str) -> list[str]:
    """The A-11 drivers the service's customers answered in the quarter."""
    return [
        choice.key
        for choice in catalog()
        if choice.key.startswith(A11_PREFIX) and resolve(choice.key, service_id, quarter).n
    ]


@transaction.atomic
def draft_report(
    service,
    quarter: str,
    actor=None,
    *,
    keys: tuple[str, ...] | None = None,
    audience: str = ProgressReport.Audience.PUBLIC,
) -> ProgressReport:
    """A new draft for a service, quarter and audience, referencing its headline figures (by
    default the A-11 drivers its customers answered); the narrative is left for an analyst.
    If that report exists already, it is returned as it is."""
    parse_fiscal_quarter(quarter)
    if keys is None:
        keys = tuple(answered_a11_keys(service.pk, quarter))
    report, created = ProgressReport.objects.get_or_create(
        service=service,
        quarter=quarter,
        audience=audience,
        version=1,
        defaults={"drafted_by": actor},
    )
    if created:
        known = {choice.key for choice in catalog()}
        ReportFigure.objects.bulk_create(
            ReportFigure(report=report, key=key, order=n)
            for n, key in enumerate(k for k in keys if k in known)
        )
    return report


@transaction.atomic
def _move(report: ProgressReport, actor, step: str) -> ProgressReport:
    """Take one workflow step on the locked row and save it (the transition holds the rest)."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if step == "publish":
        if report.submitted_by_id == actor.pk:
            raise PermissionDenied(
                _("Someone other than the person who sent it for review must publish it.")
            )
        report.publish(actor, assemble(report))
    elif step == "submit":
        report.submit(actor)
    else:
        report.return_to_draft(actor)
    report.save()
    return report


def submit(report: ProgressReport, actor) -> ProgressReport:
    return _move(report, actor, "submit")


def return_to_draft(report: ProgressReport, actor) -> ProgressReport:
    return _move(report, actor, "return")


def publish(report: ProgressReport, actor) -> ProgressReport:
    """A second person publishes: the numbers are resolved now and frozen with their hash."""
    return _move(report, actor, "publish")


@transaction.atomic
def correct(report: ProgressReport, actor, note: str, note_es: str = "") -> ProgressReport:
    """A new draft version of a published report, carrying its narrative and references and a
    correction note. The old version stays published and readable until the new one is
    published, and readable (marked corrected) after."""
    if report.state != ProgressReport.State.PUBLISHED:
        raise ValidationError(_("Only a published report can be corrected."))
    if ProgressReport.objects.filter(corrects=report).exists():
        raise ValidationError(_("A correction of this version already exists."))
    if not note.strip():
        raise ValidationError(_("Say publicly what the correction changes."))
    new = ProgressReport.objects.create(
        service=report.service,
        quarter=report.quarter,
        audience=report.audience,
        version=report.version + 1,
        corrects=report,
        correction_note=redact(note).text,
        correction_note_es=redact(note_es).text,
        learned=report.learned,
        learned_es=report.learned_es,
        next_steps=report.next_steps,
        next_steps_es=report.next_steps_es,
        drafted_by=actor,
    )
    ReportFigure.objects.bulk_create(
        ReportFigure(report=new, key=ref.key, order=ref.order) for ref in report.figures.all()
    )
    return new


def published_reports(audience: str = ProgressReport.Audience.PUBLIC):
    return (
        ProgressReport.objects.filter(state=ProgressReport.State.PUBLISHED, audience=audience)
        .select_related("service", "corrects")
        .order_by("-quarter", "service__order", "-version")
    )


# Drafted at the quarter's close ---------------------------------------------------------


def _movement(key: str, service_id: int, quarter: str) -> str:
    """One sentence in words (numbers stay in the figures) on how a figure moved since the
    quarter before, and whether the move is larger than the margin of error: for a share, a
    two-proportion z-test at 95% (|z| > 1.96); otherwise it is only described."""
    title = figure_choice(key).title
    before_quarter = trend_quarters(quarter, 2)[0]
    now, before = resolve(key, service_id, quarter), resolve(key, service_id, before_quarter)
    if now.value is None or before.value is None or now.value == before.value:
        return ""
    direction = _("rose") if now.value > before.value else _("fell")
    if now.unit != "share":
        return _("%(figure)s %(direction)s since last quarter.") % {
            "figure": title,
            "direction": direction,
        }
    pooled = (now.value * now.n + before.value * before.n) / (now.n + before.n)
    spread = (pooled * (1 - pooled) * (1 / now.n + 1 / before.n)) ** 0.5
    significant = spread > 0 and abs(now.value - before.value) / spread > 1.96
    if significant:
        return _(
            "%(figure)s %(direction)s since last quarter, by more than the margin of error."
        ) % {"figure": title, "direction": direction}
    return _("%(figure)s %(direction)s since last quarter, within the margin of error.") % {
        "figure": title,
        "direction": direction,
    }


def designated_services():
    """The services the agency reports on: those with a report or a commitment already."""
    from civiccx.services.models import Service

    return Service.objects.filter(
        pk__in=[
            *ProgressReport.objects.values_list("service", flat=True),
            *Commitment.objects.values_list("service", flat=True),
        ]
    )


def draft_closed_quarter(today) -> list[ProgressReport]:
    """The day after a quarter ends (and any day after, until it is drafted): a draft for each
    designated service, referencing the figures of its last report and the A-11 drivers its
    customers answered, with a generated "What we learned" for an analyst to edit."""
    from civiccx.core.fiscal import fiscal_quarter

    closed = str(fiscal_quarter(today).previous())
    drafted = []
    for service in designated_services():
        if ProgressReport.objects.filter(service=service, quarter=closed).exists():
            continue
        last = (
            ProgressReport.objects.filter(service=service)
            .exclude(quarter=closed)
            .order_by("-quarter", "-version")
            .first()
        )
        keys = list(answered_a11_keys(service.pk, closed))
        if last is not None:
            keys += [ref.key for ref in last.figures.all() if ref.key not in keys]
        report = draft_report(service, closed, keys=tuple(keys))
        for field, language in (("learned", "en"), ("learned_es", "es")):
            with translation.override(language):
                sentences = [s for s in (_movement(k, service.pk, closed) for k in keys) if s]
            setattr(report, field, " ".join(sentences))
        report.save(update_fields=["learned", "learned_es"])
        drafted.append(report)
    return drafted
