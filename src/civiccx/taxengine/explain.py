"""Explanations: a plain-language summary, then the tree of rules and answers that decided a fact.

``explain(graph, path)`` returns an :class:`Explanation`: its ``summary`` sentences come first
("Your refund is $2,826 because ..."), then each node names the rule, its value and citation.
Worksheets (Schedule 8812, EIC Worksheet A, ...) show labelled lines, the Tax Table and EIC Table
rows are named, and every fact is explained once: a rule that reads a fact explained earlier in
the tree lists it under ``also`` instead of repeating it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from civiccx.taxengine.catalogue import CATALOGUE, render
from civiccx.taxengine.facts import CODES, DOLLARS, SIGNED_DOLLARS, TEXT, TIN, WORKSHEET
from civiccx.taxengine.graph import COMPLETE, FactGraph
from civiccx.taxengine.money import plain_usd as money
from civiccx.taxengine.money import usd


@dataclass(frozen=True)
class Sentence:
    """One sentence of a summary: its catalogue code, English template and parameters."""

    code: str
    params: dict

    @property
    def template(self) -> str:
        return CATALOGUE.summaries[self.code]

    @property
    def text(self) -> str:
        return render(self.template, self.params)

    def as_dict(self) -> dict:
        return {"code": self.code, "template": self.template, "params": self.params,
                "text": self.text}


@dataclass(frozen=True)
class Line:
    """A labelled worksheet line."""

    line: str
    label: str
    value: str

    def as_dict(self) -> dict:
        return {"line": self.line, "label": self.label, "value": self.value}


@dataclass
class Explanation:
    path: str
    says: str
    value: object
    status: str
    cite: str
    kind: str  # "rule" or "answer"
    children: list[Explanation] = field(default_factory=list)
    also: list[tuple[str, str]] = field(default_factory=list)  # (path, says) explained earlier
    lines: list[Line] = field(default_factory=list)
    summary: list[Sentence] = field(default_factory=list)

    @property
    def summary_text(self) -> str:
        return " ".join(s.text for s in self.summary)

    def as_dict(self) -> dict:
        d = {"path": self.path, "says": self.says, "value": self.value, "status": self.status,
             "kind": self.kind}
        if self.cite:
            d["cite"] = self.cite
        if self.summary:
            d["summary"] = self.summary_text
            d["summarySentences"] = [s.as_dict() for s in self.summary]
        if self.lines:
            d["lines"] = [ln.as_dict() for ln in self.lines]
        if self.children:
            d["because"] = [c.as_dict() for c in self.children]
        if self.also:
            d["alsoUses"] = [{"path": p, "says": s} for p, s in self.also]
        return d

    def text(self) -> str:
        out: list[str] = []
        if self.summary:
            out += [self.summary_text, ""]
        self._lines(out, 0)
        return "\n".join(out)

    def _lines(self, out: list[str], depth: int) -> None:
        pad = "  " * depth
        what = f"{self.says}: {self.value}" if not self.lines else self.says
        if self.kind == "answer":
            what += " (your answer)"
        elif self.cite:
            what += f"  [{self.cite}]"
        if self.status != COMPLETE:
            what += f" <{self.status}>"
        out.append(pad + ("- " if depth else "") + what)
        for ln in self.lines:
            out.append(f"{pad}    line {ln.line:<4} {ln.value:>14}  {ln.label}")
        for c in self.children:
            c._lines(out, depth + 1)
        if self.also:
            names = ", ".join(s for _, s in self.also)
            out.append(f"{pad}  - also uses: {names} (explained above)")

    def find(self, path: str) -> Explanation | None:
        if self.path == path:
            return self
        for c in self.children:
            hit = c.find(path)
            if hit is not None:
                return hit
        return None

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


def worksheet_lines(g: FactGraph, path: str) -> list[Line]:
    """A worksheet fact's lines in form order, each with its label and formatted amount."""
    fact = g.fact(path)
    value = g.get(path).value
    if not fact.lines or not isinstance(value, dict):
        return []
    out = []
    for key, (label, kind) in fact.lines.items():
        if key not in value:
            continue
        v = value[key]
        if kind == "money":
            shown = usd(v)
        elif kind == "ratio":
            shown = f"{v / 1000:.3f}"
        else:
            shown = str(v)
        out.append(Line(key.removesuffix("_thousandths"), label, shown))
    return out


ITEM_NAMES = {"/dependents": "dependent", "/formW2s": "W-2", "/formsSsa1099": "SSA-1099",
              "/forms1099G": "1099-G", "/forms1099Int": "1099-INT"}


