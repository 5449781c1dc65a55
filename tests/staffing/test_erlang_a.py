import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from civiccx.staffing.queueing import erlang_a, erlang_c

pytestmark = pytest.mark.pure


def state_sum(n, lam, aht, patience):
    """Brute force over the birth–death chain of M/M/n+M (small n only)."""
    mu, theta = 1 / aht, 1 / patience
    log_p = [0.0]
    for k in range(1, n + 4000):
        rate = k * mu if k <= n else n * mu + (k - n) * theta
        log_p.append(log_p[-1] + math.log(lam / rate))
    p = np.exp(np.array(log_p) - max(log_p))
    p /= p.sum()
    x = n * mu / theta
    queue = p[n:]
    j = np.arange(queue.size)
    p_served = x / (x + j + 1)
    wait_if_served = np.array(
        [sum(1 / (n * mu + (i + 1) * theta) for i in range(k + 1)) for k in range(300)]
    )
    p_ab = float((queue * (1 - p_served)).sum())
    asa = float((queue[:300] * p_served[:300] * wait_if_served).sum()) / (1 - p_ab)
    return float(queue.sum()), p_ab, asa


def test_published_check_values_within_one_percent():
    r = erlang_a.erlang_a(agents=50, arrival_rate=5.2, aht=10, patience=5)
    assert float(r.wait_probability) == pytest.approx(0.530, rel=0.01)
    assert float(r.abandon_probability) == pytest.approx(0.0862, rel=0.01)
    assert float(r.mean_wait) == pytest.approx(0.431, rel=0.01)


def test_time_unit_does_not_matter():
    per_minute = erlang_a.erlang_a(50, 5.2, 10, 5, target_time=1)
    per_second = erlang_a.erlang_a(50, 5.2 / 60, 600, 300, target_time=60)
    assert float(per_second.mean_wait) == pytest.approx(60 * float(per_minute.mean_wait))
    assert float(per_second.service_level) == pytest.approx(float(per_minute.service_level))


@pytest.mark.parametrize(
    "n,lam,aht,patience", [(50, 5.2, 10, 5), (20, 1.0, 15, 30), (8, 2.0, 3, 1), (30, 1.0, 20, 2)]
)
def test_matches_the_birth_death_chain(n, lam, aht, patience):
    p_wait, p_ab, asa = state_sum(n, lam, aht, patience)
    r = erlang_a.erlang_a(n, lam, aht, patience)
    assert float(r.wait_probability) == pytest.approx(p_wait, rel=1e-9)
    assert float(r.abandon_probability) == pytest.approx(p_ab, rel=1e-9)
    assert float(r.average_speed_of_answer) == pytest.approx(asa, rel=1e-7)


def test_service_level_integrates_the_offered_wait_density():
    n, lam, aht, patience, t = 50, 5.2, 10.0, 5.0, 0.5
    r = erlang_a.erlang_a(n, lam, aht, patience, target_time=t)
    mu, theta = 1 / aht, 1 / patience
    x, y, term, a_xy = n * mu / theta, lam / theta, 1.0, 1.0
    for k in range(1, 400):
        term *= y / (x + k)
        a_xy += term
    pi_n = float(r.wait_probability) / a_xy

    def density(v):
        return pi_n * n * mu * math.exp(-n * mu * v + lam / theta * (1 - math.exp(-theta * v)))

    answered_after_wait, _ = integrate.quad(lambda v: math.exp(-theta * v) * density(v), 0, t)
    expected = 1 - float(r.wait_probability) + answered_after_wait
    assert float(r.service_level) == pytest.approx(expected, rel=1e-8)


def test_patient_callers_reduce_to_erlang_c():
    r = erlang_a.erlang_a(200, 190 / 600, 600, patience=1e9, target_time=60)
    assert float(r.wait_probability) == pytest.approx(0.365264, abs=1e-6)
    assert float(r.service_level) == pytest.approx(
        float(erlang_c.service_level(200, 190, 600, 60)), rel=1e-6
    )


