"""The catalog (who provides which services, through which channels, where and when) and
`Interaction`, the one record every channel writes when it finishes serving someone."""

from __future__ import annotations

from datetime import timedelta

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
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
    def localized_summary(self) -> str:
        return self.localized("summary")

    @property
    def localized_instructions(self) -> str:
        return self.localized("instructions")


class ServiceProvider(Bilingual):
    """An agency or a High-Impact Service Provider (HISP) within a department."""

    name = models.CharField(max_length=200)
    name_es = models.CharField(max_length=200, blank=True)
    department = models.CharField(max_length=200, blank=True)
    abbreviation = models.CharField(max_length=20, blank=True)
    website = models.URLField(blank=True)

    def __str__(self):
        return self.name

    @classmethod
    def main_name(cls) -> str | None:
        """The first provider's name in the current language: the agency this site serves
        (registered with core as the agency name, see `civiccx.core.agency`)."""
        provider = cls.objects.order_by("pk").only("name", "name_es").first()
        return provider.localized_name if provider else None


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    WEB = "web", _("Online")
    IN_PERSON = "in_person", _("In person")
    MAIL = "mail", _("Mail")


class Service(Bilingual):
    provider = models.ForeignKey(ServiceProvider, on_delete=models.PROTECT, related_name="services")
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    name_es = models.CharField(max_length=200, blank=True)
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
        return self.name


class ServiceChannel(Bilingual):
    """A way to get a service: a phone line, a website, centers, a mailing address."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    instructions = models.CharField(max_length=300, blank=True)
    instructions_es = models.CharField(max_length=300, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "channel"], name="unique_service_channel")
        ]

    def __str__(self):
        return f"{self.service} ({self.get_channel_display()})"


class Location(models.Model):
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


class Interaction(models.Model):
    """One completed customer interaction, on any channel. Feeds surveys, metrics and reports."""

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


auditlog.register(Interaction, mask_fields=["contact_email", "contact_phone"])
