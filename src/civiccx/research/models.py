"""The research repository (issue #14): studies, participants and their separate PII vault,
consent, sessions with redacted transcripts, highlights (exact character offsets) with a
hierarchical codebook, insights built from highlights, and what is published from them:
life experiences, personas and journey maps.

Personal data lives only in `ParticipantVault` (encrypted, read by the `research_recruiter`
role, every read audited). Everyone else knows a participant by a code (P-014) and segments.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, TransitionNotAllowed, transition

from civiccx.core.fields import EncryptedTextField
from civiccx.core.states import refused_with
from civiccx.metrics.drivers import DRIVER_LABELS
from civiccx.services.models import Bilingual, Channel


class Study(models.Model):
    class Method(models.TextChoices):
        INTERVIEWS = "interviews", _("Interviews")
        OBSERVATION = "observation", _("Observation")
        USABILITY = "usability", _("Usability test")
        DIARY = "diary", _("Diary study")

    class PRA(models.TextChoices):
        EXEMPT = "exempt", _("Exempt from the Paperwork Reduction Act")
        GENERIC = "generic", _("Covered by a generic clearance")
        CLEARANCE = "clearance", _("Cleared by OMB")

    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"))
    research_questions = models.TextField(_("research questions"), blank=True,
                                          help_text=_("One question a line."))
    method = models.CharField(_("method"), max_length=16, choices=Method.choices,
                              default=Method.INTERVIEWS)
    pra_status = models.CharField(_("Paperwork Reduction Act status"), max_length=16,
                                  choices=PRA.choices, default=PRA.EXEMPT)
    pra_reason = models.CharField(
        _("why it is exempt"), max_length=300, blank=True,
        help_text=_("For example: fewer than 10 people are asked the same questions."))
    omb_control_number = models.CharField(_("OMB control number"), max_length=20, blank=True)
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    services = models.ManyToManyField("services.Service", blank=True, related_name="studies",
                                      verbose_name=_("services studied"))
    # The Direct File research protocol: raw personal data within 24 hours, anonymised notes
    # within a year (docs/reference, REFERENCE.md §6).
    raw_retention_hours = models.PositiveIntegerField(
        _("keep original uploads for (hours)"), default=24,
        help_text=_("Original transcripts, before redaction, are deleted after this."))
    notes_retention_days = models.PositiveIntegerField(
        _("keep anonymised notes for (days)"), default=365)
    contact_retention_days = models.PositiveIntegerField(
        _("keep participants' contact details for (days after the study ends)"), default=30)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name_plural = "studies"

    def __str__(self):
        return self.title

    def question_list(self) -> list[str]:
        return [line.strip() for line in self.research_questions.splitlines() if line.strip()]

    def role_of(self, user) -> str | None:
        """The user's role on this study's team (StudyMember.Role), or None."""
        if not getattr(user, "pk", None):
            return None
        return self.members.filter(user=user).values_list("role", flat=True).first()


class StudyMember(models.Model):
    """A researcher on a study's team, with Taguette's four roles. Each role can do what the
    roles below it can: Admin (the team) > Manage documents (participants, sessions,
    withdrawal) > Tag (highlights, codebook, insights, the affinity board) > Read."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin")
        MANAGE = "manage", _("Manage documents")
        TAG = "tag", _("Tag")
        READ = "read", _("Read")

    RANK = {Role.READ: 1, Role.TAG: 2, Role.MANAGE: 3, Role.ADMIN: 4}

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="research_memberships")
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.READ)

    class Meta:
        ordering = ["study", "user__username"]
        constraints = [models.UniqueConstraint(fields=["study", "user"],
                                               name="one_membership_per_study")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) on {self.study}"

    @classmethod
    def allows(cls, role: str | None, needed: str) -> bool:
        return role is not None and cls.RANK[role] >= cls.RANK[needed]


