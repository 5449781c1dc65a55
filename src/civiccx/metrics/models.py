"""The rollup counters dashboards and reports read, and the counts Civic CX holds no raw rows
for. Both are written only through `civiccx.metrics.rollups`."""

from __future__ import annotations

from django.db import models

from civiccx.services.models import Channel, Service

COUNTERS = ("c0", "c1", "c2", "c3", "c4", "c5")


class CellCounts(models.Model):
    """Six counters (c0..c5) for one service's channel, fiscal quarter, language and metric."""

    channel = models.CharField(max_length=16, choices=Channel.choices)
    fiscal_quarter = models.CharField(max_length=8)
    language = models.CharField(max_length=8)
    metric = models.CharField(max_length=40)
    c0 = models.BigIntegerField(default=0)
    c1 = models.BigIntegerField(default=0)
    c2 = models.BigIntegerField(default=0)
    c3 = models.BigIntegerField(default=0)
    c4 = models.BigIntegerField(default=0)
    c5 = models.BigIntegerField(default=0)

    class Meta:
        abstract = True


class Rollup(CellCounts):
    """Running counts per service × channel × fiscal quarter × language × metric.

    `metric` names what the counts mean: "likert:<driver>" (c1..c5 = answers at points 1..5),
    "thumbs:<driver>" (c0 = down, c1 = up), "went_well:<indicator>" / "not_well:<indicator>"
    (c1 = times ticked), "volume:served" / "volume:offered" / "volume:responses" (c1).
    Written in the same transaction as what they count, so they are always exact; and every
    row can be recomputed from the raw rows (`civiccx metrics rebuild`). Each cell is split into
    `ROLLUP_SHARDS` rows written at random: concurrent responses to the same service then rarely
    wait on each other's row locks (which are held until commit). Rebuilt cells sit in shard 0.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="rollups")
    shard = models.PositiveSmallIntegerField(
        default=0, help_text="Writers spread over shards so no single row is a hot spot; "
                             "readers sum the shards.")

    class Meta:
        db_table = "metrics_rollup"
        constraints = [models.UniqueConstraint(
            fields=["service", "channel", "fiscal_quarter", "language", "metric", "shard"],
            name="unique_rollup_cell_shard")]
        indexes = [models.Index(fields=["fiscal_quarter", "metric"],
                                name="metrics_rollup_quarter_idx")]

    def __str__(self):
        return f"{self.metric} {self.fiscal_quarter}"


class ExternalCount(CellCounts):
    """Counts reported by a system whose raw rows Civic CX does not hold: customers served at a
    counter or on a phone switch we do not run, surveys offered on paper, and the demo's
    synthetic history. Recorded once, added to the rollups, and added again by every rebuild."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT,
                                related_name="external_counts")
    source = models.CharField(max_length=100, help_text="Where the count came from.")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["fiscal_quarter"], name="metrics_external_quarter_idx")]

    def __str__(self):
        return f"{self.metric} {self.fiscal_quarter} from {self.source}"


class ReportedFigure(models.Model):
    """An operational figure's value for one service and fiscal quarter, reported by a system
    whose raw rows Civic CX does not hold (a phone switch's quarterly statistics from before
    the line moved here; the demo's history). `registry.read_figure` adds it to the app's own
    values for any period that covers the whole quarter. Recorded once, never edited."""

    key = models.CharField(max_length=100, help_text="A registered figure's key.")
    service = models.ForeignKey(Service, on_delete=models.PROTECT,
                                related_name="reported_figures")
    fiscal_quarter = models.CharField(max_length=8)
    value = models.FloatField(help_text="In the figure's unit: a share from 0 to 1, minutes "
                                        "or a count.")
    n = models.PositiveIntegerField(help_text="How many observations the value summarizes.")
    source = models.CharField(max_length=100, help_text="Where the value came from.")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "service", "fiscal_quarter"],
                                               name="one_reported_figure_per_quarter")]
        indexes = [models.Index(fields=["key", "fiscal_quarter"],
                                name="metrics_reported_key_idx")]

    def __str__(self):
        return f"{self.key} {self.fiscal_quarter} from {self.source}"
