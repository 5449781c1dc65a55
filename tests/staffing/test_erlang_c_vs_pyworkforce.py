"""Our vectorized Erlang C must give pyworkforce's answers (it is the peer the issue names).

pyworkforce's ``asa`` argument is the service-level target time, in minutes. Its search starts at
round(A + 1); ours at ⌊A⌋ + 1, so the two can differ only when the smaller N already meets
the target — checked separately below.
"""

import numpy as np
import pytest

from civiccx.staffing.queueing import erlang_c

pyworkforce = pytest.importorskip("pyworkforce.queuing")

pytestmark = pytest.mark.pure

GRID = [
    (calls, aht_min, target_min, sl, occ)
    for calls in (3, 17, 60, 150, 420, 900, 2400)
    for aht_min in (2.5, 6, 11)
    for target_min in (1 / 3, 1)
    for sl in (0.7, 0.8, 0.9)
    for occ in (0.85, 1.0)
]


@pytest.mark.parametrize("calls,aht_min,target_min,sl,occ", GRID)
def test_required_agents_match_pyworkforce(calls, aht_min, target_min, sl, occ):
    peer = pyworkforce.ErlangC(
        transactions=calls, aht=aht_min, asa=target_min, interval=30, shrinkage=0.3
    ).required_positions(service_level=sl, max_occupancy=occ)
    load = erlang_c.offered_load(calls, aht_min * 60, 30 * 60)
    ours = erlang_c.required_agents(
        load, aht_min * 60, target_service_level=sl, target_time=target_min * 60, max_occupancy=occ
    )
    assert int(ours) == peer["raw_positions"]
    assert erlang_c.service_level(ours, load, aht_min * 60, target_min * 60) == pytest.approx(
        peer["service_level"], rel=1e-9
    )


def test_where_the_search_starts_differs_deliberately():
    # A = 2.7: pyworkforce starts at round(3.7) = 4 and never tries 3, which meets a lax target.
    load, aht, target = 2.7, 60.0, 600.0
    peer = pyworkforce.ErlangC(transactions=2.7, aht=1, asa=10, interval=1).required_positions(0.5)
    ours = int(erlang_c.required_agents(load, aht, target_service_level=0.5, target_time=target))
    assert ours == 3 and peer["raw_positions"] == 4
    assert erlang_c.service_level(3, load, aht, target) >= 0.5


def test_grid_as_one_vector_call():
    calls = np.array([g[0] for g in GRID], dtype=float)
    aht = np.array([g[1] for g in GRID]) * 60
    loads = erlang_c.offered_load(calls, aht, 1800)
    n = erlang_c.required_agents(loads, aht, target_service_level=0.8, target_time=20)
    one_by_one = [
        int(erlang_c.required_agents(a, h, target_service_level=0.8, target_time=20))
        for a, h in zip(loads, aht, strict=True)
    ]
    assert n.tolist() == one_by_one


def test_scheduled_agents_avoid_pyworkforce_rounding_up_float_noise():
    # 21 required with 30% shrinkage is exactly 30 scheduled; 21 / (1 - 0.3) is 30.000000000000004.
    peer = pyworkforce.ErlangC(
        transactions=175, aht=3, asa=1, interval=30, shrinkage=0.3
    ).required_positions(0.8)
    assert peer["raw_positions"] == 21 and peer["positions"] == 31
    assert erlang_c.scheduled_agents(21, 0.3) == 30
