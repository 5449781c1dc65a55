"""Discrete-event simulation of a contact center's phone queue, with or without callbacks.

Where Erlang C/A give steady-state averages, the simulator answers "what happens on a day like
this": arrivals that vary by interval, lognormal handle times, staffing that changes at each
interval boundary, and the callback option of Armony & Maglaras (Operations Research 52(2),
2004): when the queue-length predictor of Ibrahim & Whitt (2009) says the wait will exceed a
threshold, the caller may take a callback instead of holding. A callback customer never
abandons and keeps the place in line that their arrival time gives them; each dialing attempt
ties up an agent; unanswered attempts are retried after a delay up to a maximum number.

Random inputs are drawn up front with numpy, so runs with and without callbacks can share them
(common random numbers: the difference between the two is not noise from different draws).
Replications are independent and give the confidence intervals.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from scipy import stats

from civiccx.staffing.queueing import call_center_kernel as kernel
from civiccx.staffing.queueing._jit import NUMBA_AVAILABLE


@dataclass(frozen=True)
class CallbackPolicy:
    """When a callback is offered and how the dialing goes."""

    threshold_seconds: float = 600.0
    """Offer a callback when the predicted hold exceeds this."""
    max_predicted_wait_seconds: float = math.inf
    """…but not when it exceeds this: the IRS excluded callers facing waits over 60 minutes
    (TIGTA 2023), who were told to call back another time instead."""
    acceptance: float = 1.0
    """Share of callers offered a callback who take it."""
    initial_delay_seconds: float = 0.0
    """No attempt is made before this much time has passed since the request."""
    dial_seconds: float = 30.0
    """Agent time spent on each attempt before the customer picks up (or does not)."""
    answer_probability: float = 0.9
    max_attempts: int = 3
    retry_delay_seconds: float = 600.0

    def __post_init__(self):
        if self.threshold_seconds < 0 or self.dial_seconds < 0:
            raise ValueError("threshold and dial time must be ≥ 0")
        if not self.max_predicted_wait_seconds > self.threshold_seconds:
            raise ValueError("max_predicted_wait_seconds must exceed threshold_seconds")
        if self.initial_delay_seconds < 0 or self.retry_delay_seconds < 0:
            raise ValueError("callback delays must be ≥ 0")
        if not 0.0 <= self.acceptance <= 1.0 or not 0.0 < self.answer_probability <= 1.0:
            raise ValueError("acceptance must be in [0, 1] and answer_probability in (0, 1]")
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be ≥ 1")


@dataclass(frozen=True)
class Scenario:
    """A day (or a stationary stretch) of calls. Times are in seconds, rates per second.

    ``arrival_rate``, ``agents`` and ``aht_seconds`` are either scalars (one value for the whole
    day, whose length is ``hours``) or sequences with one value per interval of
    ``interval_seconds``, like a staffing plan's rows (then the day is that many intervals and
    ``hours`` is not used). With ``calls`` set, exactly that many
    calls arrive at a constant rate instead, and the run lasts as long as they take.
    """

    agents: int | Sequence[int]
    arrival_rate: float | Sequence[float]
    aht_seconds: float | Sequence[float]
    patience_seconds: float = math.inf
    interval_seconds: float = 1800.0
    hours: float | None = None
    calls: int | None = None
    handle_time_cv: float | None = None
    """None: exponential handle times; a number: lognormal with this coefficient of variation."""
    target_seconds: float = 60.0
    warmup_seconds: float = 0.0
    callback: CallbackPolicy | None = None

    def __post_init__(self):
        if np.any(np.asarray(self.agents) < 0) or np.any(np.asarray(self.arrival_rate) < 0):
            raise ValueError("agents and arrival_rate must be ≥ 0")
        if np.any(np.asarray(self.aht_seconds) <= 0) or np.size(self.aht_seconds) == 0:
            raise ValueError("aht must be > 0")
        if self.patience_seconds <= 0 or self.interval_seconds <= 0:
            raise ValueError("patience and interval must be > 0")
        if self.calls is not None and self.calls < 1:
            raise ValueError("calls must be ≥ 1")
        lengths = {np.size(v) for v in (self.agents, self.arrival_rate, self.aht_seconds)} - {1}
        if len(lengths) > 1:
            raise ValueError("per-interval agents, arrival_rate and aht must have equal lengths")

    def interval_count(self) -> int:
        if self.calls is not None:
            return 1
        sizes = (np.size(self.arrival_rate), np.size(self.agents), np.size(self.aht_seconds))
        if max(sizes) > 1:
            return max(sizes)
        if self.hours is None:
            return 1
        return max(1, math.ceil(self.hours * 3600.0 / self.interval_seconds))

    def agents_by_interval(self) -> np.ndarray:
        return _per_interval(self.agents, self.interval_count()).astype(np.int64)

    def rates_by_interval(self) -> np.ndarray:
        return _per_interval(self.arrival_rate, self.interval_count())

    def aht_by_interval(self) -> np.ndarray:
        return _per_interval(self.aht_seconds, self.interval_count())

    def mean_aht_seconds(self) -> float:
        """Call-weighted AHT: what the callback offer's wait predictor assumes."""
        rates, aht = self.rates_by_interval(), self.aht_by_interval()
        return float((rates * aht).sum() / rates.sum()) if rates.sum() > 0 else float(aht[0])


