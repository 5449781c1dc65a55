"""Random households as return documents, and their Tax-Calculator input columns.

Seeded numpy draws (reproducible): every filing status, 0-4 children of every age under 19,
some parents as other dependents, heads of household whose qualifying person is an adult son,
a sister or a grandparent (a qualifying relative), W-2 wages from $0 to about $300,000 (two
earners on joint returns), Social Security for older filers, unemployment, interest up to the
$1,500 scope limit, tax-exempt interest reaching the EIC investment-income limit, educator
expenses, student loan interest, blind and 65+ filers, and a few dependents filing their own
return. All are in scope except the high earners who owe Additional Medicare Tax or the net
investment income tax.
"""

from __future__ import annotations

import numpy as np

from civiccx.taxengine.money import fmt
from civiccx.taxengine.params import load

STATUSES = ("single", "married_filing_jointly", "married_filing_separately",
            "head_of_household", "qualifying_surviving_spouse")
MARS = {s: i + 1 for i, s in enumerate(STATUSES)}


def _ssn(i: int, k: int) -> str:
    n = i * 7 + k
    return f"{100 + n % 500:03d}-{10 + n % 89:02d}-{1000 + n % 8999:04d}"


def _birth(year: int, age: int) -> str:
    return f"{year - age}-07-01"  # mid-year: age at year end is unambiguous