def test_infinite_patience_is_erlang_c():
    r = erlang_a.erlang_a([200, 180], 190 / 600, 600, patience=np.inf, target_time=60)
    assert r.wait_probability[0] == pytest.approx(0.365264, abs=1e-6)
    assert r.abandon_probability.tolist() == [0.0, 0.0]
    assert r.average_speed_of_answer[1] == np.inf
    n = erlang_a.required_agents(190 / 600, 600, np.inf, target_service_level=0.8)
    assert n == erlang_c.required_agents(190, 600, target_service_level=0.8)


def test_stable_for_thousands_of_agents():
    n = np.array([500, 2000, 8000, 8000])
    lam = np.array([0.98, 1.02, 0.97, 0.5]) * n / 300
    r = erlang_a.erlang_a(n, lam, 300, 180, target_time=30)
    for field in (r.wait_probability, r.abandon_probability, r.service_level, r.occupancy):
        assert np.all(np.isfinite(field)) and np.all((field >= 0) & (field <= 1))
    assert np.all(np.isfinite(r.average_speed_of_answer))
    assert r.wait_probability[3] < 1e-12


def test_no_calls_and_no_agents():
    idle = erlang_a.erlang_a(5, 0.0, 300, 120, 60)
    assert float(idle.service_level) == 1.0 and float(idle.abandon_probability) == 0.0
    nobody = erlang_a.erlang_a(0, 1.0, 300, 120, 60)
    assert float(nobody.abandon_probability) == 1.0


def test_required_agents_is_minimal_and_below_erlang_c():
    lam, aht, patience = np.array([0.2, 1.0, 5.0]), 300.0, 120.0
    n = erlang_a.required_agents(lam, aht, patience, target_service_level=0.8, target_time=60)
    for agents, rate in zip(n, lam, strict=True):
        assert float(erlang_a.erlang_a(agents, rate, aht, patience, 60).service_level) >= 0.8
        assert float(erlang_a.erlang_a(agents - 1, rate, aht, patience, 60).service_level) < 0.8
    c = erlang_c.required_agents(lam * aht, aht, target_service_level=0.8, target_time=60)
    assert np.all(n <= c)


def test_abandonment_target():
    n = int(erlang_a.required_agents(1.0, 300, 120, target_service_level=0.0, max_abandon=0.01))
    assert float(erlang_a.erlang_a(n, 1.0, 300, 120).abandon_probability) <= 0.01
    assert float(erlang_a.erlang_a(n - 1, 1.0, 300, 120).abandon_probability) > 0.01


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        erlang_a.erlang_a(10, 1.0, 300, 0)
    with pytest.raises(ValueError):
        erlang_a.required_agents(1.0, 300, 60, target_service_level=1.0)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 3000),
    utilization=st.floats(0.3, 1.5),
    patience_ratio=st.floats(0.05, 20),
    t=st.floats(0, 600),
)
def test_probabilities_are_consistent(n, utilization, patience_ratio, t):
    aht = 300.0
    lam = utilization * n / aht
    r = erlang_a.erlang_a(n, lam, aht, patience_ratio * aht, target_time=t)
    values = [float(v) for v in (r.wait_probability, r.abandon_probability, r.service_level)]
    assert all(0.0 <= v <= 1.0 for v in values)
    assert float(r.abandon_probability) <= float(r.wait_probability) + 1e-12
    assert float(r.service_level) >= 1 - float(r.wait_probability) - 1e-12
    assert float(r.service_level) <= 1 - float(r.abandon_probability) + 1e-9
    more = erlang_a.erlang_a(n + 1, lam, aht, patience_ratio * aht, target_time=t)
    assert float(more.service_level) >= float(r.service_level) - 1e-9
    assert float(more.abandon_probability) <= float(r.abandon_probability) + 1e-12
