"""The metrics app's own rollup sources: customers served (interactions on the spine, minus
those voided by a correction) and counts reported from outside (`ExternalCount`)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count

from civiccx.metrics.models import COUNTERS, ExternalCount
from civiccx.metrics.registry import QuarterSpan, register_rollup_source
from civiccx.metrics.rollups import SERVED, CellKey, Counts
from civiccx.services.models import Interaction


def served_quarters() -> list[str]:
    return QuarterSpan.covering(Interaction.objects.all(), "ended_at")


def served_counts(span: QuarterSpan) -> Iterator[tuple[CellKey, str, Counts]]:
    rows = (Interaction.objects.in_effect()
            .filter(ended_at__gte=span.start, ended_at__lt=span.end)
            .values_list("service_id", "channel", "language").annotate(n=Count("id")).order_by())
    for service_id, channel, language, n in rows:
        yield CellKey(service_id, channel, span.quarter, language), SERVED, {"c1": n}


def external_quarters() -> set[str]:
    return set(ExternalCount.objects.values_list("fiscal_quarter", flat=True).distinct())


def external_counts(span: QuarterSpan) -> Iterator[tuple[CellKey, str, Counts]]:
    for row in ExternalCount.objects.filter(fiscal_quarter=span.quarter).iterator():
        yield (CellKey(row.service_id, row.channel, row.fiscal_quarter, row.language),
               row.metric, {name: getattr(row, name) for name in COUNTERS})


def register() -> None:
    register_rollup_source("services.interactions", quarters=served_quarters,
                           counts=served_counts)
    register_rollup_source("metrics.external_counts", quarters=external_quarters,
                           counts=external_counts)
