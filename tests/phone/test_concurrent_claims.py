"""32 CSRs claiming at once from 5,000 callbacks: each is claimed exactly once, none lost."""

from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from civiccx.phone.models import QueueEntry
from civiccx.phone.services import take_next
from tests.factories import make_call_queue, make_staff
from tests.threads import run_at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]

WORKERS = 32
CALLBACKS = 5000


def fill_queue(queue, count: int) -> None:
    now = timezone.now()
    QueueEntry.objects.bulk_create(
        QueueEntry(queue=queue, kind="callback", phone_index=f"n{i}",
                   arrived_at=now - timezone.timedelta(seconds=count - i), not_before=now)
        for i in range(count))


def claim_all(csrs, queues) -> list[int]:
    def work(csr):
        mine = []
        while (entry := take_next(csr, queues)) is not None:
            mine.append(entry.pk)
        return mine

    return run_at_once(work, [(csr,) for csr in csrs])


def test_every_callback_is_claimed_exactly_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (the SQLite path is covered by test_queue)")
    queue = make_call_queue()
    queue = type(queue).objects.prefetch_related("call_center__hours",
                                                 "call_center__special_hours").get(pk=queue.pk)
    fill_queue(queue, CALLBACKS)
    csrs = [make_staff("csr") for _ in range(WORKERS)]
    claimed = claim_all(csrs, [queue])
    counts = Counter(claimed)
    assert len(counts) == CALLBACKS and max(counts.values()) == 1
    assert QueueEntry.objects.filter(status="waiting").count() == 0
    assert QueueEntry.objects.filter(status="in_progress").count() == CALLBACKS
    per_csr = Counter(QueueEntry.objects.values_list("csr", flat=True))
    assert len(per_csr) > WORKERS // 2  # the work really was shared
