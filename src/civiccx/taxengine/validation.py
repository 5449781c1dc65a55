"""Checks on answers that a filer should be told about beside the field they typed.

``validate(graph)`` returns issues, each on one concrete fact path, with a severity ("error": the
answer can't be right as entered; "warning": unusual, look again), an English text from
``catalogue.yaml`` and the parameters to translate it. Only answers the filer gave are checked:
values a return document left out (and the loader defaulted) and unanswered facts are skipped.
Validation never blocks the computation; an interview decides what to do with an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from civiccx.taxengine.catalogue import CATALOGUE
from civiccx.taxengine.graph import COMPLETE, FactGraph
from civiccx.taxengine.knockouts import person_params
from civiccx.taxengine.money import BP
from civiccx.taxengine.money import plain_usd as money

RATE_TOLERANCE = 100  # cents: per-paycheck rounding of payroll tax stays well under $1 a year


@dataclass(frozen=True)
class Issue:
    code: str
    severity: str
    field: str
    text: str
    template: str
    params: dict
    cite: str

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "field": self.field,
                "text": self.text, "template": self.template, "params": self.params,
                "cite": self.cite}


def issue(code: str, path: str, params: dict) -> Issue:
    t = CATALOGUE.validations[code]
    return Issue(code, t.severity, path, t.render(params), t.template, params, t.cite)


def validate(g: FactGraph) -> list[Issue]:
    """Every issue on the answers given so far, in the order the forms list them."""
    out: list[Issue] = []
    for i in g.items("/formW2s"):
        out += _w2(g, f"/formW2s/{i}")
    out += _tins(g)
    out += _births(g)
    return out


def _given(g: FactGraph, path: str) -> object | None:
    """The filer's own answer at ``path``, or None if unanswered or filled in by default."""
    if path in g.defaulted:
        return None
    r = g.get(path)
    return r.value if r.status == COMPLETE else None


def _w2(g: FactGraph, w2: str) -> list[Issue]:
    p = g.params
    box = {n: _given(g, f"{w2}/{name}") for n, name in (
        (1, "wages"), (2, "federalWithholding"), (3, "socialSecurityWages"),
        (4, "socialSecurityTax"), (5, "medicareWages"), (6, "medicareTax"))}
    out = []
    if box[1] is not None and box[2] is not None and box[2] > box[1]:
        out.append(issue("w2-withholding-over-wages", f"{w2}/federalWithholding",
                         {"withheld": money(box[2]), "wages": money(box[1])}))
    if box[3] is not None and box[3] > p.ss_wage_base:
        out.append(issue("w2-ss-wages-over-base", f"{w2}/socialSecurityWages",
                         {"ss_wages": money(box[3]), "year": str(p.year),
                          "wage_base": money(p.ss_wage_base)}))
    if box[4] is not None and box[4] > p.ss_tax_max:
        out.append(issue("w2-ss-tax-over-max", f"{w2}/socialSecurityTax",
                         {"ss_tax": money(box[4]), "max": money(p.ss_tax_max),
                          "year": str(p.year)}))
    elif box[3] is not None and box[4] is not None:
        expected = (min(box[3], p.ss_wage_base) * p.ss_tax_rate_bp + BP // 2) // BP
        if abs(box[4] - expected) > RATE_TOLERANCE:
            out.append(issue("w2-ss-tax-rate", f"{w2}/socialSecurityTax",
                             {"expected": money(expected), "ss_wages": money(box[3]),
                              "ss_tax": money(box[4])}))
    if box[5] is not None and box[6] is not None:
        expected = (box[5] * p.medicare_tax_rate_bp + BP // 2) // BP
        if abs(box[6] - expected) > RATE_TOLERANCE \
                and box[5] <= p.additional_medicare_withholding_threshold:
            out.append(issue("w2-medicare-tax-rate", f"{w2}/medicareTax",
                             {"expected": money(expected), "medicare_wages": money(box[5]),
                              "medicare_tax": money(box[6])}))
    return out


def _tins(g: FactGraph) -> list[Issue]:
    people = [("/primaryFiler/tin", "you")]
    if _given(g, "/secondaryFiler/tin") is not None:
        people.append(("/secondaryFiler/tin", "your spouse"))
    for n, i in enumerate(g.items("/dependents")):
        rel = _given(g, f"/dependents/{i}/relationship")
        people.append((f"/dependents/{i}/tin",
                       person_params(rel, n)["who"] if rel else f"dependent {n + 1}"))
    seen: dict[str, str] = {}
    out = []
    for path, who in people:
        tin = _given(g, path)
        if tin is None:
            continue
        if tin in seen:
            out.append(issue("duplicate-tin", path, {"last4": tin[-4:], "other": seen[tin]}))
        else:
            seen[tin] = who
    return out


def _births(g: FactGraph) -> list[Issue]:
    out = []
    for n, i in enumerate(g.items("/dependents")):
        born = _given(g, f"/dependents/{i}/dateOfBirth")
        rel = _given(g, f"/dependents/{i}/relationship")
        if born is not None and born.year > g.params.year:
            words = person_params(rel, n) if rel else {"Who": f"Dependent {n + 1}"}
            # The date stays data (ISO); texts write it out (catalogue.written_dates).
            out.append(issue("born-after-tax-year", f"/dependents/{i}/dateOfBirth",
                             {"Who": words["Who"], "date": born.isoformat(),
                              "year": str(g.params.year)}))
    return out
