import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civiccx.staffing.queueing import erlang_c

pytestmark = pytest.mark.pure


def erlang_b_recursion(n: int, a: float) -> float:
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return b


def test_published_check_value():
    assert erlang_c.wait_probability(200, 190) == pytest.approx(0.365264, abs=5e-7)


@pytest.mark.parametrize("n,a", [(1, 0.5), (10, 7.3), (200, 190), (1500, 1450.5), (5000, 4000)])
def test_erlang_b_matches_the_textbook_recursion(n, a):
    assert erlang_c.erlang_b(n, a) == pytest.approx(erlang_b_recursion(n, a), rel=1e-10)


def test_no_overflow_for_thousands_of_agents():
    n = np.array([2000, 8000, 20000])
    a = n * 0.97
    c = erlang_c.wait_probability(n, a)
    assert np.all(np.isfinite(c)) and np.all((c > 0) & (c < 1))
    assert erlang_c.erlang_b(100, 10_000) == pytest.approx(erlang_b_recursion(100, 10_000))


def test_unstable_queue_always_waits():
    assert erlang_c.wait_probability(10, 10) == 1.0
    assert erlang_c.service_level(9, 10, 300, 60) == 0.0
    assert erlang_c.average_speed_of_answer(9, 10, 300) == np.inf


def test_service_level_asa_occupancy_formulas():
    n, a, aht, t = 200, 190.0, 600.0, 60.0
    c = 0.3652638565625702
    assert erlang_c.service_level(n, a, aht, t) == pytest.approx(1 - c * np.exp(-(n - a) * t / aht))
    assert erlang_c.average_speed_of_answer(n, a, aht) == pytest.approx(c * aht / (n - a))
    assert erlang_c.occupancy(n, a) == pytest.approx(0.95)


def test_required_agents_is_the_smallest_meeting_every_target():
    load = erlang_c.offered_load(calls=[400, 1200], aht_seconds=600, interval_seconds=1800)
    n = erlang_c.required_agents(load, 600, target_service_level=0.8, target_time=60, max_asa=30)
    for agents, a in zip(n, load, strict=True):
        assert erlang_c.service_level(agents, a, 600, 60) >= 0.8
        assert erlang_c.average_speed_of_answer(agents, a, 600) <= 30
        worse = agents - 1
        assert (
            worse <= a
            or erlang_c.service_level(worse, a, 600, 60) < 0.8
            or erlang_c.average_speed_of_answer(worse, a, 600) > 30
        )


def test_occupancy_cap_raises_staffing():
    capped = erlang_c.required_agents(900.0, 300, target_service_level=0.5, max_occupancy=0.85)
    assert capped == int(np.ceil(900 / 0.85))


def test_no_calls_needs_no_agents():
    assert erlang_c.required_agents([0.0], 300).tolist() == [0]


@pytest.mark.parametrize(
    "required,shrinkage,expected",
    [(7, 0.3, 10), (21, 0.3, 30), (465, 0.07, 500), (100, 0.3, 143), (5, 0.0, 5)],
)
def test_scheduled_agents_cover_shrinkage(required, shrinkage, expected):
    assert erlang_c.scheduled_agents(required, shrinkage) == expected


def test_bad_targets_are_refused():
    with pytest.raises(ValueError):
        erlang_c.required_agents(10.0, 300, target_service_level=1.5)
    with pytest.raises(ValueError):
        erlang_c.scheduled_agents(10, 1.0)


@settings(max_examples=60, deadline=None)
@given(
    a=st.floats(0.1, 3000),
    sl=st.floats(0.05, 0.99),
    t=st.floats(1, 600),
)
def test_service_level_is_met_and_minimal(a, sl, t):
    n = int(erlang_c.required_agents(a, 300, target_service_level=sl, target_time=t))
    assert n > a
    assert erlang_c.service_level(n, a, 300, t) >= sl
    assert n - 1 <= a or erlang_c.service_level(n - 1, a, 300, t) < sl
