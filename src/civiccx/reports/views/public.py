"""The public "Performance reports": the list, each published version (HTML, PDF, CSV, JSON),
the commitments with their changelogs, the capacity self-assessment, the data dictionary and
the Atom feed."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from civiccx.core.languages import current_language
from civiccx.core.spreadsheets import csv_download
from civiccx.reports import feed, publication
from civiccx.reports.models import ProgressReport
from civiccx.reports.pdf import report_pdf
from civiccx.reports.presentation import CSV_COLUMNS, DATA_DICTIONARY, csv_rows


def _published(service: str, quarter: str, version: int | None = None) -> ProgressReport:
    reports = ProgressReport.objects.filter(
        service__slug=service,
        quarter=quarter.upper(),
        audience=ProgressReport.Audience.PUBLIC,
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
def commitments(request):
    return render(request, "reports/commitments.html", publication.commitments_context())


@require_GET
def report(request, service: str, quarter: str, version: int | None = None):
    found = _published(service, quarter, version)
    return render(request, "reports/report.html", publication.report_context(found))


@require_GET
def report_pdf_file(request, service: str, quarter: str, version: int):
    found = _published(service, quarter, version)
    response = HttpResponse(
        report_pdf(found, found.data, current_language()), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'inline; filename="{found.service.slug}-{found.quarter}-v{found.version}.pdf"'
    )
    return response


@require_GET
def report_csv(request, service: str, quarter: str, version: int):
    found = _published(service, quarter, version)
    return csv_download(
        f"{found.service.slug}-{found.quarter}-v{found.version}.csv",
        CSV_COLUMNS,
        csv_rows(found.data),
    )


@require_GET
def report_json(request, service: str, quarter: str, version: int):
    found = _published(service, quarter, version)
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
