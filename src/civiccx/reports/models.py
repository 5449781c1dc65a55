"""Commitments, capacity self-assessments and quarterly progress reports.

Nothing here is ever deleted: a commitment is withdrawn with a public reason, an assessment
of a new year is added beside the old ones, and a published report is corrected by publishing
a new version that names the old one, which stays readable with the correction note.
"""

from __future__ import annotations

import hashlib
import json

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, TransitionNotAllowed, transition

from civiccx.core.fiscal import parse_fiscal_quarter
from civiccx.core.redaction import redact
from civiccx.core.states import refused_with
from civiccx.services.models import Bilingual, Service


def validate_quarter(value: str) -> None:
    try:
        parse_fiscal_quarter(value)
    except ValueError as error:
        raise ValidationError(str(error)) from error


class NeverDeleted(models.Model):
    """Public records: the history is the point, so a row cannot be deleted."""

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Public records are never deleted; withdraw or correct them."))


class CommitmentError(TransitionNotAllowed):
    """A change of status the commitment's current status does not allow."""


class Commitment(ConcurrentTransitionMixin, Bilingual, NeverDeleted):
    """A public promise about one service's figure: from a baseline (the figure in a quarter,
    read from the data) to a quantitative target by a due quarter, with an owner."""

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        DELIVERED = "delivered", _("Delivered")
        MISSED = "missed", _("Target not met")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    title_es = models.CharField(max_length=200, blank=True)
    metric = models.CharField(max_length=100, help_text="A figure key, e.g. a11.trust.")
    baseline_quarter = models.CharField(max_length=8, validators=[validate_quarter])
    target = models.FloatField(
        help_text="In the figure's unit: a share from 0 to 1, minutes or a count."
    )
    due_quarter = models.CharField(max_length=8, validators=[validate_quarter])
    owner = models.CharField(max_length=120, help_text="The office accountable, not a person.")
    status = FSMField(max_length=10, choices=Status.choices, default=Status.OPEN, protected=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["service__order", "due_quarter", "pk"]

    def __str__(self):
        return self.title

    @property
    def localized_title(self) -> str:
        return self.localized("title")

    def _log(self, status: str, actor, note: str, at=None) -> None:
        CommitmentEvent.objects.create(
            commitment=self, status=status, note=note, actor=actor, at=at or timezone.now()
        )

    def record_made(self, actor, at=None) -> None:
        """The changelog's first line: the commitment was made (by whom, when)."""
        self._log(self.status, actor, str(_("Commitment made.")), at)

    @refused_with(CommitmentError, _("Only a commitment in progress can be marked delivered."))
    @transition(field=status, source=Status.OPEN, target=Status.DELIVERED)
    def deliver(self, actor, note: str):
        self._log(self.Status.DELIVERED, actor, note)

    @refused_with(CommitmentError, _("Only a commitment in progress can be marked as not met."))
    @transition(field=status, source=Status.OPEN, target=Status.MISSED)
    def miss(self, actor, note: str):
        self._log(self.Status.MISSED, actor, note)

    @refused_with(CommitmentError, _("This commitment is already withdrawn."))
    @transition(
        field=status, source=[Status.OPEN, Status.DELIVERED, Status.MISSED], target=Status.WITHDRAWN
    )
    def withdraw(self, actor, reason: str):
        """Withdrawn, never deleted: the reason is public and the commitment stays listed."""
        if not reason.strip():
            raise ValidationError(_("Say publicly why the commitment is withdrawn."))
        self._log(self.Status.WITHDRAWN, actor, reason)

    @property
    def withdrawal_reason(self) -> str:
        event = self.events.filter(status=self.Status.WITHDRAWN).last()
        return event.note if event else ""


class CommitmentEvent(NeverDeleted):
    """One line of a commitment's public changelog."""

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Commitment.Status.choices)
    note = models.TextField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.commitment_id}: {self.status} {self.at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        """The note is public: personal information is redacted before it is stored."""
        self.note = redact(self.note).text
        super().save(*args, **kwargs)


class CapacityAssessment(Bilingual, NeverDeleted):
    """The agency's annual CX capacity self-assessment, one score per OMB domain and year."""

    class Domain(models.TextChoices):
        MEASUREMENT = "measurement", _("Measurement")
        GOVERNANCE = "governance", _("Governance and strategy")
        CULTURE = "culture", _("Culture")
        RESEARCH = "research", _("Customer research")
        DESIGN = "design", _("Service design and delivery")

    fiscal_year = models.PositiveSmallIntegerField()
    domain = models.CharField(max_length=12, choices=Domain.choices)
    score = models.PositiveSmallIntegerField(help_text="1 (beginning) to 5 (leading).")
    note = models.TextField(blank=True)
    note_es = models.TextField(blank=True)

    class Meta:
        ordering = ["-fiscal_year", "domain"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "domain"], name="one_score_per_domain"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="score_one_to_five"
            ),
        ]

    def __str__(self):
        return f"FY{self.fiscal_year} {self.domain}: {self.score}"


