"""Knockouts: situations outside Direct File's scope stop the return with the rule that failed.

A knocked-out return never shows a number. Each knockout carries its stable code, a title, the
plain reason (with the amounts and the people it is about), the concrete fact paths of the answers
that caused it (so an interview can offer "change this answer"), the citation, the findings that
say which test failed for whom, and the free ways to file elsewhere. The words are data in
``catalogue.yaml``; this module only gathers the parameters each message needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from civiccx.taxengine.catalogue import CATALOGUE, Alternative, KnockoutRule, render
from civiccx.taxengine.graph import COMPLETE, FactGraph
from civiccx.taxengine.money import apply_rate
from civiccx.taxengine.money import plain_usd as money
from civiccx.taxengine.rules.dependents import QUALIFYING_RELATIVE_RELATIONSHIPS
from civiccx.taxengine.rules.filing_status import (
    QSS_CHILD_RELATIONSHIPS,
    QUALIFYING_CHILD_RELATIONSHIPS,
)

DOCUMENT_KNOCKOUTS: dict[str, KnockoutRule] = {
    r.doc_key: r for r in CATALOGUE.knockouts if r.doc_key}
"""Return-document keys that answer an eligibility question (true or non-empty = out of scope)."""

STATUS_NAMES = {
    "single": "single", "married_filing_jointly": "married filing jointly",
    "married_filing_separately": "married filing separately",
    "head_of_household": "head of household",
    "qualifying_surviving_spouse": "qualifying surviving spouse",
}
RELATIONSHIP_NOUNS = {
    "foster_child": "foster child", "half_brother": "half brother", "half_sister": "half sister",
    "in_law": "in-law", "other_household_member": "household member",
}
_HE = frozenset({"son", "brother", "half_brother", "stepbrother", "nephew", "uncle"})
_SHE = frozenset({"daughter", "sister", "half_sister", "stepsister", "niece", "aunt"})


def person_params(relationship: str, index: int) -> dict[str, str]:
    """Words for one dependent: who they are and the pronoun and verb forms that agree."""
    noun = RELATIONSHIP_NOUNS.get(relationship, relationship)
    who = f"your {noun} (dependent {index + 1})"
    if relationship in _HE:
        forms = ("he", "him", "his", "is", "was", "has", "files")
    elif relationship in _SHE:
        forms = ("she", "her", "her", "is", "was", "has", "files")
    else:
        forms = ("they", "them", "their", "are", "were", "have", "file")
    keys = ("they", "them", "their", "are", "were", "have", "file")
    return {"who": who, "Who": who[0].upper() + who[1:], "relationship": relationship,
            "index": str(index + 1), **dict(zip(keys, forms, strict=True))}


@dataclass(frozen=True)
class Finding:
    """One failed test, in words, with the answers it rests on. ``reasons`` holds the tests that
    failed for one person (their texts are joined into this finding's sentence)."""

    code: str
    text: str
    template: str
    params: dict
    facts: tuple[str, ...]
    cite: str
    subject: str = ""
    reasons: tuple[Finding, ...] = ()

    def as_dict(self) -> dict:
        d = {"code": self.code, "text": self.text, "template": self.template,
             "params": self.params, "facts": list(self.facts), "cite": self.cite}
        if self.subject:
            d["subject"] = self.subject
        if self.reasons:
            d["reasons"] = [r.as_dict() for r in self.reasons]
        return d


def finding(code: str, params: dict, facts: tuple[str, ...], subject: str = "",
            reasons: tuple[Finding, ...] = ()) -> Finding:
    t = CATALOGUE.findings[code]
    text = t.render(params)
    return Finding(code, text[0].upper() + text[1:], t.template, params, facts, t.cite, subject,
                   reasons)


@dataclass(frozen=True)
class Knockout:
    """A return outside Direct File's scope, and why, in plain words."""

    code: str
    title: str
    reason: str
    cite: str
    template: str = ""
    params: dict = field(default_factory=dict)
    facts: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    alternatives: tuple[Alternative, ...] = CATALOGUE.alternatives

    @property
    def where_else(self) -> str:
        """The free alternatives as one sentence (for plain-text output)."""
        parts = [f"{a.name} ({a.url}{', ' + a.phone if a.phone else ''})"
                 for a in self.alternatives]
        return "; ".join(parts)

    def as_dict(self) -> dict:
        return {"code": self.code, "title": self.title, "reason": self.reason,
                "template": self.template, "params": self.params, "facts": list(self.facts),
                "cite": self.cite, "findings": [f.as_dict() for f in self.findings],
                "alternatives": [a.as_dict() for a in self.alternatives],
                "whereElse": self.where_else}


Detail = tuple[dict, tuple[str, ...], tuple[Finding, ...]]


def build(rule: KnockoutRule, g: FactGraph) -> Knockout:
    """The knockout for one catalogue rule on this return (its condition already holds)."""
    params, facts, findings = _DETAILS.get(rule.code, _answer_only)(rule, g)
    reason = render(rule.reason, params)
    if findings:
        reason += " " + " ".join(f.text for f in findings)
    every = list(facts)
    for f in findings:
        for p in (*f.facts, *(x for r in f.reasons for x in r.facts)):
            if p not in every:
                every.append(p)
    return Knockout(rule.code, render(rule.title, params), reason, rule.cite, rule.reason,
                    params, tuple(every), findings)


def knockouts(g: FactGraph, provisional: bool = False) -> list[Knockout]:
    """Every knockout whose deciding fact is true, in catalogue order. An interview calls this
    as answers arrive: a condition resting on unanswered defaults only counts with
    ``provisional=True``."""
    out = []
    for rule in CATALOGUE.knockouts:
        r = g.get(rule.when)
        if r.value is True and (r.status == COMPLETE or provisional):
            out.append(build(rule, g))
    return out


# --- the parameters and findings of each knockout ------------------------------------------
def _answer_only(rule: KnockoutRule, g: FactGraph) -> Detail:
    return {}, (rule.when,), ()


def _paths(g: FactGraph, coll: str, name: str, keep: Callable | None = None) -> tuple[str, ...]:
    return tuple(f"{coll}/{i}/{name}" for i in g.items(coll)
                 if keep is None or keep(g.value(f"{coll}/{i}/{name}")))


def _interest(rule, g) -> Detail:
    limit = g.params.taxable_interest_limit
    return ({"interest": money(g.value("/taxableInterest")), "limit": money(limit)},
            _paths(g, "/forms1099Int", "interest"), ())


def _additional_medicare(rule, g) -> Detail:
    status = g.value("/filingStatus")
    p = g.params
    wages, threshold = g.value("/medicareWages"), p.additional_medicare_threshold[status]
    owed = apply_rate(wages - threshold, p.additional_medicare_rate_bp)
    params = {"medicare_wages": money(wages), "threshold": money(threshold),
              "filing_status": STATUS_NAMES[status], "amount": money(owed)}
    return params, (*_paths(g, "/formW2s", "medicareWages"), "/filingStatus"), ()


def _additional_medicare_withheld(rule, g) -> Detail:
    limit = g.params.additional_medicare_withholding_threshold
    over = _paths(g, "/formW2s", "medicareWages", lambda w: w > limit)
    top = max(g.value(p) for p in over)
    return {"w2_medicare_wages": money(top), "withholding_threshold": money(limit)}, over, ()


def _niit(rule, g) -> Detail:
    status = g.value("/filingStatus")
    params = {"agi": money(g.value("/adjustedGrossIncome")),
              "threshold": money(g.params.niit_threshold[status]),
              "filing_status": STATUS_NAMES[status],
              "interest": money(g.value("/taxableInterest"))}
    facts = (*_paths(g, "/forms1099Int", "interest"), *_paths(g, "/formW2s", "wages"),
             "/filingStatus")
    return params, facts, ()


def _excess_ss(rule, g) -> Detail:
    p = g.params
    people = ("primary", "secondary") if g.value("/isJoint") else ("primary",)
    for who in people:
        paths = tuple(f"/formW2s/{i}/socialSecurityTax" for i in g.items("/formW2s")
                      if g.value(f"/formW2s/{i}/filer") == who)
        total = sum(g.value(x) for x in paths)
        if len(paths) > 1 and total > p.ss_tax_max:
            whose = "your" if who == "primary" else "your spouse's"
            return ({"ss_tax": money(total), "whose": whose, "max": money(p.ss_tax_max),
                     "year": str(p.year)}, paths, ())
    raise AssertionError("excess Social Security tax knockout without an excess")


def _form_8615(rule, g) -> Detail:
    p = g.params
    facts = ("/primaryFiler/canBeClaimedAsDependent", "/primaryFiler/dateOfBirth",
             *_paths(g, "/forms1099Int", "interest"), *_paths(g, "/forms1099G", "unemployment"),
             *_paths(g, "/formsSsa1099", "netBenefits"))
    return ({"year": str(p.year), "unearned": money(g.value("/unearnedIncome")),
             "threshold": money(p.form_8615_threshold)}, facts, ())


def _head_of_household(rule, g) -> Detail:
    ids = g.items("/dependents")
    if not ids:
        return {}, ("/filingStatus",), (finding("hoh-no-one-listed", {}, ("/dependents",)),)
    found = []
    for n, i in enumerate(ids):
        reasons = hoh_reasons(g, i, n)
        if not reasons:
            continue
        words = person_params(g.value(f"/dependents/{i}/relationship"), n)
        params = {**words, "reasons": "; and ".join(r.text[0].lower() + r.text[1:]
                                                      for r in reasons)}
        facts = tuple(dict.fromkeys(x for r in reasons for x in r.facts))
        found.append(finding("hoh-not-qualifying-person", params, facts,
                             f"/dependents/{i}", tuple(reasons)))
    if len(found) > 1 and all([r.code for r in f.reasons] == ["hoh-home-cost"] for f in found):
        # Everyone would qualify but for the home's cost: say it once.
        found = [finding("hoh-home-cost-everyone", {}, ("/paidOverHalfCostOfHome",))]
    return {}, ("/filingStatus",), tuple(found)


def hoh_reasons(g: FactGraph, i: str, n: int) -> list[Finding]:
    """Why dependent ``i`` is not a head of household qualifying person (empty if they are),
    following Pub. 501 Table 4: qualifying child first, then qualifying relative."""
    base = f"/dependents/{i}"

    def v(name: str) -> object:
        return g.value(f"{base}/{name}")

    def ff(code: str, names: tuple[str, ...], **extra) -> Finding:
        paths = tuple(x if x.startswith("/") else f"{base}/{x}" for x in names)
        return finding(code, {**words, **extra}, paths, base)

    if v("isHeadOfHouseholdQualifyingPerson"):
        return []
    p = g.params
    rel = v("relationship")
    words = person_params(rel, n)
    months = v("monthsLivedWithFiler")
    paid_home = g.value("/paidOverHalfCostOfHome")
    if v("isQualifyingChild"):
        if not v("meetsDependentTests"):
            return [ff("dependent-citizenship", ("usCitizenOrResident",))]
        return [ff("hoh-home-cost", ("/paidOverHalfCostOfHome",))]
    out: list[Finding] = []
    if rel in QUALIFYING_CHILD_RELATIONSHIPS:
        if months < 7:
            out.append(ff("qc-residency", ("monthsLivedWithFiler",), months=str(months)))
        if not v("meetsQualifyingChildAgeTest"):
            age = v("ageAtYearEnd")
            filer_age = g.value("/primaryFiler/ageAtYearEnd")
            if g.value("/isJoint"):
                filer_age = max(filer_age, g.value("/secondaryFiler/ageAtYearEnd"))
            if age >= filer_age:
                out.append(ff("qc-not-younger", ("dateOfBirth", "/primaryFiler/dateOfBirth",
                                                 "permanentlyDisabled")))
            elif v("fullTimeStudent"):
                out.append(ff("qc-age-student", ("dateOfBirth", "permanentlyDisabled"),
                              age=str(age), year=str(p.year)))
            else:
                out.append(ff("qc-age", ("dateOfBirth", "fullTimeStudent", "permanentlyDisabled"),
                              age=str(age), year=str(p.year)))
        if v("filesJointReturn"):
            out.append(ff("qc-joint-return", ("filesJointReturn",)))
        if v("providedOverHalfOwnSupport"):
            out.append(ff("qc-self-support", ("providedOverHalfOwnSupport",)))
    if not v("isQualifyingRelative"):
        related = rel in QUALIFYING_RELATIVE_RELATIONSHIPS or (
            rel == "other_household_member" and months == 12)
        if not related:
            out.append(ff("qr-relationship", ("relationship", "monthsLivedWithFiler")))
        if v("grossIncome") >= p.qr_gross_income_limit:
            out.append(ff("qr-gross-income", ("grossIncome",),
                          gross_income=money(v("grossIncome")),
                          limit=money(p.qr_gross_income_limit)))
        if not v("filerProvidedOverHalfSupport"):
            out.append(ff("qr-support", ("filerProvidedOverHalfSupport",)))
        return out
    if v("filesJointReturn"):
        if not any(r.code == "qc-joint-return" for r in out):
            out.append(ff("dependent-joint-return", ("filesJointReturn",)))
    elif not v("meetsDependentTests"):
        out.append(ff("dependent-citizenship", ("usCitizenOrResident",)))
    elif not v("isDependent"):
        out.append(ff("dependent-filer-is-dependent", ("/primaryFiler/canBeClaimedAsDependent",)))
    elif rel == "other_household_member":
        out.append(ff("hoh-household-member", ("relationship",)))
    elif rel == "parent" and months < 7:
        out.append(ff("hoh-parent-home", ("monthsLivedWithFiler",
                                          "paidOverHalfCostOfParentsHome")))
    elif months < 7:  # says the same as the qualifying child residency test, for both
        out = [r for r in out if r.code != "qc-residency"]
        out.append(ff("hoh-residency", ("monthsLivedWithFiler",), months=str(months)))
    elif not paid_home:
        out.append(ff("hoh-home-cost", ("/paidOverHalfCostOfHome",)))
    return out


def _qualifying_surviving_spouse(rule, g) -> Detail:
    y = g.params.year
    found = []
    died = g.value("/spouseDeathYear")
    if died not in (y - 1, y - 2):
        found.append(finding("qss-death-year", {"year": str(y), "first_year": str(y - 2),
                                                "second_year": str(y - 1),
                                                "death_year": str(died) if died else "none"},
                             ("/spouseDeathYear",)))
    if not g.value("/paidOverHalfCostOfHome"):
        found.append(finding("qss-home-cost", {}, ("/paidOverHalfCostOfHome",)))
    ids = g.items("/dependents")
    if not any(g.value(f"/dependents/{i}/relationship") in QSS_CHILD_RELATIONSHIPS
               and g.value(f"/dependents/{i}/monthsLivedWithFiler") == 12
               and g.value(f"/dependents/{i}/isDependent") for i in ids):
        facts = ("/dependents", *(f"/dependents/{i}/{k}" for i in ids
                                  for k in ("relationship", "monthsLivedWithFiler")))
        found.append(finding("qss-child", {}, facts))
    return {}, ("/filingStatus",), tuple(found)


_DETAILS: dict[str, Callable[[KnockoutRule, FactGraph], Detail]] = {
    "head-of-household": _head_of_household,
    "qualifying-surviving-spouse": _qualifying_surviving_spouse,
    "interest-over-limit": _interest,
    "additional-medicare-tax": _additional_medicare,
    "additional-medicare-tax-withheld": _additional_medicare_withheld,
    "net-investment-income-tax": _niit,
    "excess-social-security-tax": _excess_ss,
    "form-8615": _form_8615,
}

