"""The two ways a CSR claims the next person end the same (decision 0013): the `claim`
transition (SQLite's path) and the one SQL statement with SKIP LOCKED that PostgreSQL uses for
throughput, which bypasses the transition. Same state, same fields, same side effects."""

from datetime import UTC, datetime, timedelta

import pytest
from auditlog.models import LogEntry
from django.db import connection

from civiccx.core.notifications import OutboxBackend
from civiccx.phone import services
from civiccx.phone.models import AgentState, QueueEntry
from civiccx.services.models import Interaction
from tests.factories import make_call_queue, make_staff

pytestmark = [pytest.mark.django_db, pytest.mark.postgres_only]

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
FIELDS = ("status", "claimed_at", "first_claimed_at", "attempts", "not_before", "ended_at",
          "notes", "arrived_at", "kind")


def _waiting_entry(**fields) -> QueueEntry:
    return QueueEntry.objects.create(queue=make_call_queue(), kind="callback",
                                     phone_index=f"n{QueueEntry.objects.count()}",
                                     arrived_at=NOW - timedelta(minutes=30),
                                     not_before=NOW - timedelta(minutes=30), **fields)


def _claim(path, **fields) -> tuple[dict, tuple, int, int]:
    """Claim a fresh waiting entry by `path`: (its fields, the CSR's state, texts sent, change
    audit entries written)."""
    entry = _waiting_entry(**fields)
    csr = make_staff("csr")
    AgentState.objects.create(user=csr, status=AgentState.Status.AVAILABLE,
                              changed_at=NOW - timedelta(hours=1))
    texts, audited = len(OutboxBackend.outbox), LogEntry.objects.get_for_object(entry).count()
    claimed = path(csr, [entry.queue_id], NOW)
    assert claimed.pk == entry.pk and claimed.csr_id == csr.pk
    entry.refresh_from_db()
    state = AgentState.objects.get(user=csr)
    return ({name: getattr(entry, name) for name in FIELDS}, (state.status, state.changed_at),
            len(OutboxBackend.outbox) - texts,
            LogEntry.objects.get_for_object(entry).count() - audited)


@pytest.mark.parametrize("before", [
    {},  # a first claim
    {"attempts": 1, "first_claimed_at": NOW - timedelta(minutes=20)},  # a retry
], ids=["first claim", "retry"])
def test_the_sql_claim_and_the_transition_end_the_same(before):
    if connection.vendor != "postgresql":
        pytest.skip("the one-statement claim is PostgreSQL's (UPDATE … SKIP LOCKED RETURNING)")
    by_transition = _claim(services._claim_next, **before)
    by_sql = _claim(services._claim_next_in_sql, **before)
    assert by_sql == by_transition
    fields, agent, texts, audited = by_sql
    assert fields["status"] == QueueEntry.Status.IN_PROGRESS and fields["claimed_at"] == NOW
    assert fields["attempts"] == before.get("attempts", 0) + 1
    assert fields["first_claimed_at"] == before.get("first_claimed_at", NOW)
    assert agent == (AgentState.Status.ON_CALL, NOW) and texts == 0 and audited == 0
    assert not Interaction.objects.exists()  # a claim ends nothing


def test_postgresql_claims_through_the_sql_path(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    entry = _waiting_entry()
    monkeypatch.setattr(services, "_claim_next", None)  # the transition path is not taken
    assert services.take_next(make_staff("csr"), now=NOW).pk == entry.pk
