"""Return documents (JSON) in, fact graph answers out; every error names the field at fault.

Shape (amounts are dollar strings or numbers with at most two decimals; dates YYYY-MM-DD)::

    {"taxYear": 2024, "filingStatus": "single" | "married_filing_jointly" |
        "married_filing_separately" | "head_of_household" | "qualifying_surviving_spouse",
     "primaryFiler": {"tin", "dateOfBirth", "isBlind", "canBeClaimedAsDependent",
                      "ssnValidForEmployment", "isEligibleEducator", "educatorExpenses"},
     "secondaryFiler": {...same; required on a joint return},
     "dependents": [{"tin", "dateOfBirth", "relationship", "monthsLivedWithFiler",
                     "fullTimeStudent", "permanentlyDisabled", "filesJointReturn",
                     "providedOverHalfOwnSupport", "filerProvidedOverHalfSupport",
                     "grossIncome", "usCitizenOrResident", "ssnValidForEmployment",
                     "paidOverHalfCostOfParentsHome"}],
     "formW2s": [{"filer", "wages" (box 1), "federalWithholding" (2), "socialSecurityWages" (3),
                  "socialSecurityTax" (4), "medicareWages" (5), "medicareTax" (6)}],
     "formsSsa1099": [{"netBenefits", "federalWithholding"}],
     "forms1099G": [{"unemployment", "federalWithholding"}],
     "forms1099Int": [{"interest", "taxExemptInterest", "federalWithholding"}],
     "studentLoanInterestPaid", "livedWithSpouseAnyTimeInYear",
     "livedApartFromSpouseLast6Months", "spouseDeathYear", "paidOverHalfCostOfHome",
     "livedInUsOverHalfYear",
     ...eligibility answers such as "businessIncome" or "wantsToItemize" (catalogue.yaml,
        doc_key): true or a non-empty list means out of scope}

Absent optional fields mean "no" or "$0" in a document: the loader answers them with the fact's
default, so a document computes to complete values. (An interview that has not asked yet leaves
them unanswered instead, and the graph reports placeholders.) Two W-2 boxes differ: box 3 left
out stays unanswered (only validation reads it), and box 5 left out is taken to equal box 1, as
on most W-2s; an interview asks both.
"""

from __future__ import annotations

from dataclasses import dataclass

from civiccx.taxengine.catalogue import CATALOGUE, flagged
from civiccx.taxengine.facts import FactTypeError
from civiccx.taxengine.graph import FactGraph
from civiccx.taxengine.money import fmt
from civiccx.taxengine.params import SUPPORTED_YEARS
from civiccx.taxengine.rules import DICTIONARY

