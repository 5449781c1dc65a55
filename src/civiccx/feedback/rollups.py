"""Incremental rollups: each response, offer and served customer adds to a few counter rows in
the same transaction, and dashboards read those rows instead of raw responses."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Sum

from civiccx.feedback.instruments import Instrument
from civiccx.feedback.models import Rollup
from civiccx.feedback.scoring import DriverTally, ThumbsTally

COUNTERS = ("c0", "c1", "c2", "c3", "c4", "c5")
ROLLUP_SHARDS = 16
SERVED, OFFERED, RESPONSES = "volume:served", "volume:offered", "volume:responses"


def increment(*, service_id: int, channel: str, fiscal_quarter: str, language: str,
              metric: str, **deltas: int) -> None:
    """Add `deltas` (e.g. c3=1) to one rollup cell, creating it the first time."""
    key = {"service_id": service_id, "channel": channel, "fiscal_quarter": fiscal_quarter,
           "language": language, "metric": metric, "shard": random.randrange(ROLLUP_SHARDS)}
    updates = {name: F(name) + amount for name, amount in deltas.items()}
    if Rollup.objects.filter(**key).update(**updates):
        return
    try:
        with transaction.atomic():
            Rollup.objects.create(**key, **deltas)
    except IntegrityError:  # another writer created the cell first
        Rollup.objects.filter(**key).update(**updates)


def add_cells(*, service_id: int, channel: str, fiscal_quarter: str, language: str,
              cells: list[tuple[str, dict]]) -> None:
    """Add many cells' deltas in one INSERT ... ON CONFLICT DO UPDATE (PostgreSQL, SQLite).

    One statement per response keeps the time hot counter rows stay locked short, which is
    what limits concurrent writers.
    """
    sql, params = upsert_sql(service_id=service_id, channel=channel,
                             fiscal_quarter=fiscal_quarter, language=language, cells=cells)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def upsert_sql(*, service_id: int, channel: str, fiscal_quarter: str, language: str,
               cells: list[tuple[str, dict]]) -> tuple[str, list]:
    """The rollup upsert statement and its parameters (also used inside a larger statement)."""
    merged: dict[str, dict[str, int]] = {}
    for metric, deltas in cells:
        for name, amount in deltas.items():
            merged.setdefault(metric, dict.fromkeys(COUNTERS, 0))[name] += amount
    table = Rollup._meta.db_table
    shard = random.randrange(ROLLUP_SHARDS)
    values, params = [], []
    for metric, counts in sorted(merged.items()):  # a fixed order: no deadlocks
        values.append("(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)")
        params += [service_id, channel, fiscal_quarter, language, metric, shard,
                   *(counts[name] for name in COUNTERS)]
    updates = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in COUNTERS)
    # Only constant names are formatted in; every value is a bound parameter.
    sql = (f"INSERT INTO {table} (service_id, channel, fiscal_quarter, language, metric, "  # noqa: S608
           f"shard, {', '.join(COUNTERS)}) VALUES {', '.join(values)} "
           f"ON CONFLICT (service_id, channel, fiscal_quarter, language, metric, shard) "
           f"DO UPDATE SET {updates}")
    return sql, params


def metrics_for_answers(instrument: Instrument, answers: dict) -> list[tuple[str, dict]]:
    """Which rollup cells one accepted response adds to."""
    cells: list[tuple[str, dict]] = [(RESPONSES, {"c1": 1})]
    for question in instrument.questions:
        value = answers.get(question.id)
        if value is None:
            continue
        if question.type == "likert5" and question.driver:
            cells.append((f"likert:{question.driver}", {f"c{int(value)}": 1}))
        elif question.type == "thumbs" and question.driver:
            cells.append((f"thumbs:{question.driver}", {f"c{int(value)}": 1}))
        elif question.type == "checkbox" and question.show_when:
            side = indicator_side(question)
            for option in value:
                cells.append((f"{side}:{option}", {"c1": 1}))
    return cells


def indicator_side(question) -> str:
    """A-11 v2: the checklist shown after a positive answer is "went well", else "not well"."""
    values = question.show_when.values
    positive = 1 in values["thumbs"] if "thumbs" in values else 5 in values.get("likert5", ())
    return "went_well" if positive else "not_well"


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
    group_by = tuple(group_by)
    rows = (Rollup.objects.filter(**filters).values(*group_by, "metric")
            .annotate(**{name: Sum(name) for name in COUNTERS}))
    result: dict[tuple, QuarterScores] = defaultdict(QuarterScores)
    for row in rows:
        scores = result[tuple(row[name] for name in group_by)]
        kind, _, name = row["metric"].partition(":")
        counts = [row[c] or 0 for c in COUNTERS]
        if kind == "likert":
            scores.likert[name] = DriverTally.of(dict(zip(range(1, 6), counts[1:], strict=True)))
        elif kind == "thumbs":
            scores.thumbs[name] = ThumbsTally(up=counts[1], down=counts[0])
        elif kind == "went_well":
            scores.went_well[name] = counts[1]
        elif kind == "not_well":
            scores.not_well[name] = counts[1]
        elif row["metric"] == SERVED:
            scores.served = counts[1]
        elif row["metric"] == OFFERED:
            scores.offered = counts[1]
        elif row["metric"] == RESPONSES:
            scores.responses = counts[1]
    return dict(result)
