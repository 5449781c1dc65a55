"""Callback claims per second on PostgreSQL: 32 CSRs claiming at once (SELECT ... FOR UPDATE
SKIP LOCKED), beside one CSR claiming alone from the same kind of queue, in the same run.

    python bench/bench_phone.py [--quick]     (--quick: 1,000 callbacks instead of 5,000)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from benchdb import setup_django


def run(workers: int, callbacks: int) -> float:
    from civiccx.phone.models import QueueEntry
    from tests.factories import make_call_queue, make_staff
    from tests.phone.test_concurrent_claims import claim_all, fill_queue

    queue = make_call_queue()
    queue = type(queue).objects.prefetch_related("call_center__hours",
                                                 "call_center__special_hours").get(pk=queue.pk)
    fill_queue(queue, callbacks)
    csrs = [make_staff("csr") for _ in range(workers)]
    start = time.perf_counter()
    claimed = claim_all(csrs, [queue])
    elapsed = time.perf_counter() - start
    counts = Counter(claimed)
    assert len(counts) == callbacks and max(counts.values()) == 1, "a callback was lost or doubled"
    QueueEntry.objects.filter(queue=queue).delete()
    return callbacks / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    setup_django()
    import itertools

    from benchdb import ROOT

    sys.path.insert(0, str(ROOT))

    import tests.factories

    tests.factories._numbers = itertools.count(int(time.time() * 1000))  # unique names per run
    callbacks = 1000 if args.quick else 5000
    concurrent = sorted(run(32, callbacks) for _ in range(3))[1]
    single = sorted(run(1, callbacks) for _ in range(3))[1]
    print(f"Claims per second, 32 concurrent CSRs on PostgreSQL ({callbacks:,} callbacks, "
          f"each claimed exactly once; median of 3): {concurrent:,.0f}/s")
    print(f"  peer: one CSR claiming alone: {single:,.0f}/s   ratio = {concurrent / single:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
