"""A progress report as a PDF, drawn with reportlab (as Direct File's return, decision 0014),
in the reader's language, from the same data and the same number formatting as the page.

reportlab writes the document's title, author, subject and language in its metadata, and
reads in order (one column, headings, real tables); it does not write a tagged PDF structure
tree, so the HTML page remains the accessible version, and the PDF says so."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from civiccx.reports.models import ProgressReport
from civiccx.reports.presentation import commitment_rows, figure_sections, quotes


def _table(rows, widths, styles):
    cell = styles["BodyText"].clone("cell", fontSize=8.5, leading=10.5)
    body = [[Paragraph(escape(str(value)), cell) for value in row] for row in rows]
    table = Table(body, colWidths=widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _paragraphs(text: str, style) -> list:
    return [Paragraph(escape(part), style) for part in text.split("\n\n") if part.strip()]


def report_pdf(report: ProgressReport, data: dict, language: str) -> bytes:
    with translation.override(language):
        return _render(report, data, language)


def _render(report: ProgressReport, data: dict, language: str) -> bytes:
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    service = report.service.localized_name
    title = _("%(service)s: progress report for %(quarter)s") % {
        "service": service,
        "quarter": report.quarter,
    }
    document = SimpleDocTemplate(
        buffer,
        pagesize=letter,
        title=title,
        author=_("Civic CX progress reports"),
        subject=_("Customer experience progress report"),
        lang=language,
        leftMargin=0.7 * inch,
        rightMargin=0.7 * inch,
        topMargin=0.6 * inch,
        bottomMargin=0.6 * inch,
    )
    story = [Paragraph(escape(title), styles["Title"])]
    if report.state != ProgressReport.State.PUBLISHED:
        story.append(
            Paragraph(
                escape(
                    _("DRAFT: not published. Numbers will be resolved again when it is published.")
                ),
                styles["Heading3"],
            )
        )
    else:
        story.append(
            Paragraph(
                escape(
                    _("Version %(version)s, published %(date)s.")
                    % {"version": report.version, "date": report.published_at.date().isoformat()}
                ),
                styles["BodyText"],
            )
        )
    if report.correction_note:
        story.append(
            Paragraph(
                escape(_("Correction: %(note)s") % {"note": report.localized_correction_note}),
                styles["BodyText"],
            )
        )
    story.append(
        Paragraph(
            escape(
                _(
                    "The web page of this report is its accessible version; "
                    "the numbers here are the same."
                )
            ),
            styles["Italic"],
        )
    )

    story.append(Paragraph(escape(_("Headline figures")), styles["Heading2"]))
    rows = [
        [
            _("Figure"),
            _("Value"),
            _("Responses or observations"),
            _("95% confidence interval"),
            _("Change from last quarter"),
            _("Our target"),
        ]
    ]
    for section in figure_sections(data):
        latest = section.latest
        rows.append(
            [
                f"{section.title} ({_('whole agency')})"
                if latest.agency_wide
                else section.title,
                _("Too few answers to publish") if latest.suppressed else latest.display,
                latest.n_display,
                latest.interval_display or "—",
                section.change or "—",
                section.target or "—",
            ]
        )
    story += [
        _table(
            rows,
            [2.1 * inch, 0.8 * inch, 1.0 * inch, 1.1 * inch, 1.0 * inch, 1.1 * inch],
            styles,
        ),
        Spacer(1, 10),
    ]

    if report.localized_learned:
        story.append(Paragraph(escape(_("What we learned this quarter")), styles["Heading2"]))
        story += _paragraphs(report.localized_learned, styles["BodyText"])

    heard = quotes(data)
    if heard:
        story.append(Paragraph(escape(_("What we heard")), styles["Heading2"]))
        story += [Paragraph(escape(f"“{text}”"), styles["BodyText"]) for text in heard]

    commitments = commitment_rows(data)
    if commitments:
        story.append(Paragraph(escape(_("What we changed: our commitments")), styles["Heading2"]))
        rows = [[_("Commitment"), _("Baseline"), _("Now"), _("Target"), _("Due"), _("Status")]]
        for row in commitments:
            rows.append(
                [
                    row.title,
                    f"{row.baseline.display} ({row.baseline.quarter})",
                    row.latest.display,
                    row.target,
                    row.due_quarter,
                    row.status_label,
                ]
            )
        story.append(
            _table(
                rows,
                [2.5 * inch, 1.1 * inch, 0.8 * inch, 0.8 * inch, 0.8 * inch, 1.0 * inch],
                styles,
            )
        )

    if report.localized_next_steps:
        story.append(Paragraph(escape(_("What's next")), styles["Heading2"]))
        story += _paragraphs(report.localized_next_steps, styles["BodyText"])

    if report.data_sha256:
        story += [
            Spacer(1, 10),
            Paragraph(
                escape(_("SHA-256 of this report's data: %(hash)s") % {"hash": report.data_sha256}),
                styles["Code"],
            ),
        ]
    document.build(story)
    return buffer.getvalue()