def _per_interval(value, count: int) -> np.ndarray:
    """A scalar or a per-interval sequence, repeated cyclically to ``count`` intervals."""
    return np.resize(np.atleast_1d(np.asarray(value, dtype=float)), count)


METRICS = (
    "offered",
    "answered_rate",
    "abandonment_rate",
    "asa_seconds",
    "mean_wait_seconds",
    "wait_p50_seconds",
    "wait_p90_seconds",
    "service_level",
    "occupancy",
    "hold_hours",
    "hold_hours_saved",
    "callbacks_requested",
    "callbacks_completed",
    "callbacks_failed",
    "callback_delay_seconds",
)
"""What a replication reports. ``asa_seconds`` and ``service_level`` are about callers who
held (callback customers excluded); ``wait_p50_seconds`` and ``wait_p90_seconds`` are the
median and 90th percentile of those answered callers' holds; ``mean_wait_seconds`` includes
abandoners, as Erlang A's E[W] does; ``hold_hours_saved`` is the time callback customers waited
off the line."""


@dataclass(frozen=True)
class Estimate:
    mean: float
    half_width: float
    """Half-width of the confidence interval over replications (NaN with one replication)."""

    @property
    def low(self) -> float:
        return self.mean - self.half_width

    @property
    def high(self) -> float:
        return self.mean + self.half_width


@dataclass
class SimulationResult:
    replications: list[dict[str, float]] = field(default_factory=list)
    confidence: float = 0.95

    def estimate(self, metric: str) -> Estimate:
        values = np.array([r[metric] for r in self.replications], dtype=float)
        values = values[~np.isnan(values)]
        if values.size == 0:
            return Estimate(math.nan, math.nan)
        if values.size == 1:
            return Estimate(float(values[0]), math.nan)
        t = stats.t.ppf(0.5 + self.confidence / 2.0, values.size - 1)
        return Estimate(
            float(values.mean()), float(t * values.std(ddof=1) / math.sqrt(values.size))
        )

    def summary(self) -> dict[str, Estimate]:
        return {m: self.estimate(m) for m in METRICS}


@dataclass(frozen=True)
class DrawnCalls:
    """Random inputs of one replication, shared by the with- and without-callback runs."""

    arrivals: np.ndarray
    handle: np.ndarray
    patience: np.ndarray
    accept_draw: np.ndarray
    attempts_needed: np.ndarray


