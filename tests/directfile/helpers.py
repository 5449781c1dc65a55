"""Shared helpers for Direct File tests: scenarios, a signed-in filer, walking a return."""

from __future__ import annotations

import json

from civiccx.core.fields import blind_index
from civiccx.directfile.models import PriorYearRecord, TaxReturn
from civiccx.directfile.scenarios import walk
from civiccx.taxengine.money import cents

W2_30K = {"wages": "30000.00", "federalWithholding": "2000.00",
          "socialSecurityWages": "30000.00", "socialSecurityTax": "1860.00",
          "medicareWages": "30000.00", "medicareTax": "435.00", "employerName": "Acme Tools"}

SINGLE = {"answers": {"/filingStatus": "single", "/primaryFiler/firstName": "Ana",
                      "/primaryFiler/lastName": "Lopez"},
          "loops": {"w2s": [W2_30K]}}


def hoh_two_children() -> dict:
    return {"answers": {"/filingStatus": "head_of_household", "/paidOverHalfCostOfHome": True,
                        "/primaryFiler/ssnValidForEmployment": True,
                        "/livedInUsOverHalfYear": True},
            "loops": {"w2s": [{**W2_30K, "wages": "24000.00", "socialSecurityWages": "24000.00",
                               "socialSecurityTax": "1488.00", "medicareWages": "24000.00",
                               "medicareTax": "348.00", "federalWithholding": "900.00"}],
                      "dependents": [
                          {"firstName": "Leo", "relationship": "son",
                           "dateOfBirth": "2015-03-02", "monthsLivedWithFiler": 12},
                          {"firstName": "Mia", "relationship": "daughter",
                           "dateOfBirth": "2018-07-09", "monthsLivedWithFiler": 12}]}}


def retired_couple() -> dict:
    return {"answers": {"/filingStatus": "married_filing_jointly",
                        "/primaryFiler/dateOfBirth": "1955-02-01",
                        "/secondaryFiler/dateOfBirth": "1956-06-15"},
            "loops": {"social-security": [{"filer": "primary", "netBenefits": "21000.00",
                                           "federalWithholding": "500.00"},
                                          {"filer": "secondary", "netBenefits": "14000.00",
                                           "federalWithholding": "0.00"}],
                      "interest": [{"payerName": "First Bank", "interest": "900.00"}]}}


def make_return(owner, scenario: dict, year: int = 2024, **fields) -> TaxReturn:
    w = walk(scenario, year)
    return TaxReturn.objects.create(owner=owner, tax_year=year,
                                    answers_json=json.dumps(w.answers), **fields)


def prior_year(tin: str, dob: str, agi: str, pin: str = "", ip_pin: str = "",
               year: int = 2023) -> PriorYearRecord:
    return PriorYearRecord.objects.create(tax_year=year, tin_index=blind_index(tin), tin=tin,
                                          date_of_birth=dob, agi_cents=cents(agi),
                                          self_select_pin=pin, ip_pin=ip_pin)
