"""Hiring plans: classes sized and timed for training lead time, ramp-up and attrition."""

from datetime import date

import numpy as np
import pytest

from civiccx.staffing.planning.hiring import (
    HiringError,
    HiringSettings,
    budget_tradeoff,
    cheapest_plan_reaching,
    hiring_plan,
    weekly_need,
)

pytestmark = pytest.mark.pure

NO_ATTRITION = HiringSettings(current_staff=10, training_weeks=2, ramp_up=(0.5,),
                              monthly_attrition=0.0, weekly_cost=1000, hire_cost=500)


def test_hand_checked_small_case():
    # Week 2 needs 12 FTE and only a class from week 0 is trained by then, at half speed in its
    # first week on the phones: 4 hires give 10 + 4 × 0.5 = 12, then 14 from week 3.
    plan = hiring_plan([10, 10, 12, 14, 14, 14], NO_ATTRITION)
    assert plan.hires.tolist() == [4, 0, 0, 0, 0, 0]
    assert plan.productive.tolist() == [10, 10, 12, 14, 14, 14]
    assert plan.paid.tolist() == [14] * 6, "trainees are paid from their first day"
    assert plan.cost == 14 * 6 * 1000 + 4 * 500
    assert plan.meets_need().all()
    assert plan.classes(date(2026, 10, 5)) == [{
        "week": 0, "starts": date(2026, 10, 5), "hires": 4, "on_phones": date(2026, 10, 19)}]


def test_hiring_waits_as_long_as_the_lead_time_allows():
    # Need rises in week 5 only: the cheapest class starts in week 2 (2 weeks of training,
    # one week at half speed) rather than paying trainees from week 0.
    plan = hiring_plan([10, 10, 10, 10, 10, 12, 12], NO_ATTRITION)
    assert plan.hires.tolist() == [0, 0, 0, 4, 0, 0, 0] or plan.hires.tolist() == [
        0, 0, 2, 0, 0, 0, 0]
    assert plan.meets_need().all()
    assert plan.hires.sum() <= 4


def test_attrition_is_replaced():
    # 10% of the staff leave each week (monthly attrition chosen so weekly survival is 0.9):
    # 10 trained CSRs become 9, 8.1, 7.29; need stays 10, training takes 1 week, full speed.
    settings = HiringSettings(current_staff=10, training_weeks=1, ramp_up=(),
                              monthly_attrition=1 - 0.9 ** (52 / 12), weekly_cost=1000,
                              hire_cost=0)
    assert settings.weekly_survival == pytest.approx(0.9)
    plan = hiring_plan([10, 10, 10, 10], settings)
    # Staff left: 10, 9, 8.1, 7.29. Week 1: 9 + 0.9·H0 ≥ 10 → H0 = 2. Week 2: 8.1 + 0.81·2
    # + 0.9·H1 ≥ 10 → H1 = 1. Week 3: 7.29 + 0.729·2 + 0.81 + 0.9·H2 ≥ 10 → H2 = 1.
    # (Three in week 0 and none in week 1 also works but pays one trainee for longer.)
    assert plan.hires.tolist() == [2, 1, 1, 0]
    assert plan.productive[1] == pytest.approx(9 + 2 * 0.9)
    assert plan.meets_need()[1:].all()


def test_weeks_no_class_can_reach_are_reported_short():
    plan = hiring_plan([10, 13, 13, 13], NO_ATTRITION)
    assert plan.shortfall.tolist() == [0, 3, 0, 0], "week 1 comes before any class is trained"
    assert plan.meets_need().tolist() == [True, False, True, True]


def test_class_rules_are_respected():
    settings = HiringSettings(current_staff=0, training_weeks=0, ramp_up=(),
                              monthly_attrition=0.0, max_class_size=5, class_every_weeks=2,
                              last_class_week=2)
    plan = hiring_plan([5, 5, 10, 20, 20], settings)
    assert plan.hires.tolist() == [5, 0, 5, 0, 0]
    assert plan.shortfall.tolist() == [0, 0, 0, 10, 10]


def test_smaller_budgets_buy_less_service():
    weeks = 6
    intervals_per_week = 10
    week_of_interval = np.repeat(np.arange(weeks), intervals_per_week)
    calls = np.full(weeks * intervals_per_week, 300.0)
    required = np.full(weeks * intervals_per_week, 60)
    need = weekly_need(required, week_of_interval, 1800, hours_per_fte=5, absence=0,
                       schedule_efficiency=1)
    assert need.tolist() == [60.0] * weeks
    settings = HiringSettings(current_staff=20, training_weeks=1, ramp_up=(),
                              monthly_attrition=0.0, weekly_cost=1000, hire_cost=0)
    full = hiring_plan(need, settings)
    points = budget_tradeoff(need, settings, [full.cost * s for s in (0.4, 0.7, 1.0)],
                             week_of_interval=week_of_interval, calls=calls,
                             aht_seconds=np.full(calls.size, 300.0), required_agents=required,
                             patience_seconds=600, target_seconds=60)
    los = [p.level_of_service for p in points]
    assert los[0] < los[1] < los[2]
    assert [p.hires for p in points] == sorted(p.hires for p in points)
    assert all(p.cost <= p.budget + 1e-6 for p in points)
    assert points[-1].shortfall_fte_weeks == pytest.approx(60 - 20)  # week 0 only


def test_bad_settings_are_named():
    for kwargs, message in [({"monthly_attrition": 1.2}, "attrition"),
                            ({"ramp_up": (0.5, 1.5)}, "ramp-up"),
                            ({"training_weeks": -1}, "training weeks"),
                            ({"current_staff": -3}, "current staff")]:
        with pytest.raises(HiringError, match=message):
            HiringSettings(**kwargs)
    with pytest.raises(HiringError, match="one FTE figure ≥ 0 per week"):
        hiring_plan([3, -1], HiringSettings())


def test_the_cheapest_plan_reaching_a_level_of_service():
    weeks, per_week = 6, 10
    week_of_interval = np.repeat(np.arange(weeks), per_week)
    calls = np.full(weeks * per_week, 300.0)
    required = np.full(weeks * per_week, 60)
    need = np.full(weeks, 60.0)
    settings = HiringSettings(current_staff=20, training_weeks=1, ramp_up=(),
                              monthly_attrition=0.0, weekly_cost=1000, hire_cost=0)
    full = hiring_plan(need, settings)
    base = 20 * 1000 * weeks
    outcome = {"week_of_interval": week_of_interval, "calls": calls,
               "aht_seconds": np.full(calls.size, 300.0), "required_agents": required,
               "patience_seconds": 600, "target_seconds": 60}
    plan, los, sl = cheapest_plan_reaching(need, settings, 0.7, low=base, high=full.cost,
                                           **outcome)
    assert los >= 0.7 > budget_tradeoff(need, settings, [plan.cost - 2000],
                                        **outcome)[0].level_of_service
    assert plan.hires.sum() < full.hires.sum()
    assert cheapest_plan_reaching(need, settings, 0.999, low=base, high=base, **outcome) is None