def draw_calls(scenario: Scenario, rng: np.random.Generator) -> DrawnCalls:
    """Poisson arrivals (piecewise-constant rate), handle times, patience and callback luck."""
    if scenario.calls is not None:
        rate = float(np.atleast_1d(scenario.arrival_rate)[0])
        if rate <= 0:
            raise ValueError("arrival_rate must be > 0 when calls is given")
        arrivals = np.cumsum(rng.exponential(1.0 / rate, scenario.calls))
    else:
        rates = scenario.rates_by_interval()
        intervals = rates.size
        length = scenario.interval_seconds
        counts = rng.poisson(rates * length)
        starts = np.repeat(np.arange(intervals) * length, counts)
        arrivals = np.sort(starts + rng.random(counts.sum()) * length)
    n = arrivals.size
    aht_by_interval = scenario.aht_by_interval()
    interval_of_call = np.minimum(
        (arrivals // scenario.interval_seconds).astype(np.int64), aht_by_interval.size - 1
    )
    aht = aht_by_interval[interval_of_call] if scenario.calls is None else aht_by_interval[0]
    if scenario.handle_time_cv is None:
        handle = rng.exponential(aht, n)
    else:
        sigma2 = math.log1p(scenario.handle_time_cv**2)
        handle = rng.lognormal(np.log(aht) - sigma2 / 2.0, math.sqrt(sigma2), n)
    if math.isinf(scenario.patience_seconds):
        patience = np.full(n, np.inf)
    else:
        patience = rng.exponential(scenario.patience_seconds, n)
    policy = scenario.callback or CallbackPolicy()
    accept_draw = rng.random(n)
    attempts_needed = rng.geometric(policy.answer_probability, n).astype(np.int32)
    return DrawnCalls(arrivals, handle, patience, accept_draw, attempts_needed)


def run_replication(
    scenario: Scenario, calls: DrawnCalls, *, compiled: bool = True
) -> dict[str, float]:
    """Simulate one replication on drawn inputs and summarize it (see ``METRICS``).

    ``compiled=False`` runs the kernel interpreted, which tests use to check numba and plain
    Python agree.
    """
    policy = scenario.callback
    agents = _with_closing_crew(scenario.agents_by_interval())
    run = kernel.run_calls if compiled or not NUMBA_AVAILABLE else kernel.run_calls.py_func
    abandon_rate = 0.0 if math.isinf(scenario.patience_seconds) else 1.0 / scenario.patience_seconds
    on = policy is not None
    policy = policy or CallbackPolicy()
    status, hold, answer_time, busy_seconds, end_time = run(
        calls.arrivals,
        calls.handle,
        calls.patience,
        calls.accept_draw,
        calls.attempts_needed,
        agents,
        float(scenario.interval_seconds),
        on,
        float(policy.threshold_seconds),
        float(policy.max_predicted_wait_seconds),
        float(policy.acceptance),
        float(policy.initial_delay_seconds),
        float(policy.dial_seconds),
        int(policy.max_attempts),
        float(policy.retry_delay_seconds),
        1.0 / scenario.mean_aht_seconds(),
        abandon_rate,
    )
    return _summarize(scenario, calls.arrivals, status, hold, answer_time, busy_seconds, end_time)


def _with_closing_crew(agents: np.ndarray) -> np.ndarray:
    """Trailing intervals with nobody on the phones become the last staffed level.

    A plan puts 0 agents where 0 calls are forecast, typically after closing; callers still
    holding or waiting for a callback at that point are served by the last shift, not stranded.
    """
    staffed = np.flatnonzero(agents > 0)
    if staffed.size == 0 or staffed[-1] == agents.size - 1:
        return agents
    agents = agents.copy()
    agents[staffed[-1] + 1 :] = agents[staffed[-1]]
    return agents


def _summarize(scenario, arrivals, status, hold, answer_time, busy_seconds, end_time):
    counted = arrivals >= scenario.warmup_seconds
    status, hold, answer_time, arr = (
        status[counted],
        hold[counted],
        answer_time[counted],
        arrivals[counted],
    )
    offered = status.size
    answered_inbound = status == kernel.ANSWERED
    abandoned = status == kernel.ABANDONED
    completed = status == kernel.CALLBACK_COMPLETED
    failed = status == kernel.CALLBACK_FAILED
    held = answered_inbound | abandoned
    staffed_seconds = _staffed_seconds(scenario, end_time)

    def share(mask):
        return float(mask.sum() / offered) if offered else math.nan

    def mean(values):
        return float(values.mean()) if values.size else math.nan

    def quantile(values, q):
        return float(np.quantile(values, q)) if values.size else math.nan

    within = answered_inbound & (hold <= scenario.target_seconds)
    return {
        "offered": float(offered),
        "answered_rate": share(answered_inbound | completed),
        "abandonment_rate": share(abandoned),
        "asa_seconds": mean(hold[answered_inbound]),
        "mean_wait_seconds": mean(hold[held]),
        "wait_p50_seconds": quantile(hold[answered_inbound], 0.5),
        "wait_p90_seconds": quantile(hold[answered_inbound], 0.9),
        "service_level": float(within.sum() / held.sum()) if held.any() else math.nan,
        "occupancy": busy_seconds / staffed_seconds if staffed_seconds > 0 else math.nan,
        "hold_hours": float(hold[held].sum() / 3600.0),
        "hold_hours_saved": float((answer_time[completed] - arr[completed]).sum() / 3600.0),
        "callbacks_requested": float((completed | failed).sum()),
        "callbacks_completed": float(completed.sum()),
        "callbacks_failed": float(failed.sum()),
        "callback_delay_seconds": mean(answer_time[completed] - arr[completed]),
    }


def _staffed_seconds(scenario: Scenario, end_time: float) -> float:
    agents = scenario.agents_by_interval().astype(float)
    if agents.size == 1:
        return float(agents[0] * end_time)
    length = scenario.interval_seconds
    starts = np.arange(agents.size) * length
    ends = np.append(starts[1:], max(end_time, starts[-1]))
    spans = np.clip(np.minimum(ends, end_time) - starts, 0.0, None)
    return float((agents * spans).sum())


def simulate(
    scenario: Scenario,
    replications: int = 10,
    seed: int | None = 0,
    progress: Callable[[], None] | None = None,
) -> SimulationResult:
    """Run independent replications of ``scenario``."""
    result = SimulationResult()
    for rng in _replication_rngs(seed, replications):
        result.replications.append(run_replication(scenario, draw_calls(scenario, rng)))
        if progress:
            progress()
    return result


def compare_callback(
    scenario: Scenario,
    policy: CallbackPolicy,
    replications: int = 10,
    seed: int | None = 0,
    progress: Callable[[], None] | None = None,
) -> tuple[SimulationResult, SimulationResult]:
    """(without callbacks, with callbacks) on the same random draws, replication by replication."""
    without, with_ = SimulationResult(), SimulationResult()
    plain, offered = replace(scenario, callback=None), replace(scenario, callback=policy)
    for rng in _replication_rngs(seed, replications):
        calls = draw_calls(offered, rng)
        without.replications.append(run_replication(plain, calls))
        with_.replications.append(run_replication(offered, calls))
        if progress:
            progress()
    return without, with_


def _replication_rngs(seed: int | None, replications: int) -> list[np.random.Generator]:
    if replications < 1:
        raise ValueError("replications must be ≥ 1")
    return [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(replications)]


def compile_kernel() -> float:
    """Compile (or load from numba's on-disk cache) the kernel; return the seconds it took."""
    started = time.perf_counter()
    tiny = Scenario(
        agents=2,
        arrival_rate=0.01,
        aht_seconds=60.0,
        patience_seconds=120.0,
        calls=20,
        callback=CallbackPolicy(threshold_seconds=0.0, initial_delay_seconds=1.0),
    )
    run_replication(tiny, draw_calls(tiny, np.random.default_rng(0)))
    return time.perf_counter() - started
