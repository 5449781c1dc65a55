"""The return as a PDF: Form 1040 lines, Schedule 1, Schedule 8812 and the EIC Worksheet A
values, in English or Spanish, drawn with reportlab (decision 0014). Every amount is the tax
engine's own (the return document the engine produced), printed as "$1,234.50".

A draft (not yet submitted) says so on every page; a submitted return shows its submission
number. The filer's SSN is printed in full: this is the copy they sign and mail.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from civiccx.directfile.explanations import LINE_LABELS
from civiccx.directfile.flow import FILING_STATUSES
from civiccx.directfile.interview import Interview, return_document
from civiccx.taxengine.money import cents, usd
from civiccx.taxengine.rules import DICTIONARY

PDF_LINES = ("1a", "1z", "2a", "2b", "6a", "6b", "8", "9", "10", "11", "12", "14", "15", "16",
             "18", "19", "21", "22", "24", "25a", "25b", "25d", "27", "28", "32", "33", "34",
             "35a", "37")
COUNT_LINES = {"schedule8812": ("4", "6")}


@dataclass
class ReturnDocument:
    year: int
    values: dict  # the engine's return document
    people: dict = field(default_factory=dict)
    draft: bool = True
    confirmation: str = ""


def _people(answers: dict) -> dict:
    def name(who):
        return " ".join(x for x in (answers.get(f"/{who}/firstName"),
                                    answers.get(f"/{who}/lastName")) if x)

    address = ", ".join(x for x in (answers.get("/address/street"),
                                    answers.get("/address/apartment"),
                                    answers.get("/address/city"),
                                    " ".join(y for y in (answers.get("/address/state"),
                                                         answers.get("/address/zip")) if y))
                        if x)
    people = {"primary": name("primaryFiler"), "primary_tin": answers.get("/primaryFiler/tin"),
              "address": address}
    if answers.get("/filingStatus") in ("married_filing_jointly", "married_filing_separately"):
        people["spouse"] = name("secondaryFiler")
        people["spouse_tin"] = answers.get("/secondaryFiler/tin")
    people["dependents"] = [
        (" ".join(x for x in (answers.get(f"/dependents/{i}/firstName"),
                              answers.get(f"/dependents/{i}/lastName")) if x),
         answers.get(f"/dependents/{i}/tin"))
        for i in answers.get("/dependents", [])]
    return people


def document_from(iv: Interview, draft: bool = True) -> ReturnDocument:
    values = return_document(iv)
    return ReturnDocument(iv.year, values, _people(iv.answers), draft)


def document_from_snapshot(submission) -> ReturnDocument:
    snap = submission.snapshot
    return ReturnDocument(snap["taxYear"], snap["return"], _people(snap["answers"]), False,
                          submission.confirmation)


def amount(value: str) -> str:
    return usd(cents(value))


def render_return(doc: ReturnDocument, language: str) -> bytes:
    with translation.override(language):
        return _render(doc)


def _table(rows, widths):
    t = Table(rows, colWidths=widths, hAlign="LEFT")
    t.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
        ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return t


def _render(doc: ReturnDocument) -> bytes:
    styles = getSampleStyleSheet()
    buf = io.BytesIO()
    title = _("Form 1040, U.S. Individual Income Tax Return, %(year)s") % {"year": doc.year}
    pdf = SimpleDocTemplate(buf, pagesize=letter, title=title, author="Direct File",
                            leftMargin=0.7 * inch, rightMargin=0.7 * inch,
                            topMargin=0.6 * inch, bottomMargin=0.6 * inch)
    story = [Paragraph(title, styles["Title"])]
    if doc.draft:
        story.append(Paragraph(_("DRAFT: not filed. Review it, then sign and submit in Direct "
                                 "File, or print, sign and mail it."), styles["Heading3"]))
    else:
        story.append(Paragraph(_("Submission number: %(number)s") % {
            "number": doc.confirmation}, styles["Heading3"]))
    v = doc.values
    status = dict(FILING_STATUSES).get(v["filingStatus"], v["filingStatus"])
    p = doc.people
    who = [[_("Filing status"), str(status)], [_("Name"), p.get("primary", "")],
           [_("SSN or ITIN"), p.get("primary_tin") or ""]]
    if "spouse" in p:
        who += [[_("Spouse's name"), p["spouse"]], [_("Spouse's SSN or ITIN"),
                                                    p.get("spouse_tin") or ""]]
    who.append([_("Address"), p.get("address", "")])
    for n, (name, tin) in enumerate(p.get("dependents", []), start=1):
        who.append([_("Dependent %(number)s") % {"number": n}, f"{name}  {tin or ''}"])
    story += [_table(who, [2 * inch, 5 * inch]), Spacer(1, 12)]

    rows = [[_("Line"), _("Description"), _("Amount")]]
    for line in PDF_LINES:
        label = LINE_LABELS.get(line) or LINE_LABELS.get(line.rstrip("ab") + "z", "")
        rows.append([line, str(label or _extra_label(line)), amount(v["form1040"][line])])
    story += [Paragraph(_("Form 1040"), styles["Heading2"]),
              _table(rows, [0.6 * inch, 4.9 * inch, 1.5 * inch])]
    story += _schedule(_("Schedule 1 (additional income and adjustments)"), v["schedule1"],
                       styles, None)
    story += _schedule(_("Schedule 8812 (credits for qualifying children and other "
                         "dependents)"), v["schedule8812"], styles, "/schedule8812")
    story += _schedule(_("Earned Income Credit Worksheet A"), v["eicWorksheetA"], styles,
                       "/eicWorksheetA")
    pdf.build(story)
    return buf.getvalue()


EXTRA_LABELS = {"1a": "W-2 box 1", "14": "12 + 13", "18": "16 + 17", "21": "19 + 20",
                "25a": "W-2", "25b": "1099", "35a": "34"}


def _extra_label(line: str) -> str:
    return _("Form 1040 line %(line)s (%(from)s)") % {"line": line,
                                                        "from": EXTRA_LABELS.get(line, "")}


def _schedule(title, lines: dict, styles, fact_path) -> list:
    labels = DICTIONARY.facts[fact_path].lines if fact_path else {}
    counts = COUNT_LINES.get("schedule8812") if fact_path == "/schedule8812" else ()
    rows = [[_("Line"), _("Description"), _("Amount")]]
    for line, value in lines.items():
        if not isinstance(value, str | int) or line == "notAllowedBecause":
            continue
        label = labels.get(line, ("", ""))[0] if translation.get_language() == "en" else ""
        shown = str(value) if line in counts else amount(value)
        rows.append([line, label or _("Line %(line)s") % {"line": line}, shown])
    return [Spacer(1, 12), Paragraph(str(title), styles["Heading2"]),
            _table(rows, [0.6 * inch, 4.9 * inch, 1.5 * inch])]
