"""32 CSRs claiming at once from 5,000 callbacks: each is claimed exactly once, none lost."""

import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.utils import timezone

from civiccx.phone.models import QueueEntry
from civiccx.phone.services import take_next
from tests.factories import make_call_queue, make_staff

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
    claimed: list[int] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def work(csr):
        try:
            mine = []
            while (entry := take_next(csr, queues)) is not None:
                mine.append(entry.pk)
            with lock:
                claimed.extend(mine)
        except BaseException as error:  # surface thread failures in the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(csr,)) for csr in csrs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return claimed


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
