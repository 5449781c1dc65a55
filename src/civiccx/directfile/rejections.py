"""E-file reject codes in plain words, each with the screen where it is fixed (the codes and
their meaning follow IRS Direct File's rejection messages)."""

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
    Rejection("IND-507", _("A dependent on your return has already been claimed on another "
                           "return for this year."),
              _("Check each dependent's name and SSN. If they are right, you can remove the "
                "dependent, or file on paper."), "dependents"),
)}


def rejection(code: str) -> Rejection:
    return REJECTIONS.get(code) or Rejection(code, _("Your return did not pass a check."),
                                             _("Call us for help."), "")
