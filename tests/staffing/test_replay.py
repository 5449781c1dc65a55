"""A scheduled week replayed through the simulator lands near Erlang A's prediction."""

import numpy as np
import pytest

from civiccx.staffing.planning.replay import agents_on_phones, replay_week
from civiccx.staffing.planning.scheduling import ScheduleRules, make_schedule
from civiccx.staffing.queueing.plan import Forecast, PlanSettings, staffing_plan

pytestmark = pytest.mark.pure

SHRINKAGE, PATIENCE, TARGET = 0.15, 600.0, 120.0


@pytest.fixture(scope="module")
def week():
    t = np.arange(48)
    day = np.where((t >= 14) & (t < 38), 0.55 + 0.45 * np.exp(-((t - 21) / 5) ** 2), 0)
    calls = np.outer((1.2, 1.05, 1.0, 0.95, 0.85, 0, 0), day) * 400
    aht = np.full(calls.shape, 540.0)
    plan = staffing_plan(Forecast([str(i) for i in range(calls.size)], calls.ravel(),
                                  aht.ravel()),
                         PlanSettings(target_service_level=0.8, target_seconds=TARGET,
                                      shrinkage=SHRINKAGE, max_occupancy=0.95,
                                      model="erlang-a", patience_seconds=PATIENCE))
    requirement = plan.columns["scheduled_agents"].reshape(calls.shape)
    schedule = make_schedule(requirement, ScheduleRules(time_limit_seconds=30))
    return calls, aht, schedule


def test_simulated_week_lands_within_erlangs_tolerance(week):
    calls, aht, schedule = week
    assert schedule.short_intervals() == []
    check = replay_week(schedule.coverage, calls, aht, shrinkage=SHRINKAGE,
                        patience_seconds=PATIENCE, target_seconds=TARGET, replications=4)
    assert [d.day for d in check.days] == [0, 1, 2, 3, 4], "closed days are not simulated"
    sim, erlang = check.simulated, check.erlang
    assert sim.calls == pytest.approx(calls.sum(), rel=0.02)
    # the schedule meets the 80% target in every half-hour, so Erlang A says at least that
    assert erlang.service_level >= 0.8
    # queues carry over between half-hours, which Erlang A ignores: allow a few points
    assert sim.service_level == pytest.approx(erlang.service_level, abs=0.05)
    assert sim.abandonment == pytest.approx(erlang.abandonment, abs=0.02)
    assert sim.level_of_service == pytest.approx(erlang.level_of_service, abs=0.02)
    assert sim.service_level_low <= sim.service_level <= sim.service_level_high
    assert sim.asa_low <= sim.asa_seconds <= sim.asa_high
    assert sim.wait_p90_seconds >= sim.asa_seconds


def test_fewer_people_on_the_phones_show_in_both(week):
    calls, aht, schedule = week
    thin = replay_week(schedule.coverage * 0.8, calls, aht, shrinkage=SHRINKAGE,
                       patience_seconds=PATIENCE, target_seconds=TARGET, replications=2)
    full = replay_week(schedule.coverage, calls, aht, shrinkage=SHRINKAGE,
                       patience_seconds=PATIENCE, target_seconds=TARGET, replications=2)
    assert thin.simulated.abandonment > full.simulated.abandonment
    assert thin.erlang.service_level < full.erlang.service_level


def test_agents_on_phones_rounds_down_after_shrinkage():
    assert agents_on_phones([[10, 7, 0]], 0.3).tolist() == [[7, 4, 0]]
    with pytest.raises(ValueError, match="shrinkage"):
        agents_on_phones([[1]], 1.0)