class Participant(models.Model):
    """Someone who took part in a study, as everyone but the recruiter knows them."""

    class Language(models.TextChoices):
        EN = "en", _("English")
        ES = "es", _("Spanish")
        OTHER = "other", _("Another language")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="participants")
    code = models.CharField(_("participant code"), max_length=12)
    segment = models.CharField(_("segment"), max_length=100, blank=True,
                               help_text=_("For example: first-time applicant, tribal staff."))
    state = models.CharField(_("state"), max_length=2, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices,
                                default=Language.EN)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["study", "code"]
        constraints = [models.UniqueConstraint(fields=["study", "code"],
                                               name="one_code_per_study")]

    def __str__(self):
        return self.code

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class ParticipantVault(models.Model):
    """The participant's personal data: encrypted, read only by recruiters, every read audited,
    deleted on withdrawal and after the study's contact retention."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE,
                                       related_name="vault")
    name = EncryptedTextField(_("name"))
    email = EncryptedTextField(_("email"), blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    affiliation = EncryptedTextField(_("affiliation"), blank=True,
                                     help_text=_("For example, a Tribal Nation."))
    compensation = EncryptedTextField(_("compensation"), blank=True,
                                      help_text=_("What was offered and whether it was paid."))

    def __str__(self):
        return f"Vault of {self.participant.code}"


class Consent(models.Model):
    class Method(models.TextChoices):
        SIGNED = "signed", _("Signed form")
        VERBAL = "verbal", _("Verbal, recorded by the researcher")

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE,
                                       related_name="consent")
    form_version = models.CharField(_("consent form version"), max_length=40)
    method = models.CharField(_("how consent was given"), max_length=8,
                              choices=Method.choices, default=Method.SIGNED)
    given_on = models.DateField(_("date given"), default=timezone.localdate)
    record_media = models.BooleanField(_("may record audio or video"), default=False)
    observers = models.BooleanField(_("observers may attend"), default=False)
    quote_internally = models.BooleanField(_("may be quoted inside the agency"), default=False)
    quote_publicly = models.BooleanField(_("may be quoted publicly, without a name"),
                                         default=False)
    withdrawn_on = models.DateField(null=True, blank=True)

    def __str__(self):
        return f"Consent of {self.participant.code} ({self.form_version})"

    def scopes(self) -> list[str]:
        return [str(self._meta.get_field(name).verbose_name)
                for name in ("record_media", "observers", "quote_internally", "quote_publicly")
                if getattr(self, name)]


class ResearchSession(models.Model):
    """An interview or observation: its transcript (redacted at intake) and the notes."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="sessions")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="sessions", null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"), default=timezone.localdate)
    transcript = models.TextField(_("transcript"), blank=True)
    cues = models.JSONField(default=list, blank=True,
                            help_text="[[character offset, timecode], ...] for .vtt uploads.")
    original = EncryptedTextField(blank=True, help_text="The upload before redaction; deleted "
                                                        "after the study's raw retention.")
    original_expires_at = models.DateTimeField(null=True, blank=True)
    redactions = models.JSONField(default=dict, blank=True)
    redaction_confirmed = models.BooleanField(default=False)
    notes = models.TextField(_("notes"), blank=True,
                             help_text=_("What you saw, without interpretation or personal data."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["study", "held_on", "pk"]

    def __str__(self):
        return self.title

    def timecode_at(self, offset: int) -> str:
        found = ""
        for start, code in self.cues:
            if start > offset:
                break
            found = code
        return found

    def expire_original(self, hours: int) -> None:
        self.original_expires_at = timezone.now() + timedelta(hours=hours)


class Tag(models.Model):
    """A code in the study's codebook; `parent` makes it hierarchical ("Access/Phone")."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="tags")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="children")
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    guid = models.UUIDField(default=uuid.uuid4)
    path = models.CharField(max_length=400, editable=False,
                            help_text="Names from the top of the codebook, joined by /.")

    class Meta:
        ordering = ["study", "path"]
        constraints = [
            models.UniqueConstraint(fields=["study", "parent", "name"], name="one_tag_name"),
            models.UniqueConstraint(fields=["study", "guid"], name="one_tag_guid"),
        ]

    def __str__(self):
        return self.path

    def save(self, *args, **kwargs):
        self.path = f"{self.parent.path}/{self.name}" if self.parent else self.name
        super().save(*args, **kwargs)


class Highlight(models.Model):
    """A passage of a transcript, by exact character offsets [start, end)."""

    session = models.ForeignKey(ResearchSession, on_delete=models.CASCADE,
                                related_name="highlights")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    timecode = models.CharField(max_length=16, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="highlights")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "start"]

    def __str__(self):
        return self.text[:60]

    @property
    def participant(self):
        return self.session.participant

    @property
    def publicly_quotable(self) -> bool:
        participant = self.session.participant
        if participant is None or participant.withdrawn:
            return False
        consent = getattr(participant, "consent", None)
        return bool(consent and consent.quote_publicly and not consent.withdrawn_on)


class Insight(Bilingual):
    """A finding that cites its evidence: qualitative, never representative."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="insights")
    statement = models.TextField(_("statement"))
    statement_es = models.TextField(_("statement in Spanish"), blank=True,
                                    help_text=_("For published pages."))
    highlights = models.ManyToManyField(Highlight, related_name="insights",
                                        verbose_name=_("evidence"))
    services = models.ManyToManyField("services.Service", blank=True, related_name="+",
                                      verbose_name=_("services"))
    metric_note = models.CharField(
        _("metric movement"), max_length=300, blank=True,
        help_text=_("An A-11 or operational figure this explains, e.g. “ease on the phone "
                    "fell in Q2”."))
    metric_service = models.ForeignKey(
        "services.Service", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("A-11 series: service"),
        help_text=_("Draw this service's A-11 scores beside the insight's quotes."))
    metric_driver = models.CharField(
        _("A-11 series: driver"), max_length=16, blank=True,
        choices=[(key, label) for key, label in DRIVER_LABELS.items()])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.statement[:80]

    def evidence(self) -> dict:
        """How many highlights, how many distinct participants, and which segments."""
        highlights = list(self.highlights.select_related("session__participant"))
        people = {h.session.participant for h in highlights if h.session.participant}
        return {"highlights": len(highlights), "participants": len(people),
                "segments": sorted({p.segment for p in people if p.segment})}


class Cluster(models.Model):
    """A group on a study's affinity board: highlights that say the same thing, on their way
    to becoming an insight."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="clusters")
    name = models.CharField(_("cluster name"), max_length=200)
    highlights = models.ManyToManyField(Highlight, blank=True, related_name="clusters")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["study", "created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["study", "name"],
                                               name="one_cluster_name_per_study")]

    def __str__(self):
        return self.name


class ChangeLog(models.Model):
    """Append-only: every change to a study's data, as Taguette's command log keeps it."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              related_name="+")
    action = models.CharField(max_length=40)
    detail = models.JSONField(default=dict)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.action} ({self.at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("The change log is append-only.")
        super().save(*args, **kwargs)


class DeletionReceipt(models.Model):
    """What was deleted, when and why: given to a participant who withdraws, and kept for the
    retention job. It names the participant only by code."""

    class Reason(models.TextChoices):
        WITHDRAWAL = "withdrawal", _("Participant withdrew")
        RETENTION = "retention", _("Retention period ended")

    number = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="receipts")
    participant_code = models.CharField(max_length=12, blank=True)
    reason = models.CharField(max_length=12, choices=Reason.choices)
    deleted = models.JSONField(default=dict)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_at"]

    KINDS = {
        "contact_details": _("Contact details (the participant vault)"),
        "sessions": _("Sessions, with their transcripts and notes"),
        "highlights": _("Highlights"),
        "insights_changed": _("Insights that lost evidence"),
        "personas_changed": _("Personas that lost quotes"),
        "original_uploads": _("Original uploads, before redaction"),
    }

    def __str__(self):
        return f"Deletion receipt {self.number}"

    def lines(self) -> list[tuple[str, int]]:
        return [(str(self.KINDS.get(kind, kind)), count) for kind, count in self.deleted.items()]


# --- what is published ------------------------------------------------------------------


class PublishError(TransitionNotAllowed):
    """A page cannot be published: its state does not allow it, or the PII scan of its
    rendered pages found personal information."""


class Publishable(ConcurrentTransitionMixin, Bilingual):
    """Drafted by researchers, published only after a PII scan of its rendered pages."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    state = FSMField(max_length=10, choices=State.choices, default=State.DRAFT, protected=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @refused_with(PublishError, _("Only a draft can be published."))
    @transition(field=state, source=State.DRAFT, target=State.PUBLISHED)
    def publish(self, scan_findings: list[str]):
        """`scan_findings` is the PII scan of the rendered pages (research.publishing)."""
        if scan_findings:
            raise PublishError(_("Not published: the page shows what looks like personal "
                               "information (%(found)s). Remove it and try again.")
                             % {"found": ", ".join(scan_findings)})
        self.published_at = timezone.now()

    @refused_with(PublishError, _("Only a published page can be withdrawn."))
    @transition(field=state, source=State.PUBLISHED, target=State.DRAFT)
    def unpublish(self):
        self.published_at = None


class LifeExperience(Publishable):
    slug = models.SlugField(unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_es = models.CharField(_("title in Spanish"), max_length=200, blank=True)
    summary = models.TextField(_("where we are"), blank=True)
    summary_es = models.TextField(_("where we are, in Spanish"), blank=True)
    challenge = models.TextField(_("how might we"), blank=True)
    challenge_es = models.TextField(_("how might we, in Spanish"), blank=True)
    approach = models.TextField(_("our approach"), blank=True)
    approach_es = models.TextField(_("our approach, in Spanish"), blank=True)
    studies = models.ManyToManyField(Study, blank=True, related_name="life_experiences")
    insights = models.ManyToManyField(Insight, blank=True, related_name="life_experiences")
    pull_quote = models.ForeignKey(Highlight, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class Persona(Publishable):
    """A composite person: every trait should trace to highlights through its insights."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100,
                            help_text=_("A made-up name: personas are composites."))
    life_experience = models.ForeignKey(LifeExperience, on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="personas")
    summary = models.TextField(_("summary"))
    summary_es = models.TextField(_("summary in Spanish"), blank=True)
    goals = models.TextField(_("goals"), blank=True, help_text=_("One a line."))
    goals_es = models.TextField(_("goals in Spanish"), blank=True)
    needs = models.TextField(_("needs"), blank=True, help_text=_("One a line."))
    needs_es = models.TextField(_("needs in Spanish"), blank=True)
    pain_points = models.TextField(_("pain points"), blank=True, help_text=_("One a line."))
    pain_points_es = models.TextField(_("pain points in Spanish"), blank=True)
    insights = models.ManyToManyField(Insight, blank=True, related_name="personas",
                                      verbose_name=_("insights"))
    quotes = models.ManyToManyField(Highlight, blank=True, related_name="personas",
                                    verbose_name=_("quotes"))

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


EMOTIONS = [(-2, _("−2: very bad")), (-1, _("−1: bad")), (0, _("0: neutral")),
            (1, _("1: good")), (2, _("2: very good"))]


class JourneyStep(Bilingual):
    """One step of a life experience's journey map, within a phase."""

    life_experience = models.ForeignKey(LifeExperience, on_delete=models.CASCADE,
                                        related_name="steps")
    order = models.PositiveSmallIntegerField(default=0)
    phase = models.CharField(_("phase"), max_length=100)
    phase_es = models.CharField(_("phase in Spanish"), max_length=100, blank=True)
    title = models.CharField(_("step"), max_length=200)
    title_es = models.CharField(_("step in Spanish"), max_length=200, blank=True)
    goal = models.CharField(_("goal"), max_length=300, blank=True)
    goal_es = models.CharField(_("goal in Spanish"), max_length=300, blank=True)
    behaviour = models.CharField(_("what people do"), max_length=300, blank=True)
    behaviour_es = models.CharField(_("what people do, in Spanish"), max_length=300,
                                    blank=True)
    channel = models.CharField(_("channel"), max_length=40, blank=True, choices=Channel.choices)
    services = models.ManyToManyField("services.Service", blank=True, related_name="+",
                                      verbose_name=_("services (touchpoints)"))
    decision = models.CharField(_("decision moment"), max_length=300, blank=True,
                                help_text=_("A choice people make here, e.g. “call or visit?”"))
    decision_es = models.CharField(_("decision moment in Spanish"), max_length=300,
                                   blank=True)
    pain_point = models.CharField(_("pain point"), max_length=300, blank=True)
    pain_point_es = models.CharField(_("pain point in Spanish"), max_length=300, blank=True)
    bright_spot = models.CharField(_("bright spot"), max_length=300, blank=True)
    bright_spot_es = models.CharField(_("bright spot in Spanish"), max_length=300, blank=True)
    emotion = models.SmallIntegerField(
        _("feeling"), default=0, choices=EMOTIONS,
        validators=[MinValueValidator(-2), MaxValueValidator(2)])
    insights = models.ManyToManyField(Insight, blank=True, related_name="steps",
                                      verbose_name=_("evidence (insights)"))

    class Meta:
        ordering = ["life_experience", "order", "pk"]

    def __str__(self):
        return f"{self.phase}: {self.title}"


auditlog.register(ParticipantVault,
                  mask_fields=["name", "email", "phone", "affiliation", "compensation"])
auditlog.register(Consent)
