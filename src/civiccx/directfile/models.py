"""Direct File's records: a return being prepared, its submissions (immutable snapshots), the
append-only event log of each submission, the agency's prior-year records used to verify a
signature, and anonymous funnel events.

A return moves through states only by the transitions below (django-fsm-2, decision 0013's
idiom): each transition writes its `SubmissionEvent` and sends its notification after commit.
"""

from __future__ import annotations

import json

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from civiccx.core.fields import EncryptedTextField


class ReturnStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    REJECTED = "rejected", _("Rejected")
    ACCEPTED = "accepted", _("Accepted")
    REFUND_APPROVED = "refund_approved", _("Refund approved")
    REFUND_SENT = "refund_sent", _("Refund sent")
    PAYMENT_DUE = "payment_due", _("Payment due")


EDITABLE = (ReturnStatus.IN_PROGRESS, ReturnStatus.REJECTED)


class TaxReturn(ConcurrentTransitionMixin, models.Model):
    """One person's return for one tax year, as they prepare it.

    `answers` is the interview's fact map (path -> value), encrypted as one JSON document: it
    holds names, SSNs, dates of birth and addresses. `version` grows by one with every save;
    `written` keeps, for each path, the version that last wrote it, so a save from a stale
    page is refused only when it would overwrite an answer saved since that page was shown.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="tax_returns")
    tax_year = models.PositiveSmallIntegerField()
    status = FSMField(max_length=16, choices=ReturnStatus.choices,
                      default=ReturnStatus.IN_PROGRESS, protected=True)
    answers_json = EncryptedTextField(default="{}")
    written = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=0)
    last_screen = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=8, default="en")
    milestones = models.JSONField(default=list, blank=True,
                                  help_text="Funnel steps already counted for this return.")
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "tax_year"],
                                               name="one_return_per_person_per_year")]
        permissions = [("view_return_pii", "Can see the personal details on a return")]

    def __str__(self):
        return f"Return {self.pk} ({self.tax_year})"

    @property
    def answers(self) -> dict:
        return json.loads(self.answers_json or "{}")

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE

    def latest_submission(self) -> Submission | None:
        return self.submissions.order_by("-number").first()

    # --- transitions: each one logs its event and tells the filer ---------------------
    @transition(field=status, source=list(EDITABLE), target=ReturnStatus.SUBMITTED)
    def submit(self, submission: Submission, now):
        self._log(submission, ReturnStatus.SUBMITTED, now)
        self._notify_after_commit(submission, "submitted")

    @transition(field=status, source=ReturnStatus.SUBMITTED, target=ReturnStatus.ACCEPTED)
    def accept(self, submission: Submission, now):
        self._log(submission, ReturnStatus.ACCEPTED, now)
        from civiccx.directfile.spine import record_accepted

        record_accepted(self, submission, now)
        self._notify_after_commit(submission, "accepted")

    @transition(field=status, source=ReturnStatus.SUBMITTED, target=ReturnStatus.REJECTED)
    def reject(self, submission: Submission, codes: list[str], now):
        self._log(submission, ReturnStatus.REJECTED, now, codes)
        self._notify_after_commit(submission, "rejected")

    @transition(field=status, source=ReturnStatus.ACCEPTED, target=ReturnStatus.REFUND_APPROVED)
    def approve_refund(self, submission: Submission, now):
        self._log(submission, ReturnStatus.REFUND_APPROVED, now)
        self._notify_after_commit(submission, "refund_approved")

    @transition(field=status, source=ReturnStatus.REFUND_APPROVED,
                target=ReturnStatus.REFUND_SENT)
    def send_refund(self, submission: Submission, now):
        self._log(submission, ReturnStatus.REFUND_SENT, now)
        self._notify_after_commit(submission, "refund_sent")

    @transition(field=status, source=ReturnStatus.ACCEPTED, target=ReturnStatus.PAYMENT_DUE)
    def ask_for_payment(self, submission: Submission, now):
        self._log(submission, ReturnStatus.PAYMENT_DUE, now)
        self._notify_after_commit(submission, "payment_due")

    def _log(self, submission: Submission, status: str, now, codes=()) -> None:
        """The change's event, and its counts in the season's rollups (same transaction)."""
        from civiccx.directfile.season import count

        SubmissionEvent.objects.create(submission=submission, status=status, at=now,
                                       detail={"codes": list(codes)} if codes else {})
        count(self, submission, status, now, codes)

    def _notify_after_commit(self, submission: Submission, kind: str) -> None:
        from civiccx.directfile.notices import notify

        transaction.on_commit(lambda: notify(self, submission, kind))


class ImmutableRecord(Exception):  # noqa: N818
    """A submission or event was asked to change; they are written once."""


class Submission(models.Model):
    """What was sent, exactly once per submit: the facts and the computed return, frozen."""

    tax_return = models.ForeignKey(TaxReturn, on_delete=models.PROTECT,
                                   related_name="submissions")
    number = models.PositiveSmallIntegerField()
    idempotency_key = models.CharField(max_length=64, unique=True)
    confirmation = models.CharField(max_length=24, unique=True)
    snapshot_json = EncryptedTextField()
    filing_status = models.CharField(max_length=32)
    refund_cents = models.BigIntegerField(default=0)
    owed_cents = models.BigIntegerField(default=0)
    language = models.CharField(max_length=8, default="en")
    submitted_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tax_return", "number"],
                                               name="one_number_per_submission")]
        ordering = ["tax_return", "number"]

    def __str__(self):
        return self.confirmation

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecord("A submission is written once and never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord("A submission is kept; it is never deleted.")

    @property
    def snapshot(self) -> dict:
        return json.loads(self.snapshot_json)


class SubmissionEvent(models.Model):
    """One status change of a submission; the log is append-only."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="events")
    status = models.CharField(max_length=16, choices=ReturnStatus.choices)
    at = models.DateTimeField()
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.submission} {self.status}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecord("The event log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord("The event log is append-only.")

    @property
    def codes(self) -> list[str]:
        return list(self.detail.get("codes", []))


class PriorYearRecord(models.Model):
    """What the agency already knows about a filer from last year, used to check a signature:
    last year's AGI and self-select PIN, the date of birth, and the Identity Protection PIN if
    the person has one. The demo agency holds a small table for its demo people."""

    tax_year = models.PositiveSmallIntegerField(
        help_text="The prior year (2023 for a 2024 return).")
    tin_index = models.CharField(max_length=64)
    tin = EncryptedTextField()
    name = EncryptedTextField(blank=True)
    date_of_birth = EncryptedTextField()
    agi_cents = models.BigIntegerField()
    self_select_pin = EncryptedTextField(blank=True)
    ip_pin = EncryptedTextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tin_index", "tax_year"],
                                               name="one_prior_year_record")]

    def __str__(self):
        return f"Prior-year record {self.pk} ({self.tax_year})"


