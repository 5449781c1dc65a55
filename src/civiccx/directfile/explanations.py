"""What the filer reads about their numbers: the Form 1040 summary on review, "Why this
number?" for each line (the fact graph's explanation, summary first), and a knockout's page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from civiccx.directfile.engine_words import (
    engine_text,
    fact_words,
    knockout_words,
    summary_words,
    value_words,
)
from civiccx.directfile.interview import Interview
from civiccx.directfile.screens import fill_years
from civiccx.taxengine import explain
from civiccx.taxengine.engine import FORM_1040_LINES
from civiccx.taxengine.money import usd

LINE_LABELS = {
    "1z": _("Wages (total of your W-2s, box 1)"),
    "2a": _("Tax-exempt interest"),
    "2b": _("Taxable interest"),
    "6a": _("Social Security benefits"),
    "6b": _("Taxable amount of Social Security benefits"),
    "8": _("Unemployment compensation (Schedule 1)"),
    "9": _("Total income"),
    "10": _("Adjustments to income (Schedule 1)"),
    "11": _("Adjusted gross income"),
    "12": _("Standard deduction"),
    "15": _("Taxable income"),
    "16": _("Tax"),
    "19": _("Child tax credit and credit for other dependents"),
    "22": _("Tax after credits"),
    "24": _("Total tax"),
    "25d": _("Federal income tax withheld"),
    "27": _("Earned income credit (EIC)"),
    "28": _("Additional child tax credit"),
    "32": _("Total other payments and refundable credits"),
    "33": _("Total payments"),
    "34": _("Overpaid"),
    "35a": _("Refund"),
    "37": _("Amount you owe"),
}
REVIEW_LINES = tuple(LINE_LABELS)


def review(iv: Interview) -> dict:
    g = iv.graph
    lines = [{"line": line, "label": LINE_LABELS[line], "path": FORM_1040_LINES[line],
              "amount": g.value(FORM_1040_LINES[line])} for line in REVIEW_LINES]
    return {"lines": lines, "refund": g.value("/refund"), "owed": g.value("/amountOwed"),
            "filing_status": g.value("/filingStatus"),
            "summary": summary_words(explain(g, "/refund").summary)}


def why_line(iv: Interview, line: str) -> dict | None:
    path = FORM_1040_LINES.get(line)
    if path is None or line not in LINE_LABELS:
        return None
    tree = explain(iv.graph, path, max_depth=6)
    nodes = []

    g = iv.graph

    def walk(node, depth):
        nodes.append({"depth": depth, "says": fact_words(g, node.path),
                      "value": value_words(node.value), "cite": engine_text(node.cite),
                      "answer": node.kind == "answer",
                      "lines": [{"line": ln.line, "label": engine_text(ln.label),
                                 "value": ln.value} for ln in node.lines],
                      "also": [fact_words(g, p) for p, _says in node.also]})
        for child in node.children:
            walk(child, depth + 1)

    for child in tree.children:
        walk(child, 0)
    return {"line": line, "label": LINE_LABELS[line], "amount": iv.graph.value(path),
            "summary": summary_words(tree.summary), "cite": engine_text(tree.cite),
            "nodes": nodes}


def knockout_page(iv: Interview, k) -> dict:
    words = knockout_words(k)
    answers = []
    for path in k.facts:
        step = iv.step_for_path(path)
        if step is None or step.screen is None:
            continue
        label = next((f.label for f in step.screen.fields
                      if step.path(f.path) == path), None)
        if label is None:  # a flag among several on one screen
            label = next((lab for f in step.screen.fields for p, lab in f.options
                          if p == path), step.screen.title)
        value = iv.answer(path)
        answers.append({"path": path, "question": fill_years(label, iv.year),
                        "answer": _shown_answer(value)})
    words["answers"] = answers
    return words


def _shown_answer(value) -> str:
    if value is True:
        return str(_("Yes"))
    if value is False:
        return str(_("No"))
    if value is None:
        return str(_("Not answered"))
    if isinstance(value, list):
        return str(len(value))
    return str(value)


def money(cents: int) -> str:
    return usd(cents)