FILER_FIELDS = {
    "tin": True, "dateOfBirth": True, "isBlind": False, "canBeClaimedAsDependent": False,
    "ssnValidForEmployment": False, "isEligibleEducator": False, "educatorExpenses": False,
    "firstName": None, "lastName": None,
}
DEPENDENT_FIELDS = {
    "tin": True, "dateOfBirth": True, "relationship": True, "monthsLivedWithFiler": True,
    "fullTimeStudent": False, "permanentlyDisabled": False, "filesJointReturn": False,
    "providedOverHalfOwnSupport": False, "filerProvidedOverHalfSupport": False,
    "grossIncome": False, "usCitizenOrResident": False, "ssnValidForEmployment": False,
    "paidOverHalfCostOfParentsHome": False, "firstName": None, "lastName": None,
}
UNANSWERED = "unanswered"  # optional field that stays unanswered when a document leaves it out
COLLECTIONS = {
    "formW2s": {"filer": False, "wages": True, "federalWithholding": False,
                "socialSecurityWages": UNANSWERED, "socialSecurityTax": False,
                "medicareWages": UNANSWERED, "medicareTax": False, "employerName": None,
                "ein": None},
    "formsSsa1099": {"netBenefits": True, "federalWithholding": False, "filer": None},
    "forms1099G": {"unemployment": True, "federalWithholding": False, "filer": None,
                   "payerName": None},
    "forms1099Int": {"interest": True, "taxExemptInterest": False, "federalWithholding": False,
                     "filer": None, "payerName": None},
}
TOP_LEVEL = {
    "filingStatus": True, "livedWithSpouseAnyTimeInYear": False,
    "livedApartFromSpouseLast6Months": False, "spouseDeathYear": False,
    "paidOverHalfCostOfHome": False, "livedInUsOverHalfYear": False,
    "studentLoanInterestPaid": False,
}
ELIGIBILITY = {r.doc_key: r.when for r in CATALOGUE.knockouts if r.doc_key}
# Keys carried through untouched.
PASS_THROUGH = {"taxYear", "primaryFiler", "secondaryFiler", "dependents", "returnId", "state"}


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ReturnError(ValueError):
    """A malformed return document; ``errors`` lists each field and what is wrong with it."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def return_year(doc: object, year: int | None) -> int:
    if not isinstance(doc, dict):
        raise ReturnError([FieldError("(return)", "must be a JSON object")])
    y = year if year is not None else doc.get("taxYear")
    if y is None:
        raise ReturnError([FieldError("taxYear", "is required (or pass --year)")])
    if isinstance(y, bool) or not isinstance(y, int) or y not in SUPPORTED_YEARS:
        raise ReturnError([FieldError("taxYear",
                                      f"{y!r} is not a supported tax year (2023, 2024)")])
    return y


def load_return(doc: dict, year: int | None = None) -> FactGraph:
    """Build a fact graph from a return document, or raise ReturnError naming every bad field."""
    y = return_year(doc, year)
    g = FactGraph(DICTIONARY, y)
    errors: list[FieldError] = []

    def put(field: str, path: str, value: object) -> None:
        try:
            g.set(path, value)
        except FactTypeError as exc:
            errors.append(FieldError(field, str(exc).split(": ", 1)[1]))

    def fill(obj: object, where: str, spec: dict, prefix: str) -> None:
        if not isinstance(obj, dict):
            errors.append(FieldError(where, "must be an object"))
            return
        for key in obj:
            if key not in spec:
                errors.append(FieldError(f"{where}.{key}".lstrip("."), "is not a known field"))
        for key, required in spec.items():
            if required is None:
                continue
            field = f"{where}.{key}".lstrip(".")
            if key in obj and obj[key] is not None:
                put(field, f"{prefix}/{key}", obj[key])
            elif required is True:
                errors.append(FieldError(field, "is required"))
            elif required is False:
                default = g.fact(f"{prefix}/{key}").placeholder
                g.set(f"{prefix}/{key}", default)
                g.defaulted.add(f"{prefix}/{key}")

    for key in doc:
        if key not in TOP_LEVEL and key not in PASS_THROUGH and key not in COLLECTIONS \
                and key not in ELIGIBILITY:
            errors.append(FieldError(key, "is not a known field"))
    for key, path in ELIGIBILITY.items():
        g.set(path, flagged(doc.get(key)))
    fill({k: v for k, v in doc.items() if k in TOP_LEVEL}, "", TOP_LEVEL, "")
    status = doc.get("filingStatus")
    fill(doc.get("primaryFiler"), "primaryFiler", FILER_FIELDS, "/primaryFiler")
    if status == "married_filing_jointly" or doc.get("secondaryFiler") is not None:
        fill(doc.get("secondaryFiler"), "secondaryFiler", FILER_FIELDS, "/secondaryFiler")
    else:
        # No spouse on the return: the spouse's facts are answered as "not applicable".
        for key in FILER_FIELDS:
            if FILER_FIELDS[key] is False:
                g.set(f"/secondaryFiler/{key}", g.fact(f"/secondaryFiler/{key}").placeholder)
        g.set("/secondaryFiler/dateOfBirth", "1900-01-01")
        g.set("/secondaryFiler/tin", "123-45-6789")
        g.defaulted.update(f"/secondaryFiler/{key}" for key in FILER_FIELDS)

    deps = doc.get("dependents", [])
    if not isinstance(deps, list):
        errors.append(FieldError("dependents", "must be a list"))
        deps = []
    g.set("/dependents", [str(i) for i in range(len(deps))])
    for i, dep in enumerate(deps):
        fill(dep, f"dependents[{i}]", DEPENDENT_FIELDS, f"/dependents/{i}")

    for coll, spec in COLLECTIONS.items():
        items = doc.get(coll, [])
        if not isinstance(items, list):
            errors.append(FieldError(coll, "must be a list"))
            items = []
        g.set(f"/{coll}", [str(i) for i in range(len(items))])
        for i, item in enumerate(items):
            fill(item, f"{coll}[{i}]", spec, f"/{coll}/{i}")
            if coll != "formW2s" or not isinstance(item, dict):
                continue
            if item.get("filer") == "secondary" and status != "married_filing_jointly":
                errors.append(FieldError(f"{coll}[{i}].filer",
                                         "a spouse's W-2 belongs only on a joint return"))
            box1 = g.get(f"/formW2s/{i}/wages")
            if item.get("medicareWages") is None and box1.complete:
                g.set(f"/formW2s/{i}/medicareWages", fmt(box1.value))  # box 5 taken as box 1
                g.defaulted.add(f"/formW2s/{i}/medicareWages")
    if errors:
        raise ReturnError(errors)
    return g
