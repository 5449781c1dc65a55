"""Moving rollups to the metrics app and help's escalations to the spine loses nothing: rows
written before the migrations are there after them (and after migrating back)."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("services", "0001_initial"), ("feedback", "0002_rollup_shards"),
          ("help", "0001_initial"), ("phone", "0002_alter_agentstate_status"),
          ("metrics", None)]
AT = datetime(2024, 3, 5, 15, 0, tzinfo=UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_rollups_escalations_and_phone_lines_survive_the_moves():
    old = _migrate(BEFORE)
    provider = old.get_model("services", "ServiceProvider").objects.create(name="Agency")
    service = old.get_model("services", "Service").objects.create(
        provider=provider, slug="phone-assistance", name="Phone", summary="Call us.")
    old.get_model("feedback", "Rollup").objects.create(
        service=service, channel="web", fiscal_quarter="FY2024Q2", language="es",
        metric="thumbs:trust", shard=3, c0=4, c1=11)
    Escalation = old.get_model("help", "Escalation")
    Escalation.objects.create(visit="a" * 32, channel="phone", at=AT)
    Escalation.objects.create(visit="b" * 32, channel="in_person", at=AT)
    center = old.get_model("services", "Location").objects.create(
        provider=provider, kind="call_center", slug="cc", name="Call center", street="1 Main",
        city="Austin", state="TX", zip_code="78701")
    old.get_model("phone", "CallQueue").objects.create(service=service, slug="main-line",
                                                       call_center=center)

    new = _migrate(_latest())
    rollup = new.get_model("metrics", "Rollup").objects.get()
    assert (rollup.service_id, rollup.fiscal_quarter, rollup.language, rollup.metric,
            rollup.shard, rollup.c0, rollup.c1) == (service.pk, "FY2024Q2", "es",
                                                   "thumbs:trust", 3, 4, 11)
    assert connection.introspection.table_names().count("metrics_rollup") == 1
    steps = new.get_model("services", "VisitStep").objects.order_by("visit")
    assert [(s.visit[0], s.channel, s.step, s.at) for s in steps] == [
        ("a", "phone", "callback_requested", AT), ("b", "in_person", "visit_booked", AT)]
    line = new.get_model("services", "ServiceChannel").objects.get(service_id=service.pk)
    assert (line.channel, line.url) == ("phone", "/phone/callback/main-line/")

    back = _migrate(BEFORE)  # and back again: nothing lost either way
    assert back.get_model("feedback", "Rollup").objects.get().c1 == 11
    assert sorted(back.get_model("help", "Escalation").objects.values_list(
        "channel", flat=True)) == ["in_person", "phone"]
    _migrate(_latest())