class FunnelEvent(models.Model):
    """One step of the filing funnel, with no personal information: what happened, when, in
    which language, for which tax year, and a code (a step, a reason, a section).

    A checker visit found out of scope is one `checker_not_eligible` event (a person, so the
    funnel's steps count people) and one `checker_reason` event per reason (issue #13)."""

    class Kind(models.TextChoices):
        CHECKER_STARTED = "checker_started", _("Eligibility checker started")
        CHECKER_STEP = "checker_step", _("Eligibility checker step answered")
        CHECKER_ELIGIBLE = "checker_eligible", _("Checker: can likely use Direct File")
        CHECKER_NOT_ELIGIBLE = "checker_not_eligible", _("Checker: out of scope")
        CHECKER_REASON = "checker_reason", _("Checker: a reason it is out of scope")
        RETURN_STARTED = "return_started", _("Return started")
        RETURN_RESUMED = "return_resumed", _("Return resumed")
        SECTION_COMPLETED = "section_completed", _("Section completed")
        KNOCKOUT = "knockout", _("Knocked out")
        REVIEW_REACHED = "review_reached", _("Review reached")
        SIGNED = "signed", _("Signed")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        TIMED_OUT = "timed_out", _("Session timed out")

    kind = models.CharField(max_length=24, choices=Kind.choices)
    code = models.CharField(max_length=64, blank=True)
    tax_year = models.PositiveSmallIntegerField(null=True, blank=True)
    language = models.CharField(max_length=8, default="en")
    journey = models.CharField(max_length=32, blank=True,
                               help_text="A random id per checker visit, never a person's.")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["kind", "at"])]

    def __str__(self):
        return f"{self.kind} {self.code}"


auditlog.register(TaxReturn, mask_fields=["answers_json"], exclude_fields=["written"])
auditlog.register(PriorYearRecord, mask_fields=["tin", "name", "date_of_birth",
                                                "self_select_pin", "ip_pin"])


class ClaimedTin(models.Model):
    """A taxpayer id on an accepted return, found by its blind index: the primary and spouse
    (`filer`) and each dependent. Processing reads these to refuse a second accepted return
    for the same person (R0000-503-02 / R0000-504-02) or a dependent already claimed
    (IND-507-01); the unique constraint settles two returns accepted at the same moment."""

    class Role(models.TextChoices):
        FILER = "filer", _("Primary or spouse")
        DEPENDENT = "dependent", _("Dependent")

    tax_year = models.PositiveSmallIntegerField()
    tin_index = models.CharField(max_length=64)
    role = models.CharField(max_length=12, choices=Role.choices)
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="claims")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tax_year", "tin_index", "role"],
                                               name="one_accepted_claim_per_tin")]

    def __str__(self):
        return f"{self.role} claim {self.pk} ({self.tax_year})"
