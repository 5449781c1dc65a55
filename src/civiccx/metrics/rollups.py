"""The metrics API: the only code that writes rollup counters, and the readers of them.

A rollup *cell* is one service × channel × fiscal quarter × language (a `CellKey`) and one
metric, with six counters c0..c5 (see `Rollup`). Writers add deltas to cells in the same
transaction as the raw row they count (a response, an invitation, a vote, an interaction or its
correction), with one `INSERT … ON CONFLICT DO UPDATE` statement on a shard chosen at random, so
concurrent writers rarely wait on each other. Every cell can be recomputed from raw rows
(`civiccx.metrics.rebuild`), and the rebuilt cells must equal these incremental ones.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from civiccx.core import fiscal
from civiccx.metrics.models import COUNTERS, ExternalCount, Rollup
from civiccx.metrics.statistics import DriverTally, ThumbsTally

ROLLUP_SHARDS = 16
SERVED, OFFERED, RESPONSES = "volume:served", "volume:offered", "volume:responses"

Counts = Mapping[str, int]  # counter name -> delta, e.g. {"c1": 1}


@dataclass(frozen=True, order=True)
class CellKey:
    """Where a count goes: one service, channel, fiscal quarter ("FY2024Q2") and language."""

    service_id: int
    channel: str
    fiscal_quarter: str
    language: str


def quarter_of(moment: datetime) -> str:
    """The fiscal quarter of an instant, on the agency's local calendar."""
    return fiscal.quarter_of(moment, timezone.get_current_timezone())


def key_at(*, service_id: int, channel: str, language: str, at: datetime) -> CellKey:
    return CellKey(service_id, channel, quarter_of(at), language)


def _merged(cells: Iterable[tuple[str, Counts]]) -> dict[str, list[int]]:
    merged: dict[str, list[int]] = {}
    for metric, deltas in cells:
        counts = merged.setdefault(metric, [0] * len(COUNTERS))
        for name, amount in deltas.items():
            counts[COUNTERS.index(name)] += amount
    return merged


def _upsert_sql(key: CellKey, cells: Iterable[tuple[str, Counts]]) -> tuple[str, list]:
    table = Rollup._meta.db_table
    shard = random.randrange(ROLLUP_SHARDS)
    values, params = [], []
    for metric, counts in sorted(_merged(cells).items()):  # a fixed order: no deadlocks
        values.append("(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)")
        params += [key.service_id, key.channel, key.fiscal_quarter, key.language, metric, shard,
                   *counts]
    updates = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in COUNTERS)
    # Only constant names are formatted in; every value is a bound parameter.
    sql = (f"INSERT INTO {table} (service_id, channel, fiscal_quarter, language, metric, "  # noqa: S608
           f"shard, {', '.join(COUNTERS)}) VALUES {', '.join(values)} "
           f"ON CONFLICT (service_id, channel, fiscal_quarter, language, metric, shard) "
           f"DO UPDATE SET {updates}")
    return sql, params


def add(key: CellKey, cells: Iterable[tuple[str, Counts]]) -> None:
    """Add deltas to one key's cells (`[("thumbs:trust", {"c1": 1}), ...]`) in one statement
    (PostgreSQL and SQLite). One statement keeps hot counter rows locked for the shortest
    time, which is what limits concurrent writers."""
    cells = list(cells)
    if not cells:
        return
    sql, params = _upsert_sql(key, cells)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def response_cells(answer_cells: Iterable[tuple[str, Counts]]) -> list[tuple[str, Counts]]:
    """All the cells one survey response adds to: the response itself, and its answers'."""
    return [(RESPONSES, {"c1": 1}), *answer_cells]


def store_response(insert_sql: str, params: list, key: CellKey,
                   answer_cells: Iterable[tuple[str, Counts]]) -> int:
    """PostgreSQL: run the caller's `INSERT … RETURNING id` of a response and count it in one
    statement (one round trip, atomic on its own). Returns the new row's id."""
    rollup_sql, rollup_params = _upsert_sql(key, response_cells(answer_cells))
    # The caller's statement is constant text with bound parameters, like ours.
    sql = (f"WITH stored AS ({insert_sql}), "  # noqa: S608
           f"counted AS ({rollup_sql} RETURNING 1) SELECT id FROM stored")
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *rollup_params])
        (pk,) = cursor.fetchone()
    return pk


def record_served(interaction) -> None:
    """Count one customer served (an `Interaction` was recorded)."""
    add(key_at(service_id=interaction.service_id, channel=interaction.channel,
               language=interaction.language, at=interaction.ended_at), [(SERVED, {"c1": 1})])


