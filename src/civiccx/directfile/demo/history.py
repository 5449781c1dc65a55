"""The demo agency's two past filing seasons (tax years 2023 and 2024) as counts from outside
the database: each season simulated (`season_scale`), recomputed with the batch engine, and
stored through the metrics API as reported counts (`ExternalCount`), so the statistics page
compares two real seasons. The 2024 season is shown mid-processing: part of its last week is
not yet decided."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from civiccx.directfile.season import CHANNEL, SERVICE
from civiccx.directfile.season_scale import COUNTS, REJECT_CODES, STATES, compute, simulate
from civiccx.metrics.models import ExternalCount
from civiccx.metrics.rollups import CellKey, record_external_counts
from civiccx.services.models import Service

SOURCE = "demo: simulated Direct File seasons (civiccx directfile season)"
SEASONS = {2023: 24_000, 2024: 30_000}  # returns per season
UNDECIDED_LAST_WEEK = 0.45  # the share of the 2024 season's last week still waiting


def _quarter(service_id: int, tax_year: int, week: int) -> CellKey:
    from civiccx.metrics.rollups import quarter_of

    day = date(tax_year + 1, 1, 1) + timedelta(days=7 * (max(week, 1) - 1) + 3)
    at = timezone.make_aware(datetime.combine(day, time(12)))
    return CellKey(service_id, CHANNEL, quarter_of(at), "en")


def season_cells(service_id: int, tax_year: int, returns: int, seed: int,
                 waiting: float = 0.0) -> list:
    with tempfile.TemporaryDirectory() as root:
        simulate(root, returns, seed=seed, tax_year=tax_year, part_rows=10_000)
        totals, _n = compute(root)
    col = {name: i for i, name in enumerate(COUNTS)}
    p = f"df{tax_year}:"
    rows = []
    weeks = [w for w in range(len(totals.weeks)) if totals.weeks[w].any()]
    for w in weeks:
        c = totals.weeks[w]
        received = int(c[col["received"]] - c[col["out_of_scope"]])  # knocked out: not filed
        keep = 1 - waiting if w == weeks[-1] else 1.0
        accepted, rejected = round(c[col["accepted"]] * keep), round(c[col["rejected"]] * keep)
        refunds, cents = round(c[col["refunds"]] * keep), round(c[col["refund_cents"]] * keep)
        owing, owed = round(c[col["owing"]] * keep), round(c[col["owed_cents"]] * keep)
        key = _quarter(service_id, tax_year, w)
        rows += [(key, f"{p}received", {"c1": received, "c2": received}),
                 (key, f"{p}decided", {"c1": accepted + rejected, "c2": accepted,
                                       "c3": rejected}),
                 (key, f"{p}refund", {"c0": refunds, "c1": refunds, "c2": cents,
                                      "c3": refunds, "c4": cents}),
                 (key, f"{p}owed", {"c1": owing, "c2": owed}),
                 (key, f"{p}week:{w:02d}", {"c1": received, "c2": accepted, "c3": rejected,
                                            "c4": refunds, "c5": cents})]
    mid = _quarter(service_id, tax_year, 8)
    for i, state in enumerate(STATES):
        c = totals.states[i]
        if c.any():
            rows.append((mid, f"{p}state:{state}", {
                "c1": int(c[col["received"]] - c[col["out_of_scope"]]),
                "c2": int(c[col["accepted"]]), "c3": int(c[col["rejected"]]),
                "c4": int(c[col["refunds"]]), "c5": int(c[col["refund_cents"]])}))
    for code, n in zip(REJECT_CODES, totals.reject_codes, strict=True):
        if code and n:
            rows.append((mid, f"{p}reject:{code}", {"c1": int(n)}))
    return rows


# The pilot's published funnel (IR-2024-122: 3.3 million used the eligibility checker, 423,450
# signed in, 140,803 returns accepted), per accepted return; the checker's finish rate, the
# submit rate and the sections completed are the demo's own assumptions.
FUNNEL_PER_ACCEPTED = {"checker_started": 23.4, "checker_eligible": 9.5,
                       "checker_not_eligible": 9.3, "return_started": 3.0, "submitted": 1.04}
# Of the people the checker found out of scope, the share with each reason (the demo's own
# assumption; a person may have several, so they add up to more than 1).
REASONS_PER_OUT_OF_SCOPE = {"state": 0.46, "business-income": 0.21, "itemized-deductions": 0.15,
                            "retirement-income": 0.13, "other-credits": 0.11,
                            "capital-gains": 0.07, "premium-tax-credit": 0.06}
SECTIONS_PER_STARTED = {"you-and-your-family": 0.78, "income": 0.6,
                        "credits-and-deductions": 0.52, "your-taxes": 0.44,
                        "review-and-sign": 0.37}


def funnel_cells(service_id: int, tax_year: int, accepted: int) -> list:
    """The season's funnel cells, for all tax years and for this one (whose checker start is
    not counted: the year is chosen on the checker's first screen)."""
    from civiccx.directfile.season import FUNNEL_PREFIX, funnel_prefix

    key = _quarter(service_id, tax_year, 7)
    started = accepted * FUNNEL_PER_ACCEPTED["return_started"]
    counts = {**{kind: round(accepted * per) for kind, per in FUNNEL_PER_ACCEPTED.items()},
              "accepted": accepted,
              **{f"reason:{code}": round(accepted * FUNNEL_PER_ACCEPTED["checker_not_eligible"]
                                         * share)
                 for code, share in REASONS_PER_OUT_OF_SCOPE.items()},
              **{f"section:{section}": round(started * share)
                 for section, share in SECTIONS_PER_STARTED.items()}}
    rows = []
    for prefix in (FUNNEL_PREFIX, funnel_prefix(tax_year)):
        rows += [(key, f"{prefix}{name}"[:40], {"c1": n}) for name, n in counts.items()
                 if not (prefix != FUNNEL_PREFIX and name == "checker_started")]
    return rows


def seed_history() -> str:
    service = Service.objects.filter(slug=SERVICE).first()
    if service is None or ExternalCount.objects.filter(source=SOURCE).exists():
        return "past seasons already seeded"
    for tax_year, returns in SEASONS.items():
        cells = season_cells(service.pk, tax_year, returns, seed=tax_year,
                             waiting=UNDECIDED_LAST_WEEK if tax_year == 2024 else 0.0)
        accepted = sum(c.get("c2", 0) for _k, metric, c in cells
                       if metric == f"df{tax_year}:decided")
        record_external_counts([*cells, *funnel_cells(service.pk, tax_year, accepted)],
                               source=SOURCE)
    sizes = ", ".join(f"{n:,} returns for {y}" for y, n in SEASONS.items())
    return f"two simulated seasons ({sizes}) in the rollups"
