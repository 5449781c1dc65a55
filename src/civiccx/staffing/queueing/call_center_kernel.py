"""The event loop of the contact-center simulator, written for numba (see ``_jit``).

One pass over pre-drawn random inputs (arrival times, handle times, patience, callback answer
attempts) with four binary heaps: agents' completion times, inbound callers' patience deadlines,
callbacks waiting for their delay to pass, and callbacks ready to dial ordered by original
arrival time. Agents always take the earliest original arrival among holding callers and ready
callbacks, so a callback keeps its place in line (Armony & Maglaras, Operations Research 52(2),
2004). Inputs and outputs are plain arrays so the kernel compiles once and caches.
"""

from __future__ import annotations

import numpy as np

from civiccx.staffing.queueing._jit import jit

WAITING = -1
ANSWERED = 0
ABANDONED = 1
CALLBACK_COMPLETED = 2
CALLBACK_FAILED = 3


@jit
def _heap_push(keys, vals, size, key, val):
    i = size
    while i > 0:
        parent = (i - 1) >> 1
        if keys[parent] <= key:
            break
        keys[i] = keys[parent]
        vals[i] = vals[parent]
        i = parent
    keys[i] = key
    vals[i] = val
    return size + 1


@jit
def _heap_pop(keys, vals, size):
    """Drop the root (read it first); return the new size."""
    size -= 1
    key = keys[size]
    val = vals[size]
    i = 0
    while True:
        child = 2 * i + 1
        if child >= size:
            break
        if child + 1 < size and keys[child + 1] < keys[child]:
            child += 1
        if keys[child] >= key:
            break
        keys[i] = keys[child]
        vals[i] = vals[child]
        i = child
    if size > 0:
        keys[i] = key
        vals[i] = val
    return size