def critical_wages(year: int) -> list[int]:
    """Wages at the EIC and CTC corners: earned income amounts, phase-out thresholds, completed
    phase-out amounts (single and joint) and the ACTC's $2,500 floor, each with near neighbours."""
    p = load(year)
    points = {p.actc_earned_threshold}
    for seq in (p.eitc_earned_amount, p.eitc_threshold, p.eitc_threshold_joint,
                p.eitc_completed, p.eitc_completed_joint):
        points.update(seq)
    return sorted({x // 100 + d for x in points for d in (-51, -30, -1, 0, 1, 29, 49)})


def random_households(n: int, year: int, seed: int = 0) -> list[dict]:
    rng = np.random.default_rng(seed + year)
    corners = critical_wages(year)
    docs = []
    for i in range(n):
        dependent_filer = rng.random() < 0.03
        if dependent_filer:
            status = "single"
        else:
            status = STATUSES[rng.choice(5, p=[0.40, 0.33, 0.05, 0.17, 0.05])]
        joint = status == "married_filing_jointly"
        age = int(rng.integers(17, 24)) if dependent_filer else int(rng.integers(18, 86))
        n_kids = 0 if dependent_filer else int(rng.choice(5, p=[0.45, 0.22, 0.2, 0.09, 0.04]))
        if status in ("head_of_household", "qualifying_surviving_spouse"):
            n_kids = max(n_kids, 1)
            age = max(age, 20)
        deps = []
        for k in range(n_kids):
            kid_age = int(rng.integers(0, min(19, age - 1)))
            deps.append({"tin": _ssn(i, k + 2), "dateOfBirth": _birth(year, kid_age),
                         "relationship": "son" if k % 2 else "daughter",
                         "monthsLivedWithFiler": 12})
        if status == "head_of_household" and rng.random() < 0.2:
            # The qualifying person is an adult relative, not a child (Pub. 501 Table 4): a son
            # of 19-23 out of school, a sister of 20-40 who lived with the filer 7-12 months, or
            # a grandparent; each a qualifying relative (gross income under the limit).
            rel, rel_age, months = [("son", int(rng.integers(19, 24)), 12),
                                    ("sister", int(rng.integers(20, 41)),
                                     int(rng.integers(7, 13))),
                                    ("grandparent", age + 45, 12)][int(rng.integers(0, 3))]
            deps = [{"tin": _ssn(i, 2), "dateOfBirth": _birth(year, min(rel_age, age - 1)
                                                               if rel == "son" else rel_age),
                     "relationship": rel, "monthsLivedWithFiler": months,
                     "grossIncome": str(int(rng.integers(0, 4_000)))}]
        if not dependent_filer and rng.random() < 0.05:
            deps.append({"tin": _ssn(i, 9), "dateOfBirth": _birth(year, age + 25),
                         "relationship": "parent", "monthsLivedWithFiler": 12,
                         "grossIncome": str(int(rng.integers(0, 4000)))})

        def wage() -> int:
            r = rng.random()
            if r < 0.08:
                return 0
            if r < 0.14:
                return int(rng.choice(corners))
            if r < 0.5:
                return int(rng.integers(1, 30_000))
            if r < 0.9:
                return int(rng.integers(30_000, 90_000))
            return int(rng.integers(90_000, 300_000))

        w2s = []
        for filer in ("primary", "secondary") if joint else ("primary",):
            w = wage() if filer == "primary" or w2s and int(w2s[0]["wages"]) > 0 else 0
            if dependent_filer:
                w = int(rng.integers(0, 20_000))
            if w:
                ss_wages = min(w, load(year).ss_wage_base // 100)
                w2s.append({"filer": filer, "wages": str(w),
                            "federalWithholding": str(int(w * rng.uniform(0, 0.15))),
                            "socialSecurityWages": str(ss_wages), "medicareWages": str(w),
                            "socialSecurityTax": fmt(round(ss_wages * 6.2)),
                            "medicareTax": fmt(round(w * 1.45 + max(0, w - 200_000) * 0.9))})
        doc = {
            "taxYear": year, "filingStatus": status,
            "primaryFiler": {"tin": _ssn(i, 0), "dateOfBirth": _birth(year, age),
                             "isBlind": bool(rng.random() < 0.03),
                             "canBeClaimedAsDependent": dependent_filer},
            "dependents": deps, "formW2s": w2s,
        }
        if joint:
            s_age = int(np.clip(age + rng.integers(-8, 9), 18, 90))
            doc["secondaryFiler"] = {"tin": _ssn(i, 1), "dateOfBirth": _birth(year, s_age),
                                     "isBlind": bool(rng.random() < 0.03)}
        if status == "head_of_household":
            doc["paidOverHalfCostOfHome"] = True
        if status == "qualifying_surviving_spouse":
            doc.update(paidOverHalfCostOfHome=True, spouseDeathYear=year - 1)
        if status == "married_filing_separately":
            doc.update(livedWithSpouseAnyTimeInYear=False,
                       livedApartFromSpouseLast6Months=True)
        if not dependent_filer and (age >= 62 or rng.random() < 0.05):
            doc["formsSsa1099"] = [{"netBenefits": str(int(rng.integers(2_000, 45_000)))}]
        if rng.random() < 0.08 and not dependent_filer:
            doc["forms1099G"] = [{"unemployment": str(int(rng.integers(500, 15_000)))}]
        ints = {}
        if rng.random() < 0.3:
            ints["interest"] = str(int(rng.integers(1, 1_501)))
        if rng.random() < 0.04 and not dependent_filer:
            ints["taxExemptInterest"] = str(int(rng.integers(1, 15_000)))
        if ints:
            ints.setdefault("interest", "0")
            doc["forms1099Int"] = [ints]
        if rng.random() < 0.04:
            doc["primaryFiler"].update(isEligibleEducator=True,
                                       educatorExpenses=str(int(rng.integers(1, 600))))
        if rng.random() < 0.10:
            doc["studentLoanInterestPaid"] = str(int(rng.integers(50, 3_500)))
        docs.append(doc)
    return docs


def taxcalc_frame(docs: list[dict], batch_rows, year: int):
    """Tax-Calculator input columns for the same households.

    Tax-Calculator neither caps educator expenses nor applies the student-loan MAGI phase-out,
    so it receives the deductible amounts the engine allowed (e03220, e03210). Child counts are
    the engine's qualifying-child counts: Tax-Calculator does not test age, relationship or
    residency (docs/reference/tax-calculator-oracle.md)."""
    import pandas as pd

    def dollars(col):
        return np.asarray(batch_rows[col]) / 100.0

    rows = []
    for i, d in enumerate(docs):
        joint = d["filingStatus"] == "married_filing_jointly"
        wp = sum(float(w["wages"]) for w in d["formW2s"] if w["filer"] == "primary")
        ws = sum(float(w["wages"]) for w in d["formW2s"] if w["filer"] == "secondary")
        kids_under_18 = sum(1 for x in d["dependents"]
                            if x["relationship"] in ("son", "daughter")
                            and year - int(x["dateOfBirth"][:4]) < 18)
        rows.append({
            "RECID": i + 1, "MARS": MARS[d["filingStatus"]], "FLPDYR": year,
            "XTOT": (2 if joint else 1) + len(d["dependents"]),
            "e00200": wp + ws, "e00200p": wp, "e00200s": ws,
            "age_head": year - int(d["primaryFiler"]["dateOfBirth"][:4]),
            "age_spouse": (year - int(d["secondaryFiler"]["dateOfBirth"][:4])) if joint else 0,
            "blind_head": int(d["primaryFiler"].get("isBlind", False)),
            "blind_spouse": int(joint and d["secondaryFiler"].get("isBlind", False)),
            "DSI": int(d["primaryFiler"].get("canBeClaimedAsDependent", False)),
            "nu18": kids_under_18,
        })
    df = pd.DataFrame(rows)
    df["n24"] = np.asarray(batch_rows["n_ctc_children"])
    df["EIC"] = np.minimum(np.asarray(batch_rows["n_eitc_children"]), 3)
    df["e00300"] = dollars("taxable_interest")
    df["e00400"] = dollars("tax_exempt_interest")
    df["e02300"] = dollars("unemployment")
    df["e02400"] = dollars("ss_benefits")
    df["e03220"] = dollars("educator_deduction")
    df["e03210"] = dollars("student_loan_deduction")
    return df
