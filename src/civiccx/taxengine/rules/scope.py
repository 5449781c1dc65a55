"""Scope: the facts that decide whether a return is outside Direct File (its knockouts).

Each knockout in ``catalogue.yaml`` names a true/false fact here (or an eligibility answer);
``/knockouts`` lists the codes that apply, in catalogue order, so an interview can ask
``missing("/knockouts")`` for the answers that decide scope and ``explain`` any of them.
"""

from __future__ import annotations

from civiccx.taxengine.catalogue import CATALOGUE
from civiccx.taxengine.facts import BOOL, CODES, DOLLARS, Dictionary


def declare(d: Dictionary) -> None:
    @d.derived("/headOfHouseholdNotAllowed", BOOL,
               "whether you chose head of household without a qualifying person",
               "IRC 2(b)(1); Pub. 501, Head of Household",
               ["/filingStatus", "/filingStatusAllowed"])
    def _hoh(f):
        return f("/filingStatus") == "head_of_household" and not f("/filingStatusAllowed")

    @d.derived("/qualifyingSurvivingSpouseNotAllowed", BOOL,
               "whether you chose qualifying surviving spouse without meeting its tests",
               "IRC 2(a); Pub. 501, Qualifying Surviving Spouse",
               ["/filingStatus", "/filingStatusAllowed"])
    def _qss(f):
        return (f("/filingStatus") == "qualifying_surviving_spouse"
                and not f("/filingStatusAllowed"))

    @d.derived("/needsScheduleB", BOOL, "whether your taxable interest is over the $1,500 limit",
               "Schedule B; Direct File scope", ["/taxableInterest"])
    def _schedule_b(f):
        return f("/taxableInterest") > f.p.taxable_interest_limit

    @d.derived("/medicareWages", DOLLARS, "Medicare wages and tips from all your W-2s (box 5)",
               "Form 8959 line 1", ["/formW2s/*/medicareWages"])
    def _medicare_wages(f):
        return sum(f.each("/formW2s/*/medicareWages"))

    @d.derived("/owesAdditionalMedicareTax", BOOL,
               "whether your Medicare wages are over the Additional Medicare Tax threshold for "
               "your filing status", "IRC 3101(b)(2); Form 8959 lines 1-7",
               ["/medicareWages", "/filingStatus"])
    def _amt(f):
        return f("/medicareWages") > f.p.additional_medicare_threshold[f("/filingStatus")]

    @d.derived("/hadAdditionalMedicareTaxWithheld", BOOL,
               "whether one W-2 shows more than $200,000 of Medicare wages, so the employer "
               "withheld Additional Medicare Tax",
               "IRC 3102(f)(1); Instructions for Form 8959, Who Must File; Form 8959 Part V",
               ["/formW2s/*/medicareWages"])
    def _amt_withheld(f):
        limit = f.p.additional_medicare_withholding_threshold
        return any(w > limit for w in f.each("/formW2s/*/medicareWages"))

    @d.derived("/owesNetInvestmentIncomeTax", BOOL,
               "whether you have investment income and your modified AGI is over the net "
               "investment income tax threshold", "IRC 1411(a)(1), 1411(b); Form 8960 lines 8-17",
               ["/taxableInterest", "/adjustedGrossIncome", "/filingStatus"])
    def _niit(f):
        # In scope the only net investment income is taxable interest, and modified AGI is AGI
        # (no foreign earned income exclusion).
        if f("/taxableInterest") == 0:
            return False
        return f("/adjustedGrossIncome") > f.p.niit_threshold[f("/filingStatus")]

    @d.derived("/hadExcessSocialSecurityTax", BOOL,
               "whether two or more employers together withheld more Social Security tax from "
               "one person than the year's maximum",
               "IRC 31(b); Schedule 3 line 11; Form 1040 instructions",
               ["/isJoint", "/formW2s/*/filer", "/formW2s/*/socialSecurityTax"])
    def _excess_ss(f):
        people = ("primary", "secondary") if f("/isJoint") else ("primary",)
        w2s = list(zip(f.each("/formW2s/*/filer"), f.each("/formW2s/*/socialSecurityTax"),
                       strict=True))
        for who in people:
            taxes = [tax for filer, tax in w2s if filer == who]
            if len(taxes) > 1 and sum(taxes) > f.p.ss_tax_max:
                return True
        return False

    @d.derived("/unearnedIncome", DOLLARS, "unearned income (interest, unemployment and taxable "
               "Social Security)", "Form 8615 instructions, unearned income",
               ["/taxableInterest", "/unemploymentCompensation", "/taxableSocialSecurity"])
    def _unearned(f):
        return (f("/taxableInterest") + f("/unemploymentCompensation")
                + f("/taxableSocialSecurity"))

    @d.derived("/mayNeedForm8615", BOOL,
               "whether someone can claim you, you are under 24 and your unearned income is over "
               "the Form 8615 threshold", "IRC 1(g); Form 8615 instructions",
               ["/primaryFiler/canBeClaimedAsDependent", "/unearnedIncome",
                "/primaryFiler/ageAtYearEnd"])
    def _form_8615(f):
        # The age, student and support tests of Form 8615 are not asked, so every such dependent
        # is sent elsewhere: over-inclusive on purpose, never a wrong number.
        if not f("/primaryFiler/canBeClaimedAsDependent"):
            return False
        return (f("/unearnedIncome") > f.p.form_8615_threshold
                and f("/primaryFiler/ageAtYearEnd") < 24)

    @d.derived("/knockouts", CODES, "situations outside Direct File's scope",
               "catalogue.yaml; Direct File scope", [r.when for r in CATALOGUE.knockouts])
    def _knockouts(f):
        return tuple(r.code for r in CATALOGUE.knockouts if f(r.when))
