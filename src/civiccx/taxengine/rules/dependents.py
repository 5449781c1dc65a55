"""Dependents: the qualifying child and qualifying relative tests, and who counts for which credit.

Relationship, age, residency, joint-return and support tests follow IRC 152(c)-(d) and Pub. 501;
the CTC needs a qualifying child under 17 with an SSN valid for employment (IRC 24(c), 24(h)(7));
the ODC covers every other dependent with a TIN (IRC 24(h)(4)); the EITC child tests omit the
support test and need an SSN valid for employment (IRC 32(c)(3), 32(m)).
"""

from __future__ import annotations

from civiccx.taxengine.facts import BOOL, INT, Dictionary, enum, tin_kind
from civiccx.taxengine.rules.filing_status import (
    QUALIFYING_CHILD_RELATIONSHIPS,
    age_at_end_of_year,
)

QUALIFYING_RELATIVE_RELATIONSHIPS = QUALIFYING_CHILD_RELATIONSHIPS | {
    "parent", "grandparent", "stepparent", "aunt", "uncle", "in_law",
}
D = "/dependents/*"


def declare(d: Dictionary) -> None:
    @d.derived(f"{D}/ageAtYearEnd", INT, "the dependent's age at the end of the year",
               "Pub. 501, Age Test", ["./dateOfBirth"])
    def _age(f):
        return age_at_end_of_year(f("./dateOfBirth"), f.p.year)

    @d.derived(f"{D}/tinKind", enum("ssn", "itin", "atin"), "kind of taxpayer number",
               "IRS TIN structure (ITINs and ATINs begin with 9)", ["./tin"])
    def _tin_kind(f):
        return tin_kind(f("./tin"))

    @d.derived(f"{D}/meetsQualifyingChildAgeTest", BOOL,
               "under 19 (or under 24 and a full-time student) and younger than you, or "
               "permanently and totally disabled", "IRC 152(c)(3); Pub. 501, Age Test",
               ["./permanentlyDisabled", "./ageAtYearEnd", "./fullTimeStudent", "/isJoint",
                "/primaryFiler/ageAtYearEnd", "/secondaryFiler/ageAtYearEnd"])
    def _age_test(f):
        if f("./permanentlyDisabled"):
            return True
        age = f("./ageAtYearEnd")
        filer_age = f("/primaryFiler/ageAtYearEnd")
        if f("/isJoint"):
            filer_age = max(filer_age, f("/secondaryFiler/ageAtYearEnd"))
        if age >= filer_age:
            return False
        return age < 19 or (age < 24 and bool(f("./fullTimeStudent")))

    @d.derived(f"{D}/meetsQualifyingChildTests", BOOL,
               "passes the relationship, age, residency and joint return tests",
               "IRC 152(c)(1); Pub. 596 Rule 8",
               ["./relationship", "./meetsQualifyingChildAgeTest", "./monthsLivedWithFiler",
                "./filesJointReturn"])
    def _qc_core(f):
        return (f("./relationship") in QUALIFYING_CHILD_RELATIONSHIPS
                and f("./monthsLivedWithFiler") >= 7
                and f("./meetsQualifyingChildAgeTest")
                and not f("./filesJointReturn"))

    @d.derived(f"{D}/isQualifyingChild", BOOL, "is your qualifying child",
               "IRC 152(c); Pub. 501, Qualifying Child",
               ["./meetsQualifyingChildTests", "./providedOverHalfOwnSupport"])
    def _qc(f):
        return bool(f("./meetsQualifyingChildTests")) and not f("./providedOverHalfOwnSupport")

    @d.derived(f"{D}/isQualifyingRelative", BOOL, "is your qualifying relative",
               "IRC 152(d); Pub. 501, Qualifying Relative",
               ["./isQualifyingChild", "./relationship", "./monthsLivedWithFiler",
                "./grossIncome", "./filerProvidedOverHalfSupport"])
    def _qr(f):
        if f("./isQualifyingChild"):
            return False
        rel = f("./relationship")
        related = rel in QUALIFYING_RELATIVE_RELATIONSHIPS or (
            rel == "other_household_member" and f("./monthsLivedWithFiler") == 12)
        return (related and f("./grossIncome") < f.p.qr_gross_income_limit
                and bool(f("./filerProvidedOverHalfSupport")))

    @d.derived(f"{D}/meetsDependentTests", BOOL,
               "is your qualifying child or qualifying relative and passes the joint return and "
               "citizen or resident tests (whether or not someone can claim you)",
               "IRC 152(a), 152(b)(2), 152(b)(3); Pub. 501, Dependents",
               ["./filesJointReturn", "./usCitizenOrResident", "./isQualifyingChild",
                "./isQualifyingRelative"])
    def _meets(f):
        if f("./filesJointReturn") or not f("./usCitizenOrResident"):
            return False
        return bool(f("./isQualifyingChild") or f("./isQualifyingRelative"))

    @d.derived(f"{D}/isDependent", BOOL, "can be claimed as your dependent",
               "IRC 152(a), 152(b)(1), 152(b)(3); Pub. 501, Dependents",
               ["/primaryFiler/canBeClaimedAsDependent", "/isJoint",
                "/secondaryFiler/canBeClaimedAsDependent", "./meetsDependentTests"])
    def _dep(f):
        if f("/primaryFiler/canBeClaimedAsDependent"):
            return False
        if f("/isJoint") and f("/secondaryFiler/canBeClaimedAsDependent"):
            return False
        return bool(f("./meetsDependentTests"))

    @d.derived(f"{D}/qualifiesForChildTaxCredit", BOOL,
               "qualifies you for the child tax credit: a qualifying child under 17 with an SSN "
               "valid for employment", "IRC 24(c)(1), 24(h)(7); Schedule 8812 line 4",
               ["./isDependent", "./isQualifyingChild", "./ageAtYearEnd", "./tinKind",
                "./ssnValidForEmployment"])
    def _ctc(f):
        return bool(f("./isDependent") and f("./isQualifyingChild")
                    and f("./ageAtYearEnd") < f.p.ctc_age_under
                    and f("./tinKind") == "ssn" and f("./ssnValidForEmployment"))

    @d.derived(f"{D}/qualifiesForOtherDependentCredit", BOOL,
               "qualifies you for the credit for other dependents", "IRC 24(h)(4); Schedule 8812 "
               "line 6", ["./isDependent", "./qualifiesForChildTaxCredit"])
    def _odc(f):
        return bool(f("./isDependent")) and not f("./qualifiesForChildTaxCredit")

    @d.derived(f"{D}/isEitcQualifyingChild", BOOL,
               "is a qualifying child for the earned income credit",
               "IRC 32(c)(3), 32(m); Pub. 596 Rule 8 and Rule 2",
               ["./meetsQualifyingChildTests", "./tinKind", "./ssnValidForEmployment"])
    def _eitc_child(f):
        return bool(f("./meetsQualifyingChildTests") and f("./tinKind") == "ssn"
                    and f("./ssnValidForEmployment"))

    @d.derived("/numberOfCtcChildren", INT, "number of children who qualify for the child tax "
               "credit", "Schedule 8812 line 4", [f"{D}/qualifiesForChildTaxCredit"])
    def _n_ctc(f):
        return sum(1 for x in f.each(f"{D}/qualifiesForChildTaxCredit") if x)

    @d.derived("/numberOfOtherDependents", INT, "number of other dependents",
               "Schedule 8812 line 6", [f"{D}/qualifiesForOtherDependentCredit"])
    def _n_odc(f):
        return sum(1 for x in f.each(f"{D}/qualifiesForOtherDependentCredit") if x)

    @d.derived("/numberOfEitcChildren", INT, "number of qualifying children for the EIC",
               "Schedule EIC; Pub. 596 Rule 8", [f"{D}/isEitcQualifyingChild"])
    def _n_eitc(f):
        return sum(1 for x in f.each(f"{D}/isEitcQualifyingChild") if x)
