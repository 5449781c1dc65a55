"""Surveys deployed per service, who is offered them (invitations and visits shown a hosted
survey) and what people answered. Their counts live in the metrics app's rollups."""

from __future__ import annotations

import json
from functools import cached_property, lru_cache

from auditlog.registry import auditlog
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from civiccx.feedback.instruments import (
    Instrument,
    load_instrument,
    render_instrument,
    with_custom_questions,
)
from civiccx.services.models import Channel, Interaction, Service


class Survey(models.Model):
    """An A-11 instrument deployed for a service, optionally for one channel, plus the agency's
    own questions (a copy of the instrument: the standard wording is never edited)."""

    class Variant(models.TextChoices):
        THUMBS = "thumbs", _("Thumbs up or down")
        RADIO = "radio", _("1 to 5 scale")

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="surveys")
    channel = models.CharField(max_length=16, choices=Channel.choices, blank=True,
                               help_text="Blank: the survey serves every channel.")
    instrument_name = models.CharField(max_length=40, default="a11_v2")
    instrument_version = models.PositiveSmallIntegerField(default=1)
    variant = models.CharField(max_length=10, choices=Variant.choices, blank=True)
    custom_questions = models.JSONField(default=list, blank=True)
    omb_control_number = models.CharField(max_length=20, blank=True)
    omb_expiration_date = models.DateField(null=True, blank=True)
    burden_minutes = models.PositiveSmallIntegerField(default=2)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["service", "channel"]

    def __str__(self):
        return f"{self.service} — {self.instrument_name} v{self.instrument_version}"

    @cached_property
    def instrument(self) -> Instrument:
        """The instrument with custom questions and the service and agency names filled in, as
        the noun phrases a sentence takes ("your experience with the help center")."""
        provider = self.service.provider
        expiration = (_in_both_languages(lambda: date_format(self.omb_expiration_date,
                                                              "DATE_FORMAT"))
                      if self.omb_expiration_date else ())
        return _rendered_instrument(
            self.instrument_name, self.instrument_version, self.variant,
            json.dumps(self.custom_questions, sort_keys=True),
            _in_both_languages(lambda: self.service.localized_name_in_sentence),
            _in_both_languages(lambda: provider.localized_name_in_sentence),
            self.omb_control_number, expiration, self.burden_minutes)

    @property
    def kind(self) -> str:
        return "thumbs" if self.instrument_name == "a11_v2" and self.variant != "radio" \
            else "likert"


def _in_both_languages(text) -> tuple[str, str]:
    """(English, Spanish) of `text()`, e.g. a long date or a name as a sentence uses it."""
    names = []
    for language in ("en", "es"):
        with translation.override(language):
            names.append(text())
    return tuple(names)


@lru_cache(maxsize=512)
def _rendered_instrument(name, version, variant, custom_json, service, agency, omb_number,
                         expiration, burden) -> Instrument:
    """Rendering is pure, so each distinct survey is rendered once per process."""
    base = load_instrument(name, version, variant or None)
    custom = json.loads(custom_json)
    if custom:
        base = with_custom_questions(base, custom)
    pra = {}
    if omb_number and expiration:
        pra = {"omb_control_number": omb_number,
               "expiration_date": dict(zip(("en", "es"), expiration, strict=True))}
    return render_instrument(base, dict(zip(("en", "es"), service, strict=True)),
                             dict(zip(("en", "es"), agency, strict=True)),
                             burden_minutes=burden, **pra)


class SamplingRule(models.Model):
    """Which finished interactions of a service get a survey invitation, and how often a
    person may be asked (so nobody is surveyed after every call)."""

    service = models.OneToOneField(Service, on_delete=models.CASCADE, related_name="sampling")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sampling_rules")
    rate = models.DecimalField(max_digits=5, decimal_places=4, default=0.25,
                               validators=[MinValueValidator(0), MaxValueValidator(1)],
                               help_text="Share of eligible interactions invited (0 to 1).")
    cap_days = models.PositiveIntegerField(
        default=90, help_text="Invite the same person at most once in this many days.")
    link_valid_days = models.PositiveIntegerField(default=14)
    remind_after_days = models.PositiveIntegerField(default=3)
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return f"Invite {self.rate:.0%} of {self.service}"


