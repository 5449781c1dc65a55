"""E-file reject codes in plain words, each with the screen where it is fixed.

The codes are the IRS Modernized e-File (MeF) business rule numbers (Publication 4164 and the
Form 1040 business rules; IRS Direct File's `rejectionConstants.ts` fixes the IND- ones on the
same screens): IND-031-04 / IND-032-04 prior-year AGI or self-select PIN, IND-180-01 to
IND-183-01 IP PIN, IND-524 / F1040-526-03 date of birth, R0000-503-02 / R0000-504-02 a filer's
SSN already on an accepted return, IND-507-01 a dependent already claimed. MeF has no single
rule for "the return's math": it checks each line with its own rule, so the engine's re-check
carries our own code, CX-MATH-01.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Rejection:
    code: str
    text: object
    fix: object
    screen: str


REJECTIONS = {r.code: r for r in (
    Rejection("IND-031-04",
              _("Last year's adjusted gross income (AGI) or self-select PIN you entered does "
                "not match our records."),
              _("Enter the AGI from line 11 of your original return for last year, or last "
                "year's PIN. If you did not file last year, answer No."),
              "sign-primary-filed-last-year"),
    Rejection("IND-032-04",
              _("Your spouse's AGI or self-select PIN from last year does not match our "
                "records."),
              _("Enter the AGI or PIN from your spouse's original return for last year."),
              "sign-spouse-filed-last-year"),
    Rejection("IND-524", _("Your date of birth does not match our records."),
              _("Check your date of birth. It must match your Social Security records."),
              "your-birth-date"),
    Rejection("F1040-526-03", _("Your spouse's date of birth does not match our records."),
              _("Check your spouse's date of birth."), "spouse-birth-date"),
    Rejection("IND-180-01", _("The Identity Protection PIN (IP PIN) you entered does not "
                              "match our records."),
              _("Enter this year's 6-digit IP PIN from our letter or your online account."),
              "sign-primary-ip-pin"),
    Rejection("IND-181-01", _("Our records show you have an Identity Protection PIN (IP PIN), "
                              "but none was entered."),
              _("Answer Yes and enter your 6-digit IP PIN."), "sign-primary-ip-pin"),
    Rejection("IND-182-01", _("The IP PIN entered for your spouse does not match our "
                              "records."),
              _("Enter your spouse's 6-digit IP PIN."), "sign-spouse-ip-pin"),
    Rejection("IND-183-01", _("Our records show your spouse has an IP PIN, but none was "
                              "entered."),
              _("Answer Yes and enter your spouse's 6-digit IP PIN."), "sign-spouse-ip-pin"),
    Rejection("IND-507-01", _("A dependent on your return has already been claimed on "
                              "another return for this year."),
              _("Check each dependent's name and SSN. If they are right, you can remove the "
                "dependent, or file on paper."), "dependents"),
    Rejection("R0000-503-02", _("A return for your Social Security number was already "
                                "accepted for this year."),
              _("Check your SSN. If it is right, someone may have filed using it: file on "
                "paper and call us."), "your-ssn"),
    Rejection("R0000-504-02", _("A return for your spouse's Social Security number was "
                                "already accepted for this year."),
              _("Check your spouse's SSN. If it is right, your spouse may already have "
                "filed: file separately or on paper."), "spouse-ssn"),
    Rejection("CX-MATH-01", _("The amounts sent with your return do not match our "
                              "calculation."),
              _("Open your return's review page and submit it again; we will recalculate "
                "every line."), "review"),
)}


def rejection(code: str) -> Rejection:
    return REJECTIONS.get(code) or Rejection(code, _("Your return did not pass a check."),
                                             _("Call us for help."), "")