def item_of(g: FactGraph, path: str) -> tuple[str, int] | None:
    """The collection and number (from 1) of the form or person a fact belongs to, if any."""
    parts = path.split("/")
    if len(parts) > 3 and f"/{parts[1]}" in ITEM_NAMES:
        coll = f"/{parts[1]}"
        return coll, g.items(coll).index(parts[2]) + 1
    return None


def _says(g: FactGraph, path: str) -> str:
    """What a fact is, naming the item for a fact of one form or person ("dependent 2: ...")."""
    says = g.fact(path).says
    item = item_of(g, path)
    return f"{ITEM_NAMES[item[0]]} {item[1]}: {says}" if item else says


def _show(value: object, fact_type) -> object:
    if value is None:
        return "unknown"
    if fact_type is TIN:
        return "***-**-" + value[-4:]  # explanations never repeat a whole SSN
    if fact_type is TEXT and value == "":
        return "none"
    if fact_type in (DOLLARS, SIGNED_DOLLARS):
        return usd(value)
    if fact_type is CODES:
        return ", ".join(value) if value else "none"
    if isinstance(value, tuple):
        return f"{len(value)} listed"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if fact_type.options:
        return str(value).replace("_", " ")
    return str(value)


def explain(g: FactGraph, path: str, max_depth: int = 12) -> Explanation:
    """Explain ``path``: a summary, then each deciding rule and answer once, in reading order."""
    seen: set[str] = set()

    def build(p: str, depth: int) -> Explanation:
        seen.add(p)
        fact = g.fact(p)
        r = g.get(p)
        says = _says(g, p)
        if fact.type is WORKSHEET:
            node = Explanation(p, says, None, r.status, fact.cite, "rule",
                               lines=worksheet_lines(g, p))
        else:
            node = Explanation(p, says, _show(r.value, fact.type), r.status, fact.cite,
                               "answer" if fact.writable else "rule")
        if fact.writable or depth >= max_depth:
            return node
        for c in g.reads(p):
            if c in seen:
                node.also.append((c, _says(g, c)))
            else:
                node.children.append(build(c, depth + 1))
        return node

    root = build(path, 0)
    root.summary = summarize(g, path)
    return root


def summarize(g: FactGraph, path: str) -> list[Sentence]:
    """The plain-language sentences that open an explanation of ``path``."""
    if g.get(path).status == "incomplete":
        return []
    if path in ("/refund", "/amountOwed"):
        return _bottom_line(g)
    v = g.value
    if path == "/tax":
        return [Sentence("tax-lookup", {"tax": money(v("/tax")), "method": v("/taxMethod"),
                                        "taxable_income": money(v("/taxableIncome"))})]
    if path == "/earnedIncomeCredit":
        reason = v("/eitcIneligibleReason")
        if reason:
            return [Sentence("no-eic", {"reason": reason})]
        return [Sentence("eic-lookup", {"eic": money(v("/earnedIncomeCredit")),
                                        "rows": v("/eicTableRows")})]
    fact = g.fact(path)
    shown = _show(g.get(path).value, fact.type) if fact.type is not WORKSHEET else "see the lines"
    says = fact.says[0].upper() + fact.says[1:]
    return [Sentence("fact", {"says": says, "value": shown, "cite": fact.cite or "your answer"})]


def _bottom_line(g: FactGraph) -> list[Sentence]:
    v = g.value
    refund, owed = v("/refund"), v("/amountOwed")
    payments, total_tax = money(v("/totalPayments")), money(v("/totalTax"))
    if refund:
        out = [Sentence("refund", {"refund": money(refund), "payments": payments,
                                   "total_tax": total_tax})]
    elif owed:
        out = [Sentence("owed", {"owed": money(owed), "payments": payments,
                                 "total_tax": total_tax})]
    else:
        out = [Sentence("even", {"total_tax": total_tax})]
    out.append(Sentence("income-tax", {
        "tax": money(v("/tax")), "taxable_income": money(v("/taxableIncome")),
        "agi": money(v("/adjustedGrossIncome")),
        "standard_deduction": money(v("/standardDeduction"))}))
    if v("/childTaxCreditNonrefundable"):
        out.append(Sentence("child-credits", {"ctc": money(v("/childTaxCreditNonrefundable"))}))
    if v("/totalWithholding"):
        out.append(Sentence("withheld", {"withheld": money(v("/totalWithholding"))}))
    if v("/earnedIncomeCredit"):
        out.append(Sentence("eic", {"eic": money(v("/earnedIncomeCredit"))}))
    elif v("/earnedIncome") and v("/eitcIneligibleReason"):
        out.append(Sentence("no-eic", {"reason": v("/eitcIneligibleReason")}))
    if v("/additionalChildTaxCredit"):
        out.append(Sentence("actc", {"actc": money(v("/additionalChildTaxCredit"))}))
    return out
