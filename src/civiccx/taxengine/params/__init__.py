"""Per-year tax parameters, loaded from cited YAML data files (one file per tax year)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from civiccx.taxengine.money import BP, cents, rate_bp

SUPPORTED_YEARS = (2023, 2024)
FILING_STATUSES = (
    "single",
    "married_filing_jointly",
    "married_filing_separately",
    "head_of_household",
    "qualifying_surviving_spouse",
)


@dataclass(frozen=True)
class YearParams:
    """Parameters of one tax year in engine units: cents and basis points."""

    year: int
    raw: dict
    bracket_rates_bp: tuple[int, ...]
    bracket_thresholds: dict[str, tuple[int, ...]]  # cents, per filing status
    standard_deduction: dict[str, int]
    additional_married: int
    additional_unmarried: int
    dependent_minimum: int
    dependent_earned_addition: int
    tax_table_limit: int
    ctc_per_child: int
    odc_per_dependent: int
    actc_per_child: int
    actc_earned_threshold: int
    actc_rate_bp: int
    ctc_phaseout_rate_bp: int
    ctc_phaseout_step: int
    ctc_age_under: int
    actc_three_child_cap: int
    ctc_threshold_joint: int
    ctc_threshold_other: int
    eitc_earned_amount: tuple[int, ...]
    eitc_max: tuple[int, ...]
    eitc_phaseout_base: tuple[int, ...]  # the credit the phase-out reduces (cents)
    eitc_phasein_bp: tuple[int, ...]
    eitc_phaseout_bp: tuple[int, ...]
    eitc_threshold: tuple[int, ...]
    eitc_threshold_joint: tuple[int, ...]
    eitc_completed: tuple[int, ...]
    eitc_completed_joint: tuple[int, ...]
    eitc_investment_limit: int
    eitc_min_age: int
    eitc_max_age: int
    ss_base_joint: int
    ss_base_other: int
    ss_adjusted_joint: int
    ss_adjusted_other: int
    ss_tier_joint: int
    ss_tier_other: int
    sli_max: int
    sli_start_joint: int
    sli_start_other: int
    sli_range_joint: int
    sli_range_other: int
    educator_max: int
    qr_gross_income_limit: int
    taxable_interest_limit: int
    form_8615_threshold: int
    ss_tax_rate_bp: int
    ss_wage_base: int
    medicare_tax_rate_bp: int
    additional_medicare_rate_bp: int
    additional_medicare_withholding_threshold: int
    additional_medicare_threshold: dict[str, int]  # per filing status (Form 8959 line 5)
    niit_threshold: dict[str, int]  # per filing status (Form 8960 line 14)

    @property
    def ss_tax_max(self) -> int:
        """The most Social Security tax one employer withholds: rate x wage base (cents)."""
        return self.ss_wage_base * self.ss_tax_rate_bp // BP

    def source(self, name: str) -> str:
        """The citation written beside a parameter block in the data file."""
        return self.raw[name]["source"]


def _d(x: int) -> int:
    return int(x) * 100


@cache
def load(year: int) -> YearParams:
    """Load and convert one year's parameter file; unsupported years raise ValueError."""
    if year not in SUPPORTED_YEARS:
        raise ValueError(f"tax year {year} is not supported (supported: 2023, 2024)")
    raw = yaml.safe_load((Path(__file__).parent / f"{year}.yaml").read_text())
    br = raw["brackets"]
    ctc = raw["child_tax_credit"]["value"]
    ctcth = raw["child_tax_credit_phaseout_threshold"]["value"]
    e = raw["eitc"]["value"]
    ss = raw["social_security"]["value"]
    sli = raw["student_loan_interest"]["value"]
    add = raw["additional_standard_deduction"]["value"]
    dep = raw["dependent_standard_deduction"]["value"]
    pay = raw["payroll_taxes"]["value"]
    return YearParams(
        year=year,
        raw=raw,
        bracket_rates_bp=tuple(rate_bp(r) for r in br["rates"]),
        bracket_thresholds={k: tuple(_d(v) for v in vs) for k, vs in br["thresholds"].items()},
        standard_deduction={k: _d(v) for k, v in raw["standard_deduction"]["value"].items()},
        additional_married=_d(add["married"]),
        additional_unmarried=_d(add["unmarried"]),
        dependent_minimum=_d(dep["minimum"]),
        dependent_earned_addition=_d(dep["earned_income_addition"]),
        tax_table_limit=_d(raw["tax_table"]["value"]["upper_limit"]),
        ctc_per_child=_d(ctc["per_child"]),
        odc_per_dependent=_d(ctc["per_other_dependent"]),
        actc_per_child=_d(ctc["refundable_per_child"]),
        actc_earned_threshold=_d(ctc["earned_income_threshold"]),
        actc_rate_bp=rate_bp(ctc["refundable_rate"]),
        ctc_phaseout_rate_bp=rate_bp(ctc["phaseout_rate"]),
        ctc_phaseout_step=_d(ctc["phaseout_step"]),
        ctc_age_under=int(ctc["qualifying_child_age_under"]),
        actc_three_child_cap=_d(ctc["three_child_refundable_cap"]),
        ctc_threshold_joint=_d(ctcth["married_filing_jointly"]),
        ctc_threshold_other=_d(ctcth["other"]),
        eitc_earned_amount=tuple(_d(v) for v in e["earned_income_amount"]),
        eitc_max=tuple(_d(v) for v in e["maximum_credit"]),
        eitc_phaseout_base=tuple(cents(v) for v in e["phaseout_starting_credit"]),
        eitc_phasein_bp=tuple(rate_bp(v) for v in e["phasein_rate"]),
        eitc_phaseout_bp=tuple(rate_bp(v) for v in e["phaseout_rate"]),
        eitc_threshold=tuple(_d(v) for v in e["threshold_phaseout"]),
        eitc_threshold_joint=tuple(_d(v) for v in e["threshold_phaseout_joint"]),
        eitc_completed=tuple(_d(v) for v in e["completed_phaseout"]),
        eitc_completed_joint=tuple(_d(v) for v in e["completed_phaseout_joint"]),
        eitc_investment_limit=_d(e["investment_income_limit"]),
        eitc_min_age=int(e["minimum_age_no_child"]),
        eitc_max_age=int(e["maximum_age_no_child"]),
        ss_base_joint=_d(ss["base_amount"]["married_filing_jointly"]),
        ss_base_other=_d(ss["base_amount"]["other"]),
        ss_adjusted_joint=_d(ss["adjusted_base_amount"]["married_filing_jointly"]),
        ss_adjusted_other=_d(ss["adjusted_base_amount"]["other"]),
        ss_tier_joint=_d(ss["second_tier_cap"]["married_filing_jointly"]),
        ss_tier_other=_d(ss["second_tier_cap"]["other"]),
        sli_max=_d(sli["maximum"]),
        sli_start_joint=_d(sli["phaseout_start"]["married_filing_jointly"]),
        sli_start_other=_d(sli["phaseout_start"]["other"]),
        sli_range_joint=_d(sli["phaseout_range"]["married_filing_jointly"]),
        sli_range_other=_d(sli["phaseout_range"]["other"]),
        educator_max=_d(raw["educator_expenses"]["value"]["maximum_per_educator"]),
        qr_gross_income_limit=_d(raw["qualifying_relative"]["value"]["gross_income_limit"]),
        taxable_interest_limit=_d(raw["scope"]["value"]["taxable_interest_limit"]),
        form_8615_threshold=_d(raw["scope"]["value"]["form_8615_unearned_income_threshold"]),
        ss_tax_rate_bp=rate_bp(pay["social_security_rate"]),
        ss_wage_base=_d(pay["social_security_wage_base"]),
        medicare_tax_rate_bp=rate_bp(pay["medicare_rate"]),
        additional_medicare_rate_bp=rate_bp(pay["additional_medicare_rate"]),
        additional_medicare_withholding_threshold=_d(
            pay["additional_medicare_withholding_threshold"]),
        additional_medicare_threshold=_by_status(raw["additional_medicare_tax"]["value"]),
        niit_threshold=_by_status(raw["net_investment_income_tax"]["value"]),
    )


def _by_status(block: dict) -> dict[str, int]:
    """A per-status amount table with an 'other' default, as cents for every filing status."""
    return {s: _d(block.get(s, block["other"])) for s in FILING_STATUSES}
