"""Domain operations on the Interaction spine, shared by every channel app: record an
interaction, and correct one (interactions are append-only: a correction voids, never deletes).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from civiccx.core.languages import is_site_language, language_codes
from civiccx.services.models import (
    Channel,
    Interaction,
    InteractionCorrection,
    Location,
    Outcome,
    Service,
)
from civiccx.services.signals import interaction_recorded, interaction_saved, interaction_voided


def normalize_phone(raw: str, region: str = "US") -> str:
    """Return a phone number in E.164 form, or raise ValidationError saying what is wrong."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(f"{raw!r} is not a phone number.") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(f"{raw!r} is not a valid phone number.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str, region: str = "US") -> str:
    """A stored number as people write it: "(202) 555-0166" at home, "+52 55 1234 5678"
    abroad; what cannot be parsed is returned as stored."""
    try:
        number = phonenumbers.parse(e164, region)
    except phonenumbers.NumberParseException:
        return e164
    style = (phonenumbers.PhoneNumberFormat.NATIONAL
             if phonenumbers.region_code_for_number(number) == region
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, style)


def record_interaction(
    *,
    service: Service,
    channel: str,
    started_at: datetime,
    ended_at: datetime,
    outcome: str,
    location: Location | None = None,
    person=None,
    language: str = "en",
    contact_consent: bool = False,
    contact_email: str = "",
    contact_phone: str = "",
    source: str = "",
) -> Interaction:
    """Record one finished customer interaction. Every channel calls this, and only this.

    Contact details are kept only with consent, and only for the service's retention period.
    Listeners of `interaction_saved` (the served count) run in the same transaction; listeners
    of `interaction_recorded` (survey invitations) run after the commit, so a rolled-back visit
    never triggers a survey.
    """
    return _record(service=service, channel=channel, started_at=started_at, ended_at=ended_at,
                   outcome=outcome, location=location, person=person, language=language,
                   contact_consent=contact_consent, contact_email=contact_email,
                   contact_phone=contact_phone, source=source, announce=True)


def _record(*, service, channel, started_at, ended_at, outcome, location, person, language,
            contact_consent, contact_email, contact_phone, source, announce) -> Interaction:
    errors: dict[str, str] = {}
    if channel not in Channel.values:
        errors["channel"] = f"Unknown channel {channel!r}; use one of {', '.join(Channel.values)}."
    if outcome not in Outcome.values:
        errors["outcome"] = f"Unknown outcome {outcome!r}; use one of {', '.join(Outcome.values)}."
    if ended_at < started_at:
        errors["ended_at"] = "The interaction cannot end before it started."
    if ended_at > timezone.now() + timedelta(minutes=5):
        errors["ended_at"] = "The interaction cannot end in the future."
    if not is_site_language(language):
        errors["language"] = (f"Unsupported language {language!r}; use one of "
                              f"{', '.join(language_codes())}.")
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            errors["contact_email"] = f"{contact_email!r} is not an email address."
    if contact_phone:
        try:
            contact_phone = normalize_phone(contact_phone)
        except ValidationError as error:
            errors["contact_phone"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    if not contact_consent:
        contact_email = contact_phone = ""
    purge_after = None
    if contact_email or contact_phone:
        purge_after = (ended_at + timedelta(days=service.contact_retention_days)).date()
    with transaction.atomic():
        interaction = Interaction.objects.create(
            service=service, channel=channel, location=location, started_at=started_at,
            ended_at=ended_at, outcome=outcome, language=language, person=person,
            contact_consent=contact_consent, contact_email=contact_email,
            contact_phone=contact_phone, contact_purge_after=purge_after, source=source,
        )
        interaction_saved.send(sender=Interaction, interaction=interaction)
        if announce:
            transaction.on_commit(
                lambda: interaction_recorded.send(sender=Interaction, interaction=interaction)
            )
    return interaction


def void_interaction(interaction: Interaction, *, reason: str, by=None) -> InteractionCorrection:
    """Take back an interaction recorded by mistake. The row stays; a correction marks it void
    and, in the same transaction, listeners of `interaction_voided` take it out of the counts.
    Raises ValidationError if it was corrected already."""
    reason = " ".join(reason.split())[:200]
    if not reason:
        raise ValidationError({"reason": "Say why the interaction is taken back."})
    try:
        with transaction.atomic():
            correction = InteractionCorrection.objects.create(
                interaction=interaction, reason=reason, recorded_by=by)
            interaction_voided.send(sender=Interaction, interaction=interaction,
                                    correction=correction)
    except IntegrityError as error:  # one correction per interaction (a unique column)
        raise ValidationError(
            {"interaction": f"Interaction {interaction.pk} was corrected already."}) from error
    return correction


CORRECTABLE = ("service", "channel", "location", "started_at", "ended_at", "outcome", "language")


def correct_interaction(interaction: Interaction, *, reason: str, by=None,
                        **changes) -> Interaction:
    """Replace an interaction recorded with wrong details (`service`, `channel`, `location`,
    `started_at`, `ended_at`, `outcome`, `language`): the original is voided and a corrected
    copy recorded in its place, validated like any other, counted, but not invited to a second
    survey. Returns the replacement."""
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise ValidationError({name: f"{name!r} cannot be corrected; correct one of "
                                     f"{', '.join(CORRECTABLE)}." for name in unknown})
    values = {name: getattr(interaction, name) for name in CORRECTABLE}
    with transaction.atomic():
        correction = void_interaction(interaction, reason=reason, by=by)
        replacement = _record(
            **{**values, **changes}, person=interaction.person,
            contact_consent=interaction.contact_consent,
            contact_email=interaction.contact_email, contact_phone=interaction.contact_phone,
            source=interaction.source, announce=False)
        correction.replacement = replacement
        correction.save(update_fields=["replacement"])
    return replacement


def purge_expired_contacts(today=None) -> int:
    """Erase contact details whose retention period has ended. Returns how many were erased."""
    today = today or timezone.localdate()
    return Interaction.objects.filter(contact_purge_after__lt=today).update(
        contact_email="", contact_phone="", contact_purge_after=None
    )
