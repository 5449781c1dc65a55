"""What the public pages show: the list of published reports, one report, the commitments, the
capacity self-assessment, and a report's open-data JSON."""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civiccx.charts import Series, line_chart
from civiccx.core.fiscal import parse_fiscal_quarter
from civiccx.metrics.rollups import quarter_of
from civiccx.reports.building import commitment_data, published_reports
from civiccx.reports.models import CapacityAssessment, Commitment, ProgressReport
from civiccx.reports.presentation import commitment_rows, figure_sections, quotes
from civiccx.services.models import Service

AUDIENCE_PAGES = {
    ProgressReport.Audience.PUBLIC: "",
    ProgressReport.Audience.PARTNERS: "partners-",
    ProgressReport.Audience.EMPLOYEES: "employees-",
}


def audience_url_name(audience: str, name: str) -> str:
    """A report page's URL name for an audience ("report-version" -> "partners-report-version")."""
    return f"reports:{AUDIENCE_PAGES[audience]}{name}"


def version_url(report: ProgressReport, name: str = "report-version") -> str:
    return reverse(
        audience_url_name(report.audience, name),
        args=[report.service.slug, report.quarter, report.version],
    )


def index_url(audience: str) -> str:
    return reverse(audience_url_name(audience, "index"))


def _entry(report: ProgressReport) -> dict:
    return {
        "report": report,
        "url": version_url(report),
        "current": report.is_current,
        "service": report.service.localized_name,
    }


def index_context(audience: str = ProgressReport.Audience.PUBLIC) -> dict:
    reports = list(published_reports(audience))
    current = [_entry(r) for r in reports if r.is_current]
    archive = [_entry(r) for r in reports]
    return {
        "audience": audience,
        "audience_label": ProgressReport.Audience(audience).label,
        "current": current,
        "archive": archive,
        "audience_links": [
            {"url": index_url(value), "label": label, "this": value == audience}
            for value, label in ProgressReport.Audience.choices
        ],
        **capacity_context(),
    }


def capacity_context() -> dict:
    """The latest self-assessment and every year before it, with a chart of the scores."""
    rows = list(CapacityAssessment.objects.all())
    years = sorted({row.fiscal_year for row in rows})
    by_domain: dict[str, dict[int, int]] = defaultdict(dict)
    notes = {}
    for row in rows:
        by_domain[row.domain][row.fiscal_year] = row.score
        if years and row.fiscal_year == years[-1]:
            notes[row.domain] = row.localized("note")
    labels = dict(CapacityAssessment.Domain.choices)
    table = [
        {
            "domain": str(labels[domain]),
            "scores": [by_domain[domain].get(y) for y in years],
            "note": notes.get(domain, ""),
        }
        for domain in CapacityAssessment.Domain.values
        if domain in by_domain
    ]
    chart = None
    if years:
        chart = line_chart(
            "capacity-scores",
            _("CX capacity self-assessment: score by domain and fiscal year"),
            [f"FY{year}" for year in years],
            [Series(row["domain"], row["scores"]) for row in table],
            category_label=_("Fiscal year"),
            value_range=(0, 5),
            value_format="{:g}",
            summary=_("Scores run from 1 (beginning) to 5 (leading); the table lists them."),
        )
    return {"capacity_years": years, "capacity_rows": table, "capacity_chart": chart}


def report_context(report: ProgressReport) -> dict:
    data = report.data
    versions = ProgressReport.objects.filter(
        service=report.service,
        quarter=report.quarter,
        audience=report.audience,
        state=ProgressReport.State.PUBLISHED,
    ).order_by("version")
    return {
        "report": report,
        "data": data,
        "sections": figure_sections(data),
        "commitments": commitment_rows(data),
        "quotes": quotes(data),
        "versions": [
            {
                "version": v.version,
                "url": version_url(v),
                "published_at": v.published_at,
                "note": v.localized_correction_note,
                "this": v.pk == report.pk,
            }
            for v in versions
        ],
        "current_url": reverse(
            audience_url_name(report.audience, "report"), args=[report.service.slug, report.quarter]
        ),
        "index_url": index_url(report.audience),
        "audience_label": ProgressReport.Audience(report.audience).label,
        "pdf_url": version_url(report, "report-pdf"),
        "csv_url": version_url(report, "report-csv"),
        "json_url": version_url(report, "report-json"),
    }


def commitments_context() -> dict:
    """Every commitment of every service, withdrawn ones too, with its public changelog."""
    current = quarter_of(timezone.now())
    newest_first = (current, str(parse_fiscal_quarter(current).previous()))
    sections = []
    for service in Service.objects.filter(pk__in=Commitment.objects.values("service")):
        stub = ProgressReport(service=service, quarter=current)
        data = commitment_data(stub, newest_first=newest_first)
        sections.append(
            {"service": service.localized_name, "rows": commitment_rows({"commitments": data})}
        )
    return {"sections": sections}


def open_data(report: ProgressReport, request) -> dict:
    """The JSON file: the frozen data and the SHA-256 anyone can recompute from it."""
    return {
        "service": report.service.slug,
        "quarter": report.quarter,
        "version": report.version,
        "audience": report.audience,
        "published_at": report.published_at.isoformat(),
        "corrects_version": report.corrects.version if report.corrects else None,
        "correction_note": report.correction_note,
        "sha256": report.data_sha256,
        "sha256_of": "data, as JSON with sorted keys and no spaces (UTF-8)",
        "data_dictionary": request.build_absolute_uri(reverse("reports:data-dictionary")),
        "data": report.data,
    }
