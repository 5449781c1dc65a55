import numpy as np
import pytest

from civiccx.staffing.queueing import wait_predictors as wp

pytestmark = pytest.mark.pure


def test_queue_length_mean_and_variance_are_the_published_sums():
    s, aht, patience = 10, 300.0, 600.0
    rates = [s / aht + i / patience for i in range(8)]
    assert float(wp.queue_length_wait(7, s, aht, patience)) == pytest.approx(
        sum(1 / r for r in rates)
    )
    assert float(wp.queue_length_wait_variance(7, s, aht, patience)) == pytest.approx(
        sum(1 / r**2 for r in rates)
    )


def test_without_abandonment_each_caller_ahead_costs_one_service_completion():
    assert float(wp.queue_length_wait(4, 10, 300)) == pytest.approx(5 * 30.0)
    assert np.allclose(wp.queue_length_wait([0, 1, 2], 10, 300), [30, 60, 90])


def test_abandonment_shortens_the_prediction():
    assert wp.queue_length_wait(50, 10, 300, 120) < wp.queue_length_wait(50, 10, 300)


def test_range_for_nobody_ahead_is_the_exponential_quantiles():
    r = wp.queue_length_wait_range(0, 10, 300, 600, coverage=0.8)
    assert float(r.low) == pytest.approx(-30 * np.log(0.9))
    assert float(r.high) == pytest.approx(-30 * np.log(0.1))


def test_range_covers_about_the_stated_share_of_waits():
    rng = np.random.default_rng(7)
    s, aht, patience, n = 20, 300.0, 300.0, 12
    rates = np.array([s / aht + i / patience for i in range(n + 1)])
    waits = rng.exponential(1 / rates, size=(40_000, rates.size)).sum(axis=1)
    r = wp.queue_length_wait_range(n, s, aht, patience, coverage=0.8)
    covered = np.mean((waits >= r.low) & (waits <= r.high))
    assert covered == pytest.approx(0.8, abs=0.015)
    assert float(r.mean) == pytest.approx(waits.mean(), rel=0.01)


def test_head_of_line_predictors():
    assert float(wp.head_of_line_wait(95.0)) == 95.0
    refined = wp.refined_head_of_line_wait(120.0, arrival_rate=0.05, agents=10, aht=300)
    assert float(refined) == pytest.approx(wp.queue_length_wait(1 + 0.05 * 120, 10, 300))
    with_abandonment = wp.refined_head_of_line_wait(120.0, 0.05, 10, 300, patience=600)
    assert with_abandonment < refined


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        wp.queue_length_wait(-1, 10, 300)
    with pytest.raises(ValueError):
        wp.queue_length_wait(1, 0, 300)
    with pytest.raises(ValueError):
        wp.queue_length_wait_range(1, 10, 300, coverage=1.0)