class Invitation(models.Model):
    """One single-use survey link sent to one person after one interaction."""

    class Delivery(models.TextChoices):
        SMS = "sms", _("Text message")
        EMAIL = "email", _("Email")

    interaction = models.OneToOneField(Interaction, on_delete=models.CASCADE,
                                       related_name="invitation")
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="invitations")
    recipient_index = models.CharField(max_length=64, db_index=True)
    delivery = models.CharField(max_length=8, choices=Delivery.choices)
    language = models.CharField(max_length=8, default="en")
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Invitation {self.pk} ({self.get_delivery_display()})"

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at


class SurveyVisit(models.Model):
    """A visit (one browser session) shown a hosted or embedded survey: one survey opportunity,
    counted as "offered" once however often the page is reloaded. Invitations are the other
    kind of opportunity."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="visits")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    language = models.CharField(max_length=8, default="en")
    visit = models.CharField(max_length=32)
    shown_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "channel", "visit"],
                                               name="one_survey_offer_per_visit")]

    def __str__(self):
        return f"{self.survey} shown to visit {self.visit[:8]}"


class Response(models.Model):
    """One person's answers. Never edited after it is accepted."""

    class Source(models.TextChoices):
        HOSTED = "hosted", _("Survey page")
        INVITATION = "invitation", _("Invitation link")
        EMBED = "embed", _("Embedded widget")
        API = "api", _("API")
        IMPORT = "import", pgettext_lazy("where a response came from", "Imported")

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="responses")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    interaction = models.ForeignKey(Interaction, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="responses")
    invitation = models.OneToOneField(Invitation, on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="response")
    fiscal_quarter = models.CharField(max_length=8, db_index=True)
    language = models.CharField(max_length=8, default="en")
    answers = models.JSONField()
    source = models.CharField(max_length=12, choices=Source.choices)
    submitted_at = models.DateTimeField(default=timezone.now)
    external_id = models.CharField(
        max_length=64, blank=True, default="", db_default="",
        help_text="The response's id in the system it was imported from (Touchpoints' ID); "
                  "importing the same response again changes nothing.")

    class Meta:
        indexes = [models.Index(fields=["service", "channel", "fiscal_quarter"])]
        constraints = [models.UniqueConstraint(
            fields=["survey", "external_id"], condition=~models.Q(external_id=""),
            name="one_response_per_external_id")]

    def __str__(self):
        return f"Response {self.pk} to {self.survey}"


class Comment(models.Model):
    """A response's free text, redacted of PII before it is stored, with tags for analysis."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="comments")
    question_id = models.CharField(max_length=64)
    text = models.TextField()
    redactions = models.PositiveSmallIntegerField(default=0)
    sentiment = models.FloatField(default=0)
    sentiment_label = models.CharField(max_length=10, default="neutral")
    topics = models.JSONField(default=list)
    analyst_tags = models.JSONField(default=list, blank=True)
    flagged = models.BooleanField(default=False)

    SENTIMENT_NAMES = {"positive": pgettext_lazy("comment sentiment", "positive"),
                       "negative": pgettext_lazy("comment sentiment", "negative"),
                       "neutral": pgettext_lazy("comment sentiment", "neutral")}

    class Meta:
        ordering = ["-response__submitted_at"]

    def __str__(self):
        return self.text[:60]

    @property
    def sentiment_name(self) -> str:
        """The sentiment tag in the reader's language (the stored label is an id)."""
        return str(self.SENTIMENT_NAMES.get(self.sentiment_label, self.sentiment_label))

    @property
    def topic_names(self) -> list[str]:
        """The topic tags in the reader's language, from the lexicon's labels."""
        from civiccx.core.languages import current_language
        from civiccx.feedback.comment_tags import TOPICS

        language = current_language()
        return [TOPICS[t]["label"].get(language, TOPICS[t]["label"]["en"]) if t in TOPICS
                else t for t in self.topics]


auditlog.register(Comment, include_fields=["analyst_tags", "flagged"])


class SurveyBurst(models.Model):
    """Anonymous responses to one survey refused as stuffing in one hour (too many for the
    survey's rate, or a repeated comment): the CX dashboard flags these hours."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="bursts")
    hour = models.DateTimeField()
    refused = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "hour"],
                                               name="one_burst_per_survey_hour")]

    def __str__(self):
        return f"{self.survey} {self.hour:%Y-%m-%d %H}:00 {self.refused}"
