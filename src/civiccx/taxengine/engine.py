"""Compute a return: knockouts first, then the fact graph, then the return document."""

from __future__ import annotations

from dataclasses import dataclass, field

from civiccx.taxengine.graph import FactGraph
from civiccx.taxengine.knockouts import Knockout, knockouts
from civiccx.taxengine.money import fmt
from civiccx.taxengine.returns import load_return
from civiccx.taxengine.validation import Issue, validate

ENGINE_VERSION = "civiccx.taxengine 0.2"

FORM_1040_LINES = {
    "1a": "/totalWages", "1z": "/totalWages", "2a": "/taxExemptInterest",
    "2b": "/taxableInterest", "6a": "/socialSecurityBenefits", "6b": "/taxableSocialSecurity",
    "8": "/unemploymentCompensation", "9": "/totalIncome", "10": "/adjustmentsToIncome",
    "11": "/adjustedGrossIncome", "12": "/standardDeduction", "14": "/standardDeduction",
    "15": "/taxableIncome", "16": "/tax", "18": "/taxBeforeCredits",
    "19": "/childTaxCreditNonrefundable", "21": "/childTaxCreditNonrefundable",
    "22": "/totalTax", "24": "/totalTax", "25a": "/withholdingW2", "25b": "/withholding1099",
    "25d": "/totalWithholding", "27": "/earnedIncomeCredit", "28": "/additionalChildTaxCredit",
    "32": "/refundableCredits", "33": "/totalPayments", "34": "/refund", "35a": "/refund",
    "37": "/amountOwed",
}
SCHEDULE_1_LINES = {"7": "/unemploymentCompensation", "10": "/unemploymentCompensation",
                    "11": "/educatorExpenseDeduction", "21": "/studentLoanInterestDeduction",
                    "26": "/adjustmentsToIncome"}


@dataclass
class Outcome:
    """The result of computing one return: numbers, or knockouts and no numbers."""

    year: int
    graph: FactGraph | None
    knockouts: list[Knockout] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def knocked_out(self) -> bool:
        return bool(self.knockouts)

    def value(self, path: str) -> object:
        if self.graph is None or self.knocked_out:
            raise ValueError("this return was knocked out; it has no computed values")
        return self.graph.value(path)

    def form_1040(self) -> dict[str, int]:
        return {line: self.value(path) for line, path in FORM_1040_LINES.items()}

    def document(self) -> dict:
        """The JSON return document that the filing app stores and submits."""
        doc: dict = {"taxYear": self.year, "engine": ENGINE_VERSION,
                     "issues": [i.as_dict() for i in self.issues]}
        if self.knocked_out:
            doc["status"] = "knockout"
            doc["knockouts"] = [k.as_dict() for k in self.knockouts]
            return doc
        g = self.graph
        doc["status"] = "complete"
        doc["filingStatus"] = g.value("/filingStatus")
        doc["form1040"] = {k: fmt(v) for k, v in self.form_1040().items()}
        doc["schedule1"] = {k: fmt(g.value(p)) for k, p in SCHEDULE_1_LINES.items()}
        s8812 = g.value("/schedule8812")
        doc["schedule8812"] = {k: (v if k in ("4", "6") else fmt(v)) for k, v in s8812.items()}
        ws = g.value("/eicWorksheetA")
        doc["eicWorksheetA"] = {k: fmt(v) for k, v in ws.items()}
        reason = g.value("/eitcIneligibleReason")
        if reason:
            doc["eicWorksheetA"]["notAllowedBecause"] = reason
        doc["eicQualifyingChildren"] = g.value("/numberOfEitcChildren")
        doc["socialSecurityWorksheet"] = {k: fmt(v) for k, v in
                                          g.value("/socialSecurityWorksheet").items()}
        doc["dependents"] = [
            {"index": int(i),
             "qualifiesForChildTaxCredit": g.value(f"/dependents/{i}/qualifiesForChildTaxCredit"),
             "qualifiesForOtherDependentCredit":
                 g.value(f"/dependents/{i}/qualifiesForOtherDependentCredit"),
             "isEitcQualifyingChild": g.value(f"/dependents/{i}/isEitcQualifyingChild")}
            for i in g.items("/dependents")]
        doc["refund"] = fmt(g.value("/refund"))
        doc["amountOwed"] = fmt(g.value("/amountOwed"))
        return doc


def compute(doc: dict, year: int | None = None) -> Outcome:
    """Compute a return document. Malformed documents raise ReturnError naming the fields."""
    g = load_return(doc, year)
    return Outcome(g.year, g, knockouts(g), validate(g))
