"""The walk-in wait range against hand-computed cases."""

import math

import pytest

from civiccx.walkin.wait_range import wait_range

pytestmark = pytest.mark.pure


def test_three_ahead_two_busy_counters_ten_minute_visits():
    # Start at the 4th departure; departures every 600/2 = 300 s on average.
    # mean = 4 x 300 = 1200 s; sd = sqrt(4) x 300 = 600 s; 80% range = 1200 +- 1.2816 x 600.
    estimate = wait_range(n_ahead=3, counters=2, busy=2, service_seconds=600)
    assert estimate.mean_seconds == 1200
    assert estimate.low_seconds == round(1200 - 1.2816 * 600) == 431
    assert estimate.high_seconds == round(1200 + 1.2816 * 600) == 1969
    assert (estimate.low_minutes, estimate.high_minutes) == (7, 33)


def test_a_free_counter_means_no_wait():
    assert wait_range(n_ahead=0, counters=3, busy=2, service_seconds=900).is_zero
    assert wait_range(n_ahead=1, counters=3, busy=1, service_seconds=900).is_zero


def test_eight_ahead_on_two_counters():
    estimate = wait_range(n_ahead=8, counters=2, busy=2, service_seconds=600)
    assert estimate.mean_seconds == 2700  # 9 departures x 300 s
    assert estimate.high_seconds == round(2700 + 1.2816 * math.sqrt(9) * 300)


def test_never_below_zero():
    assert wait_range(n_ahead=0, counters=1, busy=1, service_seconds=600).low_seconds == 0
