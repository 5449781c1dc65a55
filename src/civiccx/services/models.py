"""The catalog (who provides which services, through which channels, where and when) and
`Interaction`, the one record every channel writes when it finishes serving someone."""

from __future__ import annotations

from datetime import timedelta

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from civiccx.core.fields import EncryptedTextField
from civiccx.core.languages import current_language, default_language


class Bilingual(models.Model):
    """Public text kept in English and Spanish; `localized` picks the reader's language."""

    class Meta:
        abstract = True

    def localized(self, field: str) -> str:
        """`field` in the current language (`name_es` for Spanish), else in English."""
        language = current_language()
        if language != default_language():
            translated = getattr(self, f"{field}_{language}", "")
            if translated:
                return translated
        return getattr(self, field)

    @property
    def localized_name(self) -> str:
        return self.localized("name")

    @property
    def localized_name_in_sentence(self) -> str:
        """The name as a noun phrase with its article, for a sentence ("the Federal Revenue
        Service" / "el Servicio Federal de Ingresos"); the plain name when none is given (a
        Spanish reader never gets the English phrase)."""
        language = current_language()
        phrase = (self.name_in_sentence if language == default_language()
                  else getattr(self, f"name_in_sentence_{language}", ""))
        return phrase or self.localized_name

    @property
    def localized_summary(self) -> str:
        return self.localized("summary")

    @property
    def localized_instructions(self) -> str:
        return self.localized("instructions")


NAME_IN_SENTENCE_HELP = (
    "The name as a sentence uses it, with its article: \"the Federal Revenue Service\", "
    "\"filing your tax return\" (surveys ask about \"your experience with …\").")
NAME_IN_SENTENCE_ES_HELP = (
    "The same in Spanish: \"el Servicio Federal de Ingresos\", \"la presentación de la "
    "declaración de impuestos\".")


class ServiceProvider(Bilingual):
    """An agency or a High-Impact Service Provider (HISP) within a department."""

    name = models.CharField(max_length=200)
    name_es = models.CharField(max_length=200, blank=True)
    name_in_sentence = models.CharField(
        max_length=200, blank=True,
        help_text=NAME_IN_SENTENCE_HELP)
    name_in_sentence_es = models.CharField(max_length=200, blank=True,
                                           help_text=NAME_IN_SENTENCE_ES_HELP)
    department = models.CharField(max_length=200, blank=True)
    abbreviation = models.CharField(max_length=20, blank=True)
    website = models.URLField(blank=True)

    def __str__(self):
        return self.name

    @classmethod
    def main(cls) -> ServiceProvider | None:
        """The first provider: the agency this site serves."""
        return cls.objects.order_by("pk").first()

    @classmethod
    def main_name(cls) -> str | None:
        """The main provider's name in the current language."""
        provider = cls.main()
        return provider.localized_name if provider else None

    @classmethod
    def main_names(cls) -> tuple[str, str] | None:
        """The main provider's name and name in a sentence, in the current language (the
        agency's names for core, see `civiccx.core.agency`)."""
        provider = cls.main()
        return (provider.localized_name, provider.localized_name_in_sentence) if provider else None

    @classmethod
    def main_name_in_sentence(cls) -> str | None:
        provider = cls.main()
        return provider.localized_name_in_sentence if provider else None


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    WEB = "web", _("Online")
    IN_PERSON = "in_person", _("In person")
    MAIL = "mail", _("Mail")
    AUTOMATED_PHONE = "automated_phone", _("Automated phone line")
    EMAIL = "email", _("Email")
    LIVE_CHAT = "live_chat", _("Live chat")


class Service(Bilingual):
    provider = models.ForeignKey(ServiceProvider, on_delete=models.PROTECT, related_name="services")
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    name_es = models.CharField(max_length=200, blank=True)
    name_in_sentence = models.CharField(
        max_length=200, blank=True,
        help_text=NAME_IN_SENTENCE_HELP)
    name_in_sentence_es = models.CharField(max_length=200, blank=True,
                                           help_text=NAME_IN_SENTENCE_ES_HELP)
    summary = models.TextField()
    summary_es = models.TextField(blank=True)
    contact_retention_days = models.PositiveIntegerField(
        default=90, help_text="Days to keep a customer's contact details after an interaction."
    )
    is_public = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        """The name in the reader's language: forms list services by it (issue #20)."""
        return self.localized_name


class ServiceChannel(Bilingual):
    """A way to get a service: a phone line, a website, centers, a mailing address."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    instructions = models.CharField(max_length=300, blank=True)
    instructions_es = models.CharField(max_length=300, blank=True)
    url = models.CharField(
        max_length=300, blank=True,
        help_text="Where the public starts on this channel: a page of this site in English "
                  "(/phone/callback/main-line/; readers get their language's version) or a "
                  "full address.")
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "channel"], name="unique_service_channel")
        ]

    def __str__(self):
        return f"{self.service} ({self.get_channel_display()})"

    @property
    def localized_url(self) -> str:
        """`url` in the reader's language: a page of this site gets its language prefix."""
        if not self.url.startswith("/"):
            return self.url
        language = current_language()
        with translation.override(default_language()):
            return translate_url(self.url, language)