class ReportError(TransitionNotAllowed):
    """A step of the publishing workflow the report's state does not allow."""


class ProgressReport(ConcurrentTransitionMixin, Bilingual, NeverDeleted):
    """One version of a service's quarterly progress report.

    Its numbers are references (`ReportFigure`), resolved from the metrics API while it is a
    draft and frozen into `data` (with its SHA-256) when it is published. A correction is a new
    version (`corrects` the old one) with a note; the old version stays readable."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("In review")
        PUBLISHED = "published", _("Published")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("The public")
        EMPLOYEES = "employees", _("Employees")
        PARTNERS = "partners", _("Partners")

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    quarter = models.CharField(max_length=8, validators=[validate_quarter])
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    version = models.PositiveSmallIntegerField(default=1)
    corrects = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrected_by"
    )
    correction_note = models.TextField(blank=True)
    correction_note_es = models.TextField(blank=True)
    learned = models.TextField(blank=True, help_text="What we learned this quarter.")
    learned_es = models.TextField(blank=True)
    next_steps = models.TextField(blank=True, help_text="What's next.")
    next_steps_es = models.TextField(blank=True)
    state = FSMField(max_length=10, choices=State.choices, default=State.DRAFT, protected=True)
    data = models.JSONField(null=True, blank=True, help_text="The numbers as published.")
    data_sha256 = models.CharField(max_length=64, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-quarter", "service__order", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "quarter", "audience", "version"], name="one_report_version"
            )
        ]

    def __str__(self):
        return f"{self.service.slug} {self.quarter} v{self.version}"

    @property
    def localized_learned(self) -> str:
        return self.localized("learned")

    @property
    def localized_next_steps(self) -> str:
        return self.localized("next_steps")

    @property
    def localized_correction_note(self) -> str:
        return self.localized("correction_note")

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "corrected_by") or self.corrected_by.state != self.State.PUBLISHED

    @refused_with(ReportError, _("Only a draft can be sent for review."))
    @transition(field=state, source=State.DRAFT, target=State.SUBMITTED)
    def submit(self, actor):
        self.submitted_by = actor

    @refused_with(ReportError, _("Only a report in review can be returned to its author."))
    @transition(field=state, source=State.SUBMITTED, target=State.DRAFT)
    def return_to_draft(self, actor):
        self.submitted_by = None

    @refused_with(ReportError, _("Only a report in review can be published."))
    @transition(field=state, source=State.SUBMITTED, target=State.PUBLISHED)
    def publish(self, actor, data: dict):
        """Freeze the numbers as resolved now, with the SHA-256 of their canonical JSON."""
        self.data = data
        self.data_sha256 = data_digest(data)
        self.published_by = actor
        self.published_at = timezone.now()


def data_digest(data: dict) -> str:
    """SHA-256 of the report's data as canonical JSON (sorted keys, no spaces): anyone can
    recompute it from the published JSON file's `data` object."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ReportFigure(models.Model):
    """A reference to a figure in a report: a key, never a number."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="figures")
    key = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="one_reference_per_figure")
        ]

    def __str__(self):
        return self.key


class Quote(Bilingual, NeverDeleted):
    """Something a customer said, for "What we heard": redacted before it is stored, and shown
    only with the customer's public consent."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    quarter = models.CharField(max_length=8, validators=[validate_quarter])
    text = models.TextField()
    text_es = models.TextField(blank=True)
    public_consent = models.BooleanField(
        default=False, help_text="The customer agreed that these words may be published."
    )

    class Meta:
        ordering = ["quarter", "pk"]

    def __str__(self):
        return self.text[:60]

    def save(self, *args, **kwargs):
        self.text = redact(self.text).text
        self.text_es = redact(self.text_es).text if self.text_es else ""
        super().save(*args, **kwargs)

    @property
    def localized_text(self) -> str:
        return self.localized("text")


# Staff enter quotes and capacity scores through forms: who entered what, and when, is kept.
auditlog.register(Quote)
auditlog.register(CapacityAssessment)
