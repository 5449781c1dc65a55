"""Writable facts: the answers an interview (or a return document) supplies."""

from __future__ import annotations

from civiccx.taxengine.catalogue import CATALOGUE
from civiccx.taxengine.facts import (
    BOOL,
    COLLECTION,
    DATE,
    DOLLARS,
    INT,
    MONTHS,
    TIN,
    Dictionary,
    enum,
)

FILING_STATUS = enum(
    "single",
    "married_filing_jointly",
    "married_filing_separately",
    "head_of_household",
    "qualifying_surviving_spouse",
)
RELATIONSHIP = enum(
    "son", "daughter", "stepchild", "foster_child", "brother", "sister", "half_brother",
    "half_sister", "stepbrother", "stepsister", "grandchild", "niece", "nephew", "parent",
    "grandparent", "stepparent", "aunt", "uncle", "in_law", "other_household_member",
)
FILER = enum("primary", "secondary")


def declare(d: Dictionary) -> None:
    d.writable("/filingStatus", FILING_STATUS, "the filing status you chose")
    # Out-of-scope situations an eligibility question answers, as the catalogue lists them.
    for rule in CATALOGUE.knockouts:
        if rule.question:
            d.writable(rule.when, BOOL, rule.question, placeholder=False)
    for who, you, your, are in (("primaryFiler", "you", "your", "are"),
                                ("secondaryFiler", "your spouse", "your spouse's", "is")):
        d.writable(f"/{who}/tin", TIN, f"{your} SSN or ITIN")
        d.writable(f"/{who}/dateOfBirth", DATE, f"{your} date of birth")
        d.writable(f"/{who}/isBlind", BOOL, f"whether {you} {are} blind", placeholder=False)
        d.writable(f"/{who}/canBeClaimedAsDependent", BOOL,
                   f"whether someone else can claim {you} as a dependent", placeholder=False)
        d.writable(f"/{who}/ssnValidForEmployment", BOOL,
                   f"whether {your} SSN is valid for employment", placeholder=True)
        d.writable(f"/{who}/isEligibleEducator", BOOL,
                   f"whether {you} worked 900+ hours as a K-12 educator", placeholder=False)
        d.writable(f"/{who}/educatorExpenses", DOLLARS,
                   f"{your} unreimbursed classroom expenses", placeholder=0)
    d.writable("/livedWithSpouseAnyTimeInYear", BOOL,
               "whether you lived with your spouse at any time in the year (married filing "
               "separately)", placeholder=False)
    d.writable("/livedApartFromSpouseLast6Months", BOOL,
               "whether you lived apart from your spouse for the last 6 months of the year or "
               "were legally separated (married filing separately)", placeholder=False)
    d.writable("/spouseDeathYear", INT, "year your spouse died (0 if not)", placeholder=0)
    d.writable("/paidOverHalfCostOfHome", BOOL,
               "whether you paid more than half the cost of keeping up your home",
               placeholder=False)
    d.writable("/livedInUsOverHalfYear", BOOL,
               "whether your main home was in the United States for more than half the year",
               placeholder=True)
    d.writable("/studentLoanInterestPaid", DOLLARS, "student loan interest you paid (1098-E)",
               placeholder=0)

    d.writable("/dependents", COLLECTION, "people you listed as dependents", placeholder=())
    dep = "/dependents/*"
    d.writable(f"{dep}/tin", TIN, "the dependent's SSN, ITIN or ATIN")
    d.writable(f"{dep}/dateOfBirth", DATE, "the dependent's date of birth")
    d.writable(f"{dep}/relationship", RELATIONSHIP, "how the dependent is related to you")
    d.writable(f"{dep}/monthsLivedWithFiler", MONTHS, "months the dependent lived with you")
    d.writable(f"{dep}/fullTimeStudent", BOOL, "whether the dependent was a full-time student",
               placeholder=False)
    d.writable(f"{dep}/permanentlyDisabled", BOOL,
               "whether the dependent is permanently and totally disabled", placeholder=False)
    d.writable(f"{dep}/filesJointReturn", BOOL,
               "whether the dependent files a joint return (other than only to claim a refund)",
               placeholder=False)
    d.writable(f"{dep}/providedOverHalfOwnSupport", BOOL,
               "whether the dependent paid more than half of their own support",
               placeholder=False)
    d.writable(f"{dep}/filerProvidedOverHalfSupport", BOOL,
               "whether you paid more than half of the dependent's support (support given only "
               "under a multiple support agreement does not count here)", placeholder=True)
    d.writable(f"{dep}/paidOverHalfCostOfParentsHome", BOOL,
               "whether you paid more than half the cost of keeping up your parent's main home "
               "for the whole year (including a rest home), for a parent who did not live with you",
               placeholder=False)
    d.writable(f"{dep}/grossIncome", DOLLARS, "the dependent's gross income", placeholder=0)
    d.writable(f"{dep}/usCitizenOrResident", BOOL,
               "whether the dependent is a U.S. citizen, national or resident", placeholder=True)
    d.writable(f"{dep}/ssnValidForEmployment", BOOL,
               "whether the dependent's SSN is valid for employment", placeholder=True)

    d.writable("/formW2s", COLLECTION, "your W-2 forms", placeholder=())
    d.writable("/formW2s/*/filer", FILER, "whose W-2 this is", placeholder="primary")
    d.writable("/formW2s/*/wages", DOLLARS, "W-2 box 1 wages")
    d.writable("/formW2s/*/federalWithholding", DOLLARS, "W-2 box 2 federal income tax withheld",
               placeholder=0)
    # Boxes 3 and 5 have no default: an interview must ask them (box 5 decides Form 8959).
    d.writable("/formW2s/*/socialSecurityWages", DOLLARS, "W-2 box 3 social security wages")
    d.writable("/formW2s/*/socialSecurityTax", DOLLARS, "W-2 box 4 social security tax withheld",
               placeholder=0)
    d.writable("/formW2s/*/medicareWages", DOLLARS, "W-2 box 5 Medicare wages and tips")
    d.writable("/formW2s/*/medicareTax", DOLLARS, "W-2 box 6 Medicare tax withheld",
               placeholder=0)

    d.writable("/formsSsa1099", COLLECTION, "your SSA-1099 and RRB-1099 forms", placeholder=())
    d.writable("/formsSsa1099/*/netBenefits", DOLLARS, "SSA-1099 box 5 net benefits")
    d.writable("/formsSsa1099/*/federalWithholding", DOLLARS,
               "SSA-1099 box 6 voluntary federal income tax withheld", placeholder=0)

    d.writable("/forms1099G", COLLECTION, "your 1099-G forms", placeholder=())
    d.writable("/forms1099G/*/unemployment", DOLLARS, "1099-G box 1 unemployment compensation")
    d.writable("/forms1099G/*/federalWithholding", DOLLARS,
               "1099-G box 4 federal income tax withheld", placeholder=0)

    d.writable("/forms1099Int", COLLECTION, "your 1099-INT forms", placeholder=())
    d.writable("/forms1099Int/*/interest", DOLLARS,
               "1099-INT boxes 1 and 3 taxable interest")
    d.writable("/forms1099Int/*/taxExemptInterest", DOLLARS, "1099-INT box 8 tax-exempt interest",
               placeholder=0)
    d.writable("/forms1099Int/*/federalWithholding", DOLLARS,
               "1099-INT box 4 federal income tax withheld", placeholder=0)