class Location(Bilingual):
    """A place or a virtual site where staff serve people: walk-in centers, call centers."""

    class Kind(models.TextChoices):
        WALK_IN = "walk_in", _("Walk-in center")
        CALL_CENTER = "call_center", _("Call center")
        PROCESSING = "processing", _("Processing center")

    provider = models.ForeignKey(ServiceProvider, on_delete=models.PROTECT,
                                 related_name="locations")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    name_es = models.CharField(
        max_length=200, blank=True,
        help_text='The name in Spanish, as used after "el": "Centro de Phoenix".')
    street = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2)
    zip_code = models.CharField(max_length=10)
    time_zone = models.CharField(max_length=64, default="America/New_York")
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    services = models.ManyToManyField(Service, related_name="locations", blank=True)

    class Meta:
        ordering = ["state", "city", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        import zoneinfo

        try:
            zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
            raise ValidationError(
                {"time_zone": _("Unknown time zone. Use a name such as America/Chicago.")}
            ) from error


class OpeningHours(models.Model):
    """Regular weekly hours, in the location's own time zone."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["weekday", "opens"]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})


class SpecialHours(models.Model):
    """A date that differs from the weekly hours: a closure or a special (e.g. Saturday) opening."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="special_hours")
    date = models.DateField()
    is_closed = models.BooleanField(default=False)
    opens = models.TimeField(null=True, blank=True)
    closes = models.TimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["location", "date"], name="unique_special_day")
        ]

    def __str__(self):
        return f"{self.location} on {self.date}: {'closed' if self.is_closed else self.note}"


class Outcome(models.TextChoices):
    RESOLVED = "resolved", _("Resolved")
    REFERRED = "referred", _("Referred elsewhere")
    FOLLOW_UP = "follow_up", _("Needs follow-up")
    UNRESOLVED = "unresolved", _("Not resolved")
    ABANDONED = "abandoned", _("Ended by the customer")


class InteractionQuerySet(models.QuerySet):
    def in_effect(self):
        """Interactions not voided by a correction: the customers really served."""
        return self.filter(correction__isnull=True)


class Interaction(models.Model):
    """One completed customer interaction, on any channel. Feeds surveys, metrics and reports.

    Append-only: an interaction recorded by mistake is never edited or deleted (counts,
    survey invitations and audits may point at it); an `InteractionCorrection` voids it.
    """

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="interactions")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="interactions")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField()
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    language = models.CharField(max_length=8, default="en")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="interactions")
    contact_consent = models.BooleanField(default=False)
    contact_email = EncryptedTextField(blank=True)
    contact_phone = EncryptedTextField(blank=True)
    contact_purge_after = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=100, blank=True,
                              help_text="The record in the channel app that produced this one.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InteractionQuerySet.as_manager()

    class Meta:
        ordering = ["-ended_at"]
        indexes = [
            models.Index(fields=["service", "channel", "ended_at"]),
            models.Index(fields=["person", "ended_at"]),
        ]
        permissions = [("view_interaction_contact", "Can see customers' contact details")]

    def __str__(self):
        return f"{self.service} by {self.get_channel_display()} on {self.ended_at:%Y-%m-%d}"

    @property
    def duration(self) -> timedelta:
        return self.ended_at - self.started_at

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_email or self.contact_phone)

    def contact_expired(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.contact_purge_after is not None and self.contact_purge_after < today


class InteractionCorrection(models.Model):
    """An interaction taken back: recorded by mistake (a walk-in marked served, then undone) or
    with wrong details, in which case `replacement` is the interaction recorded in its place.
    The voided interaction stays; counts of customers served no longer include it."""

    interaction = models.OneToOneField(Interaction, on_delete=models.PROTECT,
                                       related_name="correction")
    replacement = models.OneToOneField(Interaction, on_delete=models.PROTECT, null=True,
                                       blank=True, related_name="replaces")
    reason = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Interaction {self.interaction_id} voided: {self.reason}"


class VisitStep(models.Model):
    """A step of one browser visit that crosses channels: after searching the help center, the
    visit asked for a callback or booked a walk-in visit. The visit id names a browser session,
    never a person, so a journey across channels can be counted without joining anyone's
    contact details. Recorded through `civiccx.services.visits.record_visit_step`."""

    class Step(models.TextChoices):
        CALLBACK_REQUESTED = "callback_requested", _("Asked for a callback")
        VISIT_BOOKED = "visit_booked", _("Booked a walk-in visit")

    STEP_CHANNELS = {Step.CALLBACK_REQUESTED: Channel.PHONE,
                     Step.VISIT_BOOKED: Channel.IN_PERSON}

    visit = models.CharField(max_length=32, db_index=True)
    step = models.CharField(max_length=24, choices=Step.choices)
    channel = models.CharField(max_length=16, choices=Channel.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_step_display()} in visit {self.visit[:8]}"


auditlog.register(Interaction, mask_fields=["contact_email", "contact_phone"])
auditlog.register(InteractionCorrection)
