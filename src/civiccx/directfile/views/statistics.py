"""The season's statistics: a public page (with CSV and JSON downloads) and the staff
processing console (the queue, rejects by code, a return's history by its confirmation
number, never by SSN)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Min
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from civiccx.core.roles import CSR, CX_ANALYST, role_required
from civiccx.core.spreadsheets import csv_download
from civiccx.directfile import statistics
from civiccx.directfile.models import ReturnStatus, Submission, TaxReturn
from civiccx.directfile.status import timeline
from civiccx.services.audit import record_pii_read


def _year(request) -> int | None:
    raw = request.GET.get("year", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return int(raw)


def season_statistics(request):
    report = statistics.report(_year(request))
    wanted = request.GET.get("format", "")
    if report is not None and wanted == "json":
        return JsonResponse(statistics.as_json(report))
    if report is not None and wanted == "csv":
        header = [_("Measure"), str(report.season.tax_year), str(report.last.tax_year)]
        return csv_download(f"direct-file-season-{report.season.tax_year}.csv", header,
                            statistics.summary_rows(report))
    chart, funnel_rows, sections = statistics.funnel(
        report.season.tax_year if report is not None else None)
    context = {"report": report, "funnel_chart": chart, "funnel": funnel_rows,
               "funnel_year": report.season.tax_year if report is not None else None,
               "sections": sections, "feedback": statistics.feedback_rows()}
    context["out_of_scope"], context["reasons"] = statistics.checker_reasons(
        report.season.tax_year if report is not None else None)
    if report is not None:
        context.update(headline=statistics.headline(report),
                       summary=statistics.summary_rows(report),
                       chart=statistics.weekly_chart(report),
                       rejects=statistics.reject_rows(report)[:10],
                       states=statistics.state_rows(report),
                       years=statistics.seasons())
    return render(request, "directfile/statistics.html", context)


QUEUE_STATES = (ReturnStatus.SUBMITTED, ReturnStatus.REJECTED, ReturnStatus.ACCEPTED,
                ReturnStatus.REFUND_APPROVED, ReturnStatus.REFUND_SENT,
                ReturnStatus.PAYMENT_DUE)


def queue(now=None) -> list[dict]:
    """Returns by state, with how long the oldest has waited in it (days)."""
    now = now or timezone.now()
    rows = {row["status"]: row for row in TaxReturn.objects.filter(status__in=QUEUE_STATES)
            .values("status").annotate(n=Count("pk"), oldest=Min("updated_at")).order_by()}
    labels = dict(ReturnStatus.choices)
    out = []
    for state in QUEUE_STATES:
        row = rows.get(state)
        age = (now - row["oldest"]) if row else None
        out.append({"state": labels[state], "n": row["n"] if row else 0,
                    "oldest_days": round(age / timedelta(days=1), 1) if age else None})
    return out


@role_required(CSR, CX_ANALYST)
def console(request):
    report = statistics.report(_year(request))
    found = None
    number = request.GET.get("confirmation", "").strip().upper()
    if number:
        submission = (Submission.objects.select_related("tax_return")
                      .filter(confirmation=number).first())
        if submission is not None:
            tax_return = submission.tax_return
            record_pii_read(request, tax_return)
            from civiccx.directfile.status import current_rejection
            found = {"submission": submission, "tax_return": tax_return,
                     "timeline": timeline(tax_return),
                     "reasons": current_rejection(tax_return)}
    return render(request, "directfile/processing_console.html", {
        "queue": queue(), "report": report, "number": number, "found": found,
        "rejects": statistics.reject_rows(report) if report else []})
