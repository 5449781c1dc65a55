"""The public "Performance reports": the list, each published version (HTML, PDF, CSV, JSON),
the commitments with their changelogs, the capacity self-assessment, the data dictionary and
the Atom feed."""

from __future__ import annotations

import json
from functools import wraps

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from civiccx.core.languages import current_language
from civiccx.core.roles import staff_required
from civiccx.core.spreadsheets import csv_download
from civiccx.reports import feed, publication
from civiccx.reports.models import ProgressReport
from civiccx.reports.pdf import report_pdf
from civiccx.reports.presentation import CSV_COLUMNS, DATA_DICTIONARY, csv_rows

PUBLIC = ProgressReport.Audience.PUBLIC


def for_audience(view):
    """A report view for an audience: the public's and partners' are open to anyone; the
    employees' need a staff sign-in (with its second factor)."""
    guarded = staff_required(view)

    @wraps(view)
    def wrapper(request, *args, audience: str = PUBLIC, **kwargs):
        chosen = guarded if audience == ProgressReport.Audience.EMPLOYEES else view
        return chosen(request, *args, audience=audience, **kwargs)

    return wrapper


def _published(
    service: str, quarter: str, version: int | None = None, audience: str = PUBLIC
) -> ProgressReport:
    reports = ProgressReport.objects.filter(
        service__slug=service,
        quarter=quarter.upper(),
        audience=audience,
        state=ProgressReport.State.PUBLISHED,
    ).select_related("service", "corrects")
    if version is not None:
        return get_object_or_404(reports, version=version)
    report = reports.order_by("-version").first()
    if report is None:
        raise Http404
    return report


@require_GET
def index(request):
    return render(request, "reports/index.html", publication.index_context())


@require_GET
@for_audience
def audience_index(request, audience: str):
    return render(
        request, "reports/audience_index.html", publication.index_context(audience)
    )


@require_GET
def commitments(request):
    return render(request, "reports/commitments.html", publication.commitments_context())


@require_GET
@for_audience
def report(request, service: str, quarter: str, version: int | None = None, *, audience: str):
    found = _published(service, quarter, version, audience)
    return render(request, "reports/report.html", publication.report_context(found))


@require_GET
@for_audience
def report_pdf_file(request, service: str, quarter: str, version: int, *, audience: str):
    found = _published(service, quarter, version, audience)
    response = HttpResponse(
        report_pdf(found, found.data, current_language()), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'inline; filename="{found.service.slug}-{found.quarter}-v{found.version}.pdf"'
    )
    return response


@require_GET
@for_audience
def report_csv(request, service: str, quarter: str, version: int, *, audience: str):
    found = _published(service, quarter, version, audience)
    return csv_download(
        f"{found.service.slug}-{found.quarter}-v{found.version}.csv",
        CSV_COLUMNS,
        csv_rows(found.data),
    )


@require_GET
@for_audience
def report_json(request, service: str, quarter: str, version: int, *, audience: str):
    found = _published(service, quarter, version, audience)
    return JsonResponse(
        publication.open_data(found, request),
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


@require_GET
def data_dictionary(request):
    return render(
        request,
        "reports/data_dictionary.html",
        {
            "columns": DATA_DICTIONARY,
            "example": json.dumps({"sha256": "…", "data": {"figures": []}}),
        },
    )


@require_GET
def atom_feed(request):
    return HttpResponse(feed.atom(request), content_type="application/atom+xml; charset=utf-8")