def unrecord_served(interaction) -> None:
    """Take back a customer served whose Interaction was voided by a correction."""
    add(key_at(service_id=interaction.service_id, channel=interaction.channel,
               language=interaction.language, at=interaction.ended_at), [(SERVED, {"c1": -1})])


def record_offered(*, service_id: int, channel: str, language: str, at: datetime) -> None:
    """Count one survey opportunity: an invitation sent, or a visit shown a hosted survey."""
    add(key_at(service_id=service_id, channel=channel, language=language, at=at),
        [(OFFERED, {"c1": 1})])


def record_response(key: CellKey, answer_cells: Iterable[tuple[str, Counts]]) -> None:
    """Count one survey response and its answers' cells (feedback's `cells_for_answers`)."""
    add(key, response_cells(answer_cells))


def record_thumbs(key: CellKey, metric: str, *, up: bool) -> None:
    """Count one thumbs up (c1) or down (c0), e.g. "thumbs:effectiveness" for a help vote."""
    if not metric.startswith("thumbs:"):
        raise ValueError(f"A thumbs metric starts with 'thumbs:', not {metric!r}.")
    add(key, [(metric, {"c1" if up else "c0": 1})])


@transaction.atomic
def record_external_counts(rows: Iterable[tuple[CellKey, str, Counts]], *, source: str) -> int:
    """Store counts reported by another system (or the demo's history) and add them to the
    rollups. Returns how many were stored."""
    rows = list(rows)
    by_key: dict[CellKey, list[tuple[str, Counts]]] = defaultdict(list)
    stored = []
    for key, metric, counts in rows:
        unknown = set(counts) - set(COUNTERS)
        if not metric or unknown:
            raise ValueError(f"Cannot count {metric!r} in {sorted(unknown)}; a count needs a "
                             f"metric and counters among {', '.join(COUNTERS)}.")
        stored.append(ExternalCount(service_id=key.service_id, channel=key.channel,
                                    fiscal_quarter=key.fiscal_quarter, language=key.language,
                                    metric=metric, source=source, **counts))
        by_key[key].append((metric, counts))
    ExternalCount.objects.bulk_create(stored, batch_size=1000)
    for key, cells in by_key.items():
        add(key, cells)
    return len(stored)


# Readers ---------------------------------------------------------------------------------


def read_cells(filters: dict, group_by: Iterable[str] = ("fiscal_quarter",)
               ) -> dict[tuple, dict[str, tuple[int, ...]]]:
    """Summed counters per group and metric: {(group values): {metric: (c0, ..., c5)}}."""
    group_by = tuple(group_by)
    rows = (Rollup.objects.filter(**filters).values(*group_by, "metric")
            .annotate(**{name: Sum(name) for name in COUNTERS}).order_by())
    result: dict[tuple, dict[str, tuple[int, ...]]] = defaultdict(dict)
    for row in rows:
        result[tuple(row[name] for name in group_by)][row["metric"]] = tuple(
            row[c] or 0 for c in COUNTERS)
    return dict(result)


def quarters() -> list[str]:
    """Fiscal quarters with counts, latest first."""
    return sorted(Rollup.objects.values_list("fiscal_quarter", flat=True).distinct(),
                  reverse=True)


@dataclass
class QuarterScores:
    """Everything a dashboard cell needs, summed from rollups."""

    likert: dict[str, DriverTally] = field(default_factory=dict)
    thumbs: dict[str, ThumbsTally] = field(default_factory=dict)
    went_well: dict[str, int] = field(default_factory=dict)
    not_well: dict[str, int] = field(default_factory=dict)
    served: int = 0
    offered: int = 0
    responses: int = 0


def read_scores(filters: dict, group_by: Iterable[str] = ("fiscal_quarter",)
                ) -> dict[tuple, QuarterScores]:
    """Scores per group (by default per fiscal quarter) for rollup rows matching `filters`."""
    result: dict[tuple, QuarterScores] = {}
    for group, metrics in read_cells(filters, group_by).items():
        scores = result[group] = QuarterScores()
        for metric, counts in metrics.items():
            kind, _, name = metric.partition(":")
            if kind == "likert":
                scores.likert[name] = DriverTally(tuple(counts[1:]))
            elif kind == "thumbs":
                scores.thumbs[name] = ThumbsTally(up=counts[1], down=counts[0])
            elif kind == "went_well":
                scores.went_well[name] = counts[1]
            elif kind == "not_well":
                scores.not_well[name] = counts[1]
            elif metric == SERVED:
                scores.served = counts[1]
            elif metric == OFFERED:
                scores.offered = counts[1]
            elif metric == RESPONSES:
                scores.responses = counts[1]
    return result