@jit
def run_calls(
    arrivals,
    handle,
    patience,
    accept_draw,
    attempts_needed,
    agents_by_interval,
    interval_seconds,
    callback_on,
    threshold,
    max_offer_wait,
    acceptance,
    initial_delay,
    dial_seconds,
    max_attempts,
    retry_delay,
    service_rate,
    abandon_rate,
):
    """Simulate every call; return (status, hold, answer_time, busy_seconds, closing).

    ``busy_seconds`` counts agent work (talk and dialing) until ``closing``, the last arrival,
    so occupancy is measured while the lines are open and not over the after-hours drain.

    ``status`` uses the module constants; ``hold`` is time spent holding on the line (0 for
    callers who took a callback); ``answer_time`` is when an agent connected (NaN if never).
    """
    n = arrivals.size
    status = np.full(n, WAITING, dtype=np.int8)
    hold = np.zeros(n)
    answer_time = np.full(n, np.nan)
    attempts_made = np.zeros(n, dtype=np.int32)

    cap_agents = max(1, int(agents_by_interval.max()) + 1)
    busy_keys = np.empty(cap_agents)
    busy_vals = np.zeros(cap_agents, dtype=np.int64)
    n_busy = 0
    dead_keys = np.empty(n)
    dead_vals = np.empty(n, dtype=np.int64)
    n_dead = 0
    pend_keys = np.empty(n)
    pend_vals = np.empty(n, dtype=np.int64)
    n_pend = 0
    ready_keys = np.empty(n)
    ready_vals = np.empty(n, dtype=np.int64)
    n_ready = 0
    fifo = np.empty(n, dtype=np.int64)
    fifo_head = 0
    fifo_tail = 0

    n_holding = 0
    n_callbacks = 0
    staffed = int(agents_by_interval[0])
    idle = staffed
    leaving = 0
    interval = 0
    n_intervals = agents_by_interval.size
    next_boundary = interval_seconds if n_intervals > 1 else np.inf
    busy_seconds = 0.0
    closing = arrivals[n - 1] if n > 0 else 0.0
    now = 0.0
    i = 0

    while True:
        t_arrival = arrivals[i] if i < n else np.inf
        t_done = busy_keys[0] if n_busy > 0 else np.inf
        t_dead = dead_keys[0] if n_dead > 0 else np.inf
        t_pend = pend_keys[0] if n_pend > 0 else np.inf
        t_next = min(t_arrival, t_done, t_dead, t_pend, next_boundary)
        if t_next == np.inf:
            break
        now = t_next
        if t_done == t_next:
            n_busy = _heap_pop(busy_keys, busy_vals, n_busy)
            if leaving > 0:
                leaving -= 1
            else:
                idle += 1
        elif next_boundary == t_next:
            interval += 1
            wanted = int(agents_by_interval[interval])
            change = wanted - staffed
            if change > 0:
                back = min(leaving, change)
                leaving -= back
                idle += change - back
            elif change < 0:
                drop = min(idle, -change)
                idle -= drop
                leaving += -change - drop
            staffed = wanted
            if interval + 1 < n_intervals:
                next_boundary = (interval + 1) * interval_seconds
            else:
                next_boundary = np.inf
        elif t_pend == t_next:
            cid = pend_vals[0]
            n_pend = _heap_pop(pend_keys, pend_vals, n_pend)
            n_ready = _heap_push(ready_keys, ready_vals, n_ready, arrivals[cid], cid)
        elif t_dead == t_next:
            cid = dead_vals[0]
            n_dead = _heap_pop(dead_keys, dead_vals, n_dead)
            if status[cid] == WAITING:
                status[cid] = ABANDONED
                hold[cid] = patience[cid]
                n_holding -= 1
        else:
            cid = i
            i += 1
            if idle > 0:
                idle -= 1
                status[cid] = ANSWERED
                answer_time[cid] = now
                busy_seconds += max(0.0, min(now + handle[cid], closing) - now)
                n_busy = _heap_push(busy_keys, busy_vals, n_busy, now + handle[cid], cid)
                continue
            offer = False
            if callback_on and accept_draw[cid] < acceptance:
                ahead = n_holding + n_callbacks
                capacity = staffed * service_rate
                theta = abandon_rate * n_holding / ahead if ahead > 0 else 0.0
                limit = max_offer_wait if max_offer_wait < np.inf else threshold
                predicted = np.inf
                if capacity > 0.0:
                    predicted = 0.0
                    for j in range(ahead + 1):
                        predicted += 1.0 / (capacity + j * theta)
                        if predicted > limit:
                            break
                offer = threshold < predicted <= max_offer_wait
            if offer:
                n_callbacks += 1
                if initial_delay > 0.0:
                    n_pend = _heap_push(pend_keys, pend_vals, n_pend, now + initial_delay, cid)
                else:
                    n_ready = _heap_push(ready_keys, ready_vals, n_ready, now, cid)
            else:
                fifo[fifo_tail] = cid
                fifo_tail += 1
                n_holding += 1
                if patience[cid] < np.inf:
                    n_dead = _heap_push(dead_keys, dead_vals, n_dead, now + patience[cid], cid)
            continue

        # dispatch: idle agents take the earliest original arrival among holding and ready
        while idle > 0:
            while fifo_head < fifo_tail and status[fifo[fifo_head]] != WAITING:
                fifo_head += 1
            t_fifo = arrivals[fifo[fifo_head]] if fifo_head < fifo_tail else np.inf
            t_ready = ready_keys[0] if n_ready > 0 else np.inf
            if t_fifo == np.inf and t_ready == np.inf:
                break
            idle -= 1
            if t_fifo <= t_ready:
                cid = fifo[fifo_head]
                fifo_head += 1
                n_holding -= 1
                status[cid] = ANSWERED
                hold[cid] = now - arrivals[cid]
                answer_time[cid] = now
                busy_seconds += max(0.0, min(now + handle[cid], closing) - now)
                n_busy = _heap_push(busy_keys, busy_vals, n_busy, now + handle[cid], cid)
            else:
                cid = ready_vals[0]
                n_ready = _heap_pop(ready_keys, ready_vals, n_ready)
                attempts_made[cid] += 1
                if attempts_made[cid] >= attempts_needed[cid]:
                    status[cid] = CALLBACK_COMPLETED
                    answer_time[cid] = now + dial_seconds
                    n_callbacks -= 1
                    done = now + dial_seconds + handle[cid]
                else:
                    done = now + dial_seconds
                    if attempts_made[cid] >= max_attempts:
                        status[cid] = CALLBACK_FAILED
                        answer_time[cid] = np.nan
                        n_callbacks -= 1
                    else:
                        n_pend = _heap_push(pend_keys, pend_vals, n_pend, done + retry_delay, cid)
                busy_seconds += max(0.0, min(done, closing) - now)
                n_busy = _heap_push(busy_keys, busy_vals, n_busy, done, cid)
    return status, hold, answer_time, busy_seconds, closing
