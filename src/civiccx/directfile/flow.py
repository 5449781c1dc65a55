"""The interview, as data: sections -> subsections -> screens and collection loops.

Nothing here says which screen comes next. The interview (`interview.py`) walks this order
and shows a screen when its condition holds and, for a screen marked ``graph=True``, only when
the fact graph reads one of its answers to decide the refund or the return's scope (its "what
is still needed"). So a question about a dependent's schooling appears only for a dependent of
an age where schooling matters, and the EITC questions only when the credit is in reach.

Field kinds are listed in `questions.py`. Paths follow the tax engine's (`/formW2s/*/wages`);
paths the engine does not know (names, addresses, signing) are the interview's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from civiccx.directfile.conditions import All, Condition, Positive, Yes, is_

MFJ = "married_filing_jointly"
MFS = "married_filing_separately"
HOH = "head_of_household"
QSS = "qualifying_surviving_spouse"
SINGLE = "single"

JOINT = is_("/filingStatus", MFJ)
MARRIED = is_("/filingStatus", MFJ, MFS)


@dataclass(frozen=True)
class Field:
    path: str
    kind: str
    label: object
    hint: object = ""
    options: tuple = ()
    required: bool = True
    when: Condition | None = None


@dataclass(frozen=True)
class Screen:
    key: str
    title: object
    fields: tuple[Field, ...] = ()
    intro: object = ""
    when: Condition | None = None
    graph: bool = False
    kind: str = "question"  # question | amount | review | print_and_mail | submit


@dataclass(frozen=True)
class Loop:
    key: str
    collection: str
    done: str
    title: object
    intro: object
    item_noun: object
    add_label: object
    label_paths: tuple[str, ...]
    screens: tuple[Screen, ...]
    when: Condition | None = None


@dataclass(frozen=True)
class Subsection:
    key: str
    title: object
    items: tuple[Screen | Loop, ...]
    when: Condition | None = None


@dataclass(frozen=True)
class Section:
    key: str
    title: object
    subsections: tuple[Subsection, ...]
    badge_paths: tuple[str, ...] = field(default_factory=tuple)


def yes_no(path, label, hint="", when=None):
    return Field(path, "yesno", label, hint, when=when)


def money(path, label, hint="", required=True, when=None):
    return Field(path, "money", label, hint, required=required, when=when)


RELATIONSHIPS = (
    ("son", pgettext_lazy("relationship", "Son")),
    ("daughter", pgettext_lazy("relationship", "Daughter")),
    ("stepchild", pgettext_lazy("relationship", "Stepchild")),
    ("foster_child", pgettext_lazy("relationship", "Foster child")),
    ("grandchild", pgettext_lazy("relationship", "Grandchild")),
    ("brother", pgettext_lazy("relationship", "Brother")),
    ("sister", pgettext_lazy("relationship", "Sister")),
    ("half_brother", pgettext_lazy("relationship", "Half brother")),
    ("half_sister", pgettext_lazy("relationship", "Half sister")),
    ("stepbrother", pgettext_lazy("relationship", "Stepbrother")),
    ("stepsister", pgettext_lazy("relationship", "Stepsister")),
    ("niece", pgettext_lazy("relationship", "Niece")),
    ("nephew", pgettext_lazy("relationship", "Nephew")),
    ("parent", pgettext_lazy("relationship", "Parent")),
    ("grandparent", pgettext_lazy("relationship", "Grandparent")),
    ("stepparent", pgettext_lazy("relationship", "Stepparent")),
    ("aunt", pgettext_lazy("relationship", "Aunt")),
    ("uncle", pgettext_lazy("relationship", "Uncle")),
    ("in_law", pgettext_lazy("relationship", "In-law")),
    ("other_household_member", pgettext_lazy("relationship",
                                             "Someone else who lived with you all year")),
)
FILING_STATUSES = (
    (SINGLE, _("Single")),
    (MFJ, _("Married filing jointly")),
    (MFS, _("Married filing separately")),
    (HOH, _("Head of household")),
    (QSS, _("Qualifying surviving spouse")),
)
WHOSE = (("primary", _("Mine")), ("secondary", _("My spouse's")))

OUT_OF_SCOPE_INCOME = (
    ("/hasBusinessIncome", _("Self-employment, gig or business income")),
    ("/hasForm1099Nec", _("A 1099-NEC for nonemployee compensation")),
    ("/hasRentalIncome", _("Rental or royalty income")),
    ("/hasForm1099Div", _("Dividends (1099-DIV)")),
    ("/hasForm1099B", _("Sales of stocks, bonds or property (1099-B)")),
    ("/hasDigitalAssets", _("Digital assets such as cryptocurrency")),
    ("/hasForm1099R", _("A pension, annuity or IRA distribution (1099-R)")),
    ("/hasForeignEarnedIncome", _("Foreign earned income")),
    ("/hasUnreportedTips", _("Tips you did not report to your employer")),
)


def _filer_screens(who: str, you: str) -> tuple[Screen, ...]:
    """The questions asked of the primary filer and (on a married return) the spouse."""
    spouse = who == "secondaryFiler"
    base = f"/{who}"
    when = MARRIED if spouse else None
    return (
        Screen(f"{you}-name", _("Your spouse's name") if spouse else _("Your name"), (
            Field(f"{base}/firstName", "name", _("First name")),
            Field(f"{base}/lastName", "name", _("Last name")),
        ), intro=_("Enter the name exactly as it is on the Social Security card."), when=when),
        Screen(f"{you}-ssn", _("Your spouse's Social Security number")
               if spouse else _("Your Social Security number"), (
            Field(f"{base}/tin", "tin", _("Social Security number or ITIN"),
                  _("9 digits, for example 123-45-6789")),
        ), when=when),
        Screen(f"{you}-birth-date", _("Your spouse's date of birth")
               if spouse else _("Your date of birth"), (
            Field(f"{base}/dateOfBirth", "date", _("Date of birth"),
                  _("For example: January 19 2000")),
        ), when=JOINT if spouse else None),
        Screen(f"{you}-blind", _("Is your spouse blind?") if spouse else _("Are you blind?"), (
            yes_no(f"{base}/isBlind", _("Blind at the end of the year"),
                   _("Totally or partly blind, as certified by an eye doctor. A blind filer "
                     "gets a higher standard deduction.")),
        ), when=JOINT if spouse else None, graph=True),
        Screen(f"{you}-claimed", _("Can someone claim your spouse as a dependent?")
               if spouse else _("Can someone claim you as a dependent?"), (
            yes_no(f"{base}/canBeClaimedAsDependent", _("Someone else can claim this person"),
                   _("For example a parent, if you are a student who lived at home.")),
        ), when=JOINT if spouse else None, graph=True),
    )


ABOUT_YOU = Subsection("about-you", _("About you"), (
    *_filer_screens("primaryFiler", "your"),
    Screen("your-address", _("Your address"), (
        Field("/address/street", "text", _("Street address")),
        Field("/address/apartment", "text", _("Apartment or unit"), required=False),
        Field("/address/city", "text", _("City")),
        Field("/address/state", "state", _("State"),
              _("Direct File is available to people who lived all year in a participating "
                "state.")),
        Field("/address/zip", "zip", _("ZIP code")),
    )),
    Screen("your-residency", _("Were you a nonresident alien in {year}?"), (
        yes_no("/wasNonresidentAlien", _("I was a nonresident alien"),
               _("Most people answer No. A nonresident alien files Form 1040-NR.")),
    )),
    Screen("your-contact", _("How can we reach you about your return?"), (
        Field("/contact/email", "email", _("Email address"), required=False),
        Field("/contact/phone", "phone", _("Mobile phone number"), required=False),
        Field("/contact/updatesByEmail", "consent",
              _("Email me when my return's status changes"), required=False),
        Field("/contact/updatesByText", "consent",
              _("Text me when my return's status changes"), required=False),
    ), intro=_("We send your submission number and each change of status. We never ask for "
               "a password, a PIN or bank details by email or text.")),
))

FILING_STATUS = Subsection("filing-status", _("Filing status"), (
    Screen("filing-status", _("Which filing status fits you?"), (
        Field("/filingStatus", "choice", _("Filing status"),
              _("Married on December 31: married filing jointly or separately. Unmarried and "
                "paid most of the cost of a home for a child or relative: head of household."),
              options=FILING_STATUSES),
    )),
    Screen("spouse-death-year", _("In which year did your spouse die?"), (
        Field("/spouseDeathYear", "year", _("Year of your spouse's death")),
    ), when=is_("/filingStatus", QSS), graph=True),
    Screen("home-cost", _("Did you pay more than half the cost of keeping up your home?"), (
        yes_no("/paidOverHalfCostOfHome", _("I paid more than half the cost of my home"),
               _("Rent or mortgage interest, property tax, utilities, repairs and food eaten "
                 "at home.")),
    ), graph=True),
    Screen("lived-with-spouse", _("Did you live with your spouse during the year?"), (
        yes_no("/livedWithSpouseAnyTimeInYear",
               _("I lived with my spouse at some time during the year")),
    ), when=is_("/filingStatus", MFS), graph=True),
    Screen("lived-apart", _("Did you live apart from your spouse for the last 6 months?"), (
        yes_no("/livedApartFromSpouseLast6Months",
               _("I lived apart from my spouse for the last 6 months of the year, or we were "
                 "legally separated")),
    ), when=is_("/filingStatus", MFS), graph=True),
    Screen("spouse-itemizes", _("Does your spouse itemize deductions?"), (
        yes_no("/spouseItemizes", _("My spouse itemizes deductions on a separate return")),
    ), when=is_("/filingStatus", MFS)),
))

SPOUSE = Subsection("spouse", _("Your spouse"), _filer_screens("secondaryFiler", "spouse"),
                    when=MARRIED)

DEPENDENT = "/dependents/*"
DEPENDENTS = Subsection("dependents", _("Dependents"), (
    Loop("dependents", "/dependents", "/dependentsDone", _("Dependents"),
         _("List each child or relative you support who lived with you or whom you claim. "
           "Direct File works out who qualifies for which credit."),
         _("dependent"), _("Add a dependent"),
         (f"{DEPENDENT}/firstName", f"{DEPENDENT}/lastName"), (
        Screen("dependent-name", _("The dependent's name"), (
            Field(f"{DEPENDENT}/firstName", "name", _("First name")),
            Field(f"{DEPENDENT}/lastName", "name", _("Last name")),
        )),
        Screen("dependent-relationship", _("How is this person related to you?"), (
            Field(f"{DEPENDENT}/relationship", "select", _("Relationship"),
                  options=RELATIONSHIPS),
        )),
        Screen("dependent-birth-date", _("The dependent's date of birth"), (
            Field(f"{DEPENDENT}/dateOfBirth", "date", _("Date of birth"),
                  _("For example: January 19 2015")),
        )),
        Screen("dependent-ssn", _("The dependent's Social Security number"), (
            Field(f"{DEPENDENT}/tin", "tin", _("SSN, ITIN or ATIN"),
                  _("9 digits, for example 123-45-6789")),
        )),
        Screen("dependent-months", _("How many months did this person live with you?"), (
            Field(f"{DEPENDENT}/monthsLivedWithFiler", "months", _("Months lived with you"),
                  _("A number from 0 to 12. Count a month when they lived with you more than "
                    "half of it; time away at school counts as time with you.")),
        )),
        Screen("dependent-student", _("Was this person a full-time student?"), (
            yes_no(f"{DEPENDENT}/fullTimeStudent",
                   _("Full-time student for some part of at least 5 months of the year")),
        ), graph=True),
        Screen("dependent-disabled", _("Is this person permanently and totally disabled?"), (
            yes_no(f"{DEPENDENT}/permanentlyDisabled", _("Permanently and totally disabled")),
        ), graph=True),
        Screen("dependent-joint-return", _("Does this person file a joint return?"), (
            yes_no(f"{DEPENDENT}/filesJointReturn",
                   _("Files a joint return for the year (not only to claim a refund)")),
        ), graph=True),
        Screen("dependent-own-support", _("Did this person pay for more than half of their "
                                          "own support?"), (
            yes_no(f"{DEPENDENT}/providedOverHalfOwnSupport",
                   _("Paid more than half of their own support")),
        ), graph=True),
        Screen("dependent-your-support", _("Did you pay for more than half of this person's "
                                           "support?"), (
            yes_no(f"{DEPENDENT}/filerProvidedOverHalfSupport",
                   _("I paid more than half of their support")),
        ), graph=True),
        Screen("dependent-income", _("This person's gross income"), (
            money(f"{DEPENDENT}/grossIncome", _("Gross income for the year"),
                  _("Money, goods and services they received that are not tax-exempt. Enter 0 "
                    "if none.")),
        ), graph=True),
        Screen("dependent-citizenship", _("Is this person a U.S. citizen or resident?"), (
            yes_no(f"{DEPENDENT}/usCitizenOrResident",
                   _("U.S. citizen, U.S. national, or resident of the U.S., Canada or "
                     "Mexico")),
        ), graph=True),
        Screen("dependent-ssn-valid", _("Is this person's SSN valid for work?"), (
            yes_no(f"{DEPENDENT}/ssnValidForEmployment",
                   _("The Social Security card does not say \"Not valid for employment\"")),
        ), graph=True),
        Screen("dependent-parent-home", _("Did you pay for your parent's home?"), (
            yes_no(f"{DEPENDENT}/paidOverHalfCostOfParentsHome",
                   _("I paid more than half the cost of keeping up my parent's main home for "
                     "the whole year")),
        ), graph=True),
    )),
))

INCOME_SOURCES = Subsection("income-sources", _("Kinds of income"), (
    Screen("income-sources", _("Did you have any of these kinds of income in {year}?"), (
        Field("/outOfScopeIncome", "flags", _("Check all that apply. Leave all unchecked if "
                                              "you had none of them."),
              options=OUT_OF_SCOPE_INCOME, required=False),
    ), intro=_("Direct File covers wages (W-2), Social Security, unemployment and interest. "
               "It cannot prepare a return with the kinds of income below.")),
))

W2 = "/formW2s/*"
JOBS = Subsection("jobs", _("Jobs (W-2)"), (
    Loop("w2s", "/formW2s", "/formW2sDone", _("Jobs (W-2)"),
         _("Add each Form W-2 you received for {year}. Copy the boxes as they are printed."),
         _("W-2"), _("Add a W-2"), (f"{W2}/employerName",), (
        Screen("w2-whose", _("Whose W-2 is this?"), (
            Field(f"{W2}/filer", "choice", _("This W-2 is"), options=WHOSE),
        ), when=JOINT),
        Screen("w2-employer", _("The employer"), (
            Field(f"{W2}/employerName", "text", _("Employer's name (box c)")),
            Field(f"{W2}/ein", "ein", _("Employer identification number, EIN (box b)"),
                  _("9 digits, for example 12-3456789")),
        )),
        Screen("w2-boxes", _("Wages and taxes withheld"), (
            money(f"{W2}/wages", _("Box 1: Wages, tips, other compensation")),
            money(f"{W2}/federalWithholding", _("Box 2: Federal income tax withheld")),
            money(f"{W2}/socialSecurityWages", _("Box 3: Social security wages")),
            money(f"{W2}/socialSecurityTax", _("Box 4: Social security tax withheld")),
            money(f"{W2}/medicareWages", _("Box 5: Medicare wages and tips")),
            money(f"{W2}/medicareTax", _("Box 6: Medicare tax withheld")),
        ), intro=_("Enter 0 for a box that is empty.")),
    )),
))

INT = "/forms1099Int/*"
INTEREST = Subsection("interest", _("Interest (1099-INT)"), (
    Loop("interest", "/forms1099Int", "/forms1099IntDone", _("Interest (1099-INT)"),
         _("Add each Form 1099-INT you received from a bank or credit union."),
         _("1099-INT"), _("Add a 1099-INT"), (f"{INT}/payerName",), (
        Screen("interest-form", _("Interest from this payer"), (
            Field(f"{INT}/payerName", "text", _("Payer's name")),
            money(f"{INT}/interest", _("Box 1 plus box 3: Taxable interest")),
            money(f"{INT}/taxExemptInterest", _("Box 8: Tax-exempt interest")),
            money(f"{INT}/federalWithholding", _("Box 4: Federal income tax withheld")),
        ), intro=_("Enter 0 for a box that is empty.")),
    )),
))

SSA = "/formsSsa1099/*"
SOCIAL_SECURITY = Subsection("social-security", _("Social Security (SSA-1099)"), (
    Loop("social-security", "/formsSsa1099", "/formsSsa1099Done",
         _("Social Security (SSA-1099)"),
         _("Add each SSA-1099 or RRB-1099 for Social Security or railroad retirement "
           "benefits."),
         _("SSA-1099"), _("Add an SSA-1099"), (f"{SSA}/filer",), (
        Screen("ssa-whose", _("Whose SSA-1099 is this?"), (
            Field(f"{SSA}/filer", "choice", _("This SSA-1099 is"), options=WHOSE),
        ), when=JOINT),
        Screen("ssa-form", _("Benefits and tax withheld"), (
            money(f"{SSA}/netBenefits", _("Box 5: Net benefits")),
            money(f"{SSA}/federalWithholding", _("Box 6: Voluntary federal income tax "
                                                 "withheld")),
        )),
    )),
))

G = "/forms1099G/*"
UNEMPLOYMENT = Subsection("unemployment", _("Unemployment (1099-G)"), (
    Loop("unemployment", "/forms1099G", "/forms1099GDone", _("Unemployment (1099-G)"),
         _("Add each Form 1099-G for unemployment compensation."),
         _("1099-G"), _("Add a 1099-G"), (f"{G}/payerName",), (
        Screen("unemployment-form", _("Unemployment compensation"), (
            Field(f"{G}/payerName", "text", _("Payer's name (the state agency)")),
            money(f"{G}/unemployment", _("Box 1: Unemployment compensation")),
            money(f"{G}/federalWithholding", _("Box 4: Federal income tax withheld")),
        )),
    )),
))


def _educator(who, spouse):
    base = f"/{who}"
    when = JOINT if spouse else None
    return (
        Screen(f"{'spouse' if spouse else 'your'}-educator",
               _("Was your spouse a K-12 educator?") if spouse else _("Were you a K-12 "
                                                                       "educator?"), (
            yes_no(f"{base}/isEligibleEducator",
                   _("Teacher, instructor, counselor, principal or aide in kindergarten through "
                     "grade 12, for at least 900 hours in the school year")),
        ), when=when, graph=True),
        Screen(f"{'spouse' if spouse else 'your'}-educator-expenses",
               _("Classroom expenses you paid"), (
            money(f"{base}/educatorExpenses", _("Unreimbursed classroom expenses"),
                  _("Books, supplies and equipment you paid for. Up to $300 counts.")),
        ), when=when, graph=True),
    )


DEDUCTIONS = Subsection("deductions", _("Deductions"), (
    Screen("itemize", _("Do you want to itemize deductions?"), (
        yes_no("/wantsToItemize", _("I want to itemize deductions instead of taking the "
                                    "standard deduction"),
               _("Most people take the standard deduction. Direct File only takes the "
                 "standard deduction.")),
    )),
    Screen("student-loan-interest", _("Student loan interest you paid"), (
        money("/studentLoanInterestPaid", _("Student loan interest (Form 1098-E, box 1)"),
              _("Enter 0 if you paid none.")),
    ), graph=True),
    *_educator("primaryFiler", False),
    *_educator("secondaryFiler", True),
    Screen("hsa", _("Did you have a health savings account (HSA)?"), (
        yes_no("/hasHsa", _("I (or my spouse) had a health savings account")),
    )),
))

CREDITS = Subsection("credits", _("Credits"), (
    Screen("your-ssn-valid", _("Is your Social Security number valid for work?"), (
        yes_no("/primaryFiler/ssnValidForEmployment",
               _("My Social Security card does not say \"Not valid for employment\"")),
    ), graph=True),
    Screen("spouse-ssn-valid", _("Is your spouse's Social Security number valid for work?"), (
        yes_no("/secondaryFiler/ssnValidForEmployment",
               _("My spouse's Social Security card does not say \"Not valid for "
                 "employment\"")),
    ), graph=True, when=JOINT),
    Screen("lived-in-us", _("Was your main home in the United States?"), (
        yes_no("/livedInUsOverHalfYear",
               _("My main home was in the United States for more than half the year")),
    ), graph=True),
    Screen("marketplace", _("Did you have health insurance from the Marketplace?"), (
        yes_no("/hadMarketplaceCoverage",
               _("I or someone on my return had Marketplace coverage (Form 1095-A)")),
    )),
    Screen("other-credits", _("Do you want to claim another credit?"), (
        yes_no("/wantsOtherCredits",
               _("I want a credit for child care, education, energy or another credit not "
                 "listed here")),
        ), intro=_("Direct File figures the earned income tax credit, the child tax credit and "
                   "the credit for other dependents from your answers.")),
))

PAYMENTS = Subsection("payments", _("Payments"), (
    Screen("estimated-payments", _("Did you make estimated tax payments for {year}?"), (
        yes_no("/madeEstimatedTaxPayments",
               _("I made estimated tax payments or applied last year's refund to {year}")),
    )),
))

ACCOUNT_TYPES = (("checking", _("Checking")), ("savings", _("Savings")))
AMOUNT = Subsection("amount", _("Your refund or amount owed"), (
    Screen("refund", _("How do you want to get your refund?"), (
        Field("/refundMethod", "choice", _("Refund method"),
              options=(("direct_deposit", _("Direct deposit to my bank account (fastest)")),
                       ("check", _("A paper check by mail")))),
    ), when=Positive("/refund"), kind="amount"),
    Screen("refund-bank", _("Your bank account for the refund"), (
        Field("/bank/routingNumber", "routing", _("Routing number"),
              _("9 digits, printed at the bottom left of a check")),
        Field("/bank/accountNumber", "account", _("Account number")),
        Field("/bank/accountType", "choice", _("Account type"), options=ACCOUNT_TYPES),
    ), when=All((Positive("/refund"), is_("/refundMethod", "direct_deposit")))),
    Screen("owed", _("How do you want to pay?"), (
        Field("/paymentMethod", "choice", _("Payment method"),
              options=(("bank_debit", _("From my bank account, on a date I choose (free)")),
                       ("pay_later", _("I will pay another way by {due_date}")))),
    ), when=Positive("/amountOwed"), kind="amount"),
    Screen("owed-bank", _("Your bank account for the payment"), (
        Field("/payment/routingNumber", "routing", _("Routing number"),
              _("9 digits, printed at the bottom left of a check")),
        Field("/payment/accountNumber", "account", _("Account number")),
        Field("/payment/accountType", "choice", _("Account type"), options=ACCOUNT_TYPES),
        Field("/payment/date", "paydate", _("Payment date"),
              _("Any date from today to {due_date}")),
    ), when=All((Positive("/amountOwed"), is_("/paymentMethod", "bank_debit")))),
))

SIGN_METHODS = (("agi", _("Last year's adjusted gross income (AGI)")),
                ("pin", _("Last year's self-select PIN")),
                ("cannot_find", _("I can't find my AGI or PIN")))


def _signature(who: str, spouse: bool) -> tuple[Screen, ...]:
    base = f"/signing/{who}"
    joint = JOINT if spouse else None

    def both(condition):
        return All((JOINT, condition)) if spouse else condition

    return (
        Screen(f"sign-{who}-filed-last-year",
               _("Did your spouse file a federal return last year?") if spouse
               else _("Did you file a federal return last year?"), (
            yes_no(f"{base}/filedLastYear", _("Filed a {prior_year} federal return")),
        ), when=joint),
        Screen(f"sign-{who}-identity", _("Confirm identity with last year's return"), (
            Field(f"{base}/method", "choice", _("I will use"), options=SIGN_METHODS),
        ), intro=_("We check this against our records of last year's return, as every e-filed "
                   "return is checked."), when=both(Yes(f"{base}/filedLastYear"))),
        Screen(f"sign-{who}-cannot-find", _("You can file on paper instead"), (),
               intro=_("Without last year's AGI or PIN we cannot check an electronic "
                       "signature. Print your return, sign it and mail it."),
               when=both(All((Yes(f"{base}/filedLastYear"),
                              is_(f"{base}/method", "cannot_find")))),
               kind="print_and_mail"),
        Screen(f"sign-{who}-agi", _("Last year's adjusted gross income"), (
            money(f"{base}/priorYearAgi",
                  _("{prior_year} adjusted gross income (Form 1040 line 11)"),
                  _("From the original {prior_year} return, not an amended one.")),
        ), when=both(All((Yes(f"{base}/filedLastYear"), is_(f"{base}/method", "agi"))))),
        Screen(f"sign-{who}-prior-pin", _("Last year's self-select PIN"), (
            Field(f"{base}/priorYearPin", "pin5", _("{prior_year} self-select PIN"),
                  _("The 5 digits chosen to sign the {prior_year} return")),
        ), when=both(All((Yes(f"{base}/filedLastYear"), is_(f"{base}/method", "pin"))))),
        Screen(f"sign-{who}-ip-pin", _("Identity Protection PIN"), (
            yes_no(f"{base}/hasIpPin", _("Has an Identity Protection PIN (IP PIN) from us")),
            Field(f"{base}/ipPin", "ippin", _("IP PIN"), _("6 digits"),
                  when=Yes(f"{base}/hasIpPin")),
        ), when=joint),
        Screen(f"sign-{who}-pin", _("Your spouse's signature") if spouse
               else _("Your signature"), (
            Field(f"{base}/pin", "pin5", _("Choose a 5-digit self-select PIN for this year"),
                  _("Any 5 digits except 00000. Keep it: you may need it to sign next year.")),
            Field(f"{base}/dateOfBirth", "date", _("Date of birth, to confirm"),
                  _("For example: January 19 2000")),
        ), when=joint),
    )


REVIEW = Subsection("review", _("Review"), (
    Screen("review", _("Review your return"), (), kind="review"),
))
SIGN = Subsection("sign", _("Sign"), (
    *_signature("primary", False),
    *_signature("spouse", True),
    Screen("perjury", _("Sign under penalties of perjury"), (
        Field("/signing/perjuryAgreed", "agree",
              _("I agree: under penalties of perjury, I declare that I have examined this "
                "return and to the best of my knowledge and belief it is true, correct and "
                "complete.")),
    )),
    Screen("submit", _("Submit your return"), (), kind="submit"),
))

FLOW: tuple[Section, ...] = (
    Section("you-and-your-family", _("You and your family"),
            (ABOUT_YOU, FILING_STATUS, SPOUSE, DEPENDENTS)),
    Section("income", _("Income"),
            (INCOME_SOURCES, JOBS, INTEREST, SOCIAL_SECURITY, UNEMPLOYMENT)),
    Section("credits-and-deductions", _("Credits and deductions"), (DEDUCTIONS, CREDITS)),
    Section("your-taxes", _("Your taxes"), (PAYMENTS, AMOUNT)),
    Section("review-and-sign", _("Review and sign"), (REVIEW, SIGN)),
)
