"""Filing status facts: who is on the return, ages, and whether the chosen status is allowed."""

from __future__ import annotations

import datetime as dt

from civiccx.taxengine.facts import BOOL, INT, Dictionary, enum

QSS_CHILD_RELATIONSHIPS = frozenset({"son", "daughter", "stepchild"})
QUALIFYING_CHILD_RELATIONSHIPS = frozenset({
    "son", "daughter", "stepchild", "foster_child", "brother", "sister", "half_brother",
    "half_sister", "stepbrother", "stepsister", "grandchild", "niece", "nephew",
})


def age_at_end_of_year(dob: dt.date, year: int) -> int:
    """Age on December 31; someone born on January 1 attains the age the day before (Pub. 501,
    'Age'; Pub. 596 Rule 11), so they count as a year older."""
    age = year - dob.year
    if (dob.month, dob.day) == (1, 1):
        age += 1
    return age


def declare(d: Dictionary) -> None:
    @d.derived("/isJoint", BOOL, "whether this is a joint return",
               "Form 1040, Filing Status", ["/filingStatus"])
    def _is_joint(f):
        return f("/filingStatus") == "married_filing_jointly"

    for who, your in (("primaryFiler", "your"), ("secondaryFiler", "your spouse's")):
        @d.derived(f"/{who}/ageAtYearEnd", INT, f"{your} age at the end of the tax year",
                   "Pub. 501, Age (born on January 1 = older at year end)",
                   [f"/{who}/dateOfBirth"])
        def _age(f, who=who):
            return age_at_end_of_year(f(f"/{who}/dateOfBirth"), f.p.year)

    @d.derived("/eitcFilerAgeOk", BOOL,
               "whether you (or your spouse, on a joint return) are at least 25 and under 65",
               "IRC 32(c)(1)(A)(ii)(II); Pub. 596 Rule 11",
               ["/isJoint", "/primaryFiler/ageAtYearEnd", "/secondaryFiler/ageAtYearEnd"])
    def _eitc_age(f):
        lo, hi = f.p.eitc_min_age, f.p.eitc_max_age
        if lo <= f("/primaryFiler/ageAtYearEnd") <= hi:
            return True
        return bool(f("/isJoint")) and lo <= f("/secondaryFiler/ageAtYearEnd") <= hi

    @d.derived("/dependents/*/isHeadOfHouseholdQualifyingPerson", BOOL,
               "qualifies you for head of household: a qualifying child, a dependent relative who "
               "lived with you more than half the year, or a dependent parent whose home you kept "
               "up", "IRC 2(b)(1)(A)-(B), 2(b)(3)(B); Pub. 501, Table 4",
               ["./isQualifyingChild", "./meetsDependentTests", "./isQualifyingRelative",
                "./isDependent", "./relationship", "./monthsLivedWithFiler",
                "/paidOverHalfCostOfHome", "./paidOverHalfCostOfParentsHome"])
    def _hoh_person(f):
        if f("./isQualifyingChild"):
            # Table 4, qualifying child rows and footnote 3: it counts even when you can't claim
            # the child only because someone can claim you. (A single child who fails the
            # citizen test would count too; marital status is not asked, so that rare case is
            # refused rather than guessed.)
            return bool(f("./meetsDependentTests")) and bool(f("/paidOverHalfCostOfHome"))
        if not (f("./isQualifyingRelative") and f("./isDependent")):
            return False  # IRC 2(b)(1)(A)(ii): the person must be your dependent
        rel = f("./relationship")
        if rel == "other_household_member":
            return False  # IRC 2(b)(3)(B)(i): a dependent only as a member of your household
        lived_with_you = f("./monthsLivedWithFiler") >= 7
        if rel == "parent":  # IRC 2(b)(1)(B): a parent need not live with you
            if lived_with_you and f("/paidOverHalfCostOfHome"):
                return True
            return bool(f("./paidOverHalfCostOfParentsHome"))
        return lived_with_you and bool(f("/paidOverHalfCostOfHome"))

    @d.derived("/hasHeadOfHouseholdQualifyingPerson", BOOL,
               "whether someone on your return qualifies you for head of household",
               "IRC 2(b)(1); Pub. 501, Head of Household and Table 4",
               ["/dependents/*/isHeadOfHouseholdQualifyingPerson"])
    def _has_hoh_person(f):
        return any(f.each("/dependents/*/isHeadOfHouseholdQualifyingPerson"))

    @d.derived("/filingStatusAllowed", BOOL, "whether the filing status you chose is allowed",
               "IRC 1, 2(a), 2(b); Form 1040 instructions, Filing Status",
               ["/filingStatus", "/hasHeadOfHouseholdQualifyingPerson", "/paidOverHalfCostOfHome",
                "/spouseDeathYear", "/dependents/*/relationship",
                "/dependents/*/monthsLivedWithFiler", "/dependents/*/isDependent"])
    def _status_ok(f):
        status = f("/filingStatus")
        if status == "head_of_household":
            return bool(f("/hasHeadOfHouseholdQualifyingPerson"))
        if status == "qualifying_surviving_spouse":
            if f("/spouseDeathYear") not in (f.p.year - 1, f.p.year - 2):
                return False
            if not f("/paidOverHalfCostOfHome"):
                return False
            for rel, months, dep in zip(f.each("/dependents/*/relationship"),
                                        f.each("/dependents/*/monthsLivedWithFiler"),
                                        f.each("/dependents/*/isDependent"), strict=True):
                if rel in QSS_CHILD_RELATIONSHIPS and months == 12 and dep:
                    return True
            return False
        return True

    @d.derived("/filingStatusCategory", enum("married", "unmarried"),
               "married or unmarried amount of the additional standard deduction",
               "IRC 63(f)(1)-(3); Form 1040 instructions, line 12",
               ["/filingStatus"])
    def _category(f):
        s = f("/filingStatus")
        return "unmarried" if s in ("single", "head_of_household") else "married"
