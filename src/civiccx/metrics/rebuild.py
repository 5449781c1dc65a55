"""Recompute rollups from raw rows, one fiscal quarter at a time.

Each quarter is recounted from every registered rollup source and its rollup rows are replaced
in one transaction that first stops writers from counting into the table (PostgreSQL: a SHARE
ROW EXCLUSIVE lock, which waits for writers in flight and holds new ones until the commit;
SQLite: the DELETE takes the database's write lock), so a response stored during a rebuild is
counted exactly once: in the recount if it committed before, by its own writer if after.
Rebuilt cells sit in shard 0; readers sum shards, so they read the same numbers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Sum

from civiccx.core import fiscal
from civiccx.metrics.models import COUNTERS, Rollup
from civiccx.metrics.registry import QuarterSpan, rollup_sources

Cell = tuple[int, str, str, str, str]  # service_id, channel, fiscal_quarter, language, metric


@dataclass
class RebuildResult:
    quarters: list[str] = field(default_factory=list)
    cells: int = 0


def quarters_to_rebuild(first: str | None = None) -> list[str]:
    """Quarters with rollups or raw rows, oldest first; from `first` ("FY2024Q1") if given.
    Raises ValueError for a malformed quarter."""
    start = fiscal.parse_fiscal_quarter(first) if first else None
    found = set(Rollup.objects.values_list("fiscal_quarter", flat=True).distinct())
    for source in rollup_sources():
        found.update(source.quarters())
    parsed = sorted(fiscal.parse_fiscal_quarter(q) for q in found)
    return [str(q) for q in parsed if start is None or q >= start]


def recount(quarter: str) -> dict[Cell, tuple[int, ...]]:
    """Every non-zero cell of the quarter, summed over all rollup sources."""
    span = QuarterSpan.of(quarter)
    totals: dict[Cell, list[int]] = defaultdict(lambda: [0] * len(COUNTERS))
    for source in rollup_sources():
        for key, metric, counts in source.counts(span):
            if key.fiscal_quarter != span.quarter:
                raise ValueError(f"Rollup source {source.name} counted {key.fiscal_quarter} "
                                 f"when asked for {span.quarter}.")
            row = totals[(key.service_id, key.channel, key.fiscal_quarter, key.language, metric)]
            for name, amount in counts.items():
                row[COUNTERS.index(name)] += amount
    return {cell: tuple(counts) for cell, counts in totals.items() if any(counts)}


def current(quarter: str | None = None) -> dict[Cell, tuple[int, ...]]:
    """The rollups as readers see them (shards summed), non-zero cells only."""
    rows = Rollup.objects.all() if quarter is None else Rollup.objects.filter(
        fiscal_quarter=quarter)
    summed = (rows.values_list("service_id", "channel", "fiscal_quarter", "language", "metric")
              .annotate(*(Sum(name) for name in COUNTERS)).order_by())
    cells = {}
    for *cell, c0, c1, c2, c3, c4, c5 in summed:
        counts = (c0, c1, c2, c3, c4, c5)
        if any(counts):
            cells[tuple(cell)] = counts
    return cells


def differences(first: str | None = None) -> dict[Cell, tuple[tuple, tuple]]:
    """Cells whose rollups differ from a recount: {cell: (rollup, recount)}. Empty: no drift."""
    found = {}
    zero = (0,) * len(COUNTERS)
    for quarter in quarters_to_rebuild(first):
        have, should = current(quarter), recount(quarter)
        for cell in have.keys() | should.keys():
            if have.get(cell, zero) != should.get(cell, zero):
                found[cell] = (have.get(cell, zero), should.get(cell, zero))
    return found


def _hold_writers() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Rollup._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")


def rebuild_quarter(quarter: str) -> int:
    """Replace one quarter's rollups with a recount, atomically. Returns the cells written."""
    with transaction.atomic():
        _hold_writers()
        Rollup.objects.filter(fiscal_quarter=quarter).delete()
        cells = recount(quarter)
        Rollup.objects.bulk_create(
            (Rollup(service_id=service_id, channel=channel, fiscal_quarter=fiscal_quarter,
                    language=language, metric=metric, shard=0,
                    **dict(zip(COUNTERS, counts, strict=True)))
             for (service_id, channel, fiscal_quarter, language, metric), counts
             in sorted(cells.items())), batch_size=2000)
    return len(cells)


def rebuild(first: str | None = None, *,
            on_quarter: Callable[[str, int, int], None] | None = None) -> RebuildResult:
    """Rebuild every quarter (from `first`, if given). `on_quarter(quarter, done, total)` is
    called after each quarter, for a progress bar."""
    result = RebuildResult(quarters_to_rebuild(first))
    for done, quarter in enumerate(result.quarters, start=1):
        result.cells += rebuild_quarter(quarter)
        if on_quarter:
            on_quarter(quarter, done, len(result.quarters))
    return result
