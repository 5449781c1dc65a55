"""Season planning records: imported call history, and the planner's runs with their progress
and results (a run takes seconds to a minute, so it works in the background)."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition


class SeasonHistory(models.Model):
    """A phone line's calls per half-hour, imported from a CSV where the line's history is not
    in Civic CX (or made up for the demo). Aggregates only: no caller is identifiable."""

    class Source(models.TextChoices):
        UPLOAD = "upload", _("Uploaded file")
        DEMO = "demo", _("Demo data")

    name = models.CharField(max_length=200)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.UPLOAD)
    interval_minutes = models.PositiveSmallIntegerField(default=30)
    first_day = models.DateField()
    last_day = models.DateField()
    calls = models.FloatField(default=0)
    created_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name_plural = "season histories"

    def __str__(self):
        return self.name


class HistoryInterval(models.Model):
    history = models.ForeignKey(SeasonHistory, on_delete=models.CASCADE,
                                related_name="intervals")
    day = models.DateField()
    slot = models.PositiveSmallIntegerField(help_text="Interval of the day, from midnight.")
    calls = models.FloatField()
    aht_seconds = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["history", "day", "slot"],
                                               name="one_row_per_history_interval")]

    def __str__(self):
        return f"{self.history_id} {self.day} {self.slot}"


class PlanningRun(ConcurrentTransitionMixin, models.Model):
    """One run of the season planner: its inputs, where it has got to, and what it found.
    States as decision 0013 writes them: moved only by the transitions below."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    status = FSMField(max_length=10, choices=Status.choices, default=Status.QUEUED,
                      protected=True)
    stage = models.CharField(max_length=20, blank=True)
    history = models.ForeignKey(SeasonHistory, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="runs")
    source = models.CharField(max_length=100, blank=True,
                              help_text="Use the calls this line recorded (e.g. phone.main-line).")
    settings = models.JSONField(default=dict)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(django_settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"planning run {self.pk} ({self.status})"

    @transition(field=status, source=Status.QUEUED, target=Status.RUNNING)
    def start(self):
        self.stage = ""

    @transition(field=status, source=Status.RUNNING, target=Status.DONE)
    def finish(self, result: dict):
        self.result = result
        self.stage = ""
        self.finished_at = timezone.now()

    @transition(field=status, source=[Status.QUEUED, Status.RUNNING], target=Status.FAILED)
    def fail(self, message: str):
        self.error = message
        self.finished_at = timezone.now()

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
