"""Counting checker reasons apart (issue #13) keeps every reason and counts each visit once:
events written before the migration are people and reasons after it (and back again)."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("directfile", "0002_accepted_claims")]
AFTER = [("directfile", "0003_checker_reasons_once_per_person")]
AT = datetime(2025, 2, 3, 15, 0, tzinfo=UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_a_visit_with_two_reasons_becomes_one_person_and_two_reasons():
    old = _migrate(BEFORE)
    FunnelEvent = old.get_model("directfile", "FunnelEvent")
    for code in ("state", "business-income"):  # one visit, two reasons: two events before
        FunnelEvent.objects.create(kind="checker_not_eligible", code=code, journey="a1",
                                   tax_year=2024, language="es", at=AT)
    FunnelEvent.objects.create(kind="checker_not_eligible", code="hsa", journey="b2",
                               tax_year=2024, at=AT)
    FunnelEvent.objects.create(kind="checker_eligible", journey="c3", tax_year=2024, at=AT)

    new = _migrate(AFTER)
    events = new.get_model("directfile", "FunnelEvent").objects
    people = events.filter(kind="checker_not_eligible")
    assert sorted(people.values_list("journey", "code", "language")) == [
        ("a1", "", "es"), ("b2", "", "en")]
    assert sorted(events.filter(kind="checker_reason").values_list("journey", "code")) == [
        ("a1", "business-income"), ("a1", "state"), ("b2", "hsa")]
    assert events.filter(kind="checker_eligible").count() == 1

    back = _migrate(BEFORE)
    assert sorted(back.get_model("directfile", "FunnelEvent").objects.filter(
        kind="checker_not_eligible").values_list("journey", "code")) == [
        ("a1", "business-income"), ("a1", "state"), ("b2", "hsa")]
    _migrate(_leaves())


def _leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
