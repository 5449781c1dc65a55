"""A progress report as a tagged PDF (PDF/UA-1), in the reader's language, from the same data
and the same number formatting as the page (decision 0024).

WeasyPrint lays out an HTML rendering of the report and writes the PDF's structure tree from
it: headings, paragraphs, quotes and tables with their header cells, in reading order, with
the document's title shown as its title and its language (and an English narrative on a
Spanish report marked English). reportlab, which Direct File's return uses, writes no structure
tree, so a screen reader would get an untagged page of text."""

from __future__ import annotations

import logging

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from civiccx.core.dates import quarter_name
from civiccx.reports.models import ProgressReport
from civiccx.reports.presentation import commitment_rows, figure_sections, quotes

PDF_VARIANT = "pdf/ua-1"
# WeasyPrint logs each of its layout steps at INFO (and parses its own stylesheets when it is
# imported): lines per PDF served, and at every start. It is imported when a PDF is asked for.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def report_title(report: ProgressReport) -> str:
    return _("%(service)s: progress report for %(quarter)s") % {
        "service": report.service.localized_name,
        "quarter": quarter_name(report.quarter),
    }


def report_html(report: ProgressReport, data: dict, language: str) -> str:
    """The HTML the PDF is laid out from (standalone: no page chrome, no scripts)."""
    with translation.override(language):
        return render_to_string(
            "reports/pdf/report.html",
            {
                "report": report,
                "language": language,
                "title": report_title(report),
                "published_on": date_format(report.published_at, "DATE_FORMAT")
                if report.published_at
                else "",
                "sections": figure_sections(data),
                "commitments": commitment_rows(data),
                "quotes": quotes(data),
            },
        )


def report_pdf(report: ProgressReport, data: dict, language: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=report_html(report, data, language)).write_pdf(pdf_variant=PDF_VARIANT)
