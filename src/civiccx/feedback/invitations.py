"""Post-transaction survey invitations: who is asked (sampling and a per-person cap), the
single-use signed link that expires, sending, and one reminder at most."""

from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from civiccx.core.fields import blind_index
from civiccx.core.notifications import send_email, send_sms
from civiccx.feedback.models import Invitation, SamplingRule
from civiccx.metrics import rollups
from civiccx.services.models import Interaction

LINK_SALT = "civiccx.feedback.invitation"

MESSAGES = {
    "en": ("Thank you for contacting the {agency}. How did we do? This 1-minute survey is "
           "optional: {url}"),
    "es": ("Gracias por comunicarse con el {agency}. ¿Cómo lo hicimos? Esta encuesta de 1 minuto "
           "es voluntaria: {url}"),
}
REMINDERS = {
    "en": "Reminder: tell us how we did, in 1 minute: {url} (the link expires on {expires}).",
    "es": ("Recordatorio: díganos cómo lo hicimos, en 1 minuto: {url} "
           "(el enlace vence el {expires})."),
}
SUBJECTS = {"en": "How did we do?", "es": "¿Cómo lo hicimos?"}


def link_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=LINK_SALT, compress=True)


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link names, or None when the link was altered or never issued."""
    try:
        pk = signing.loads(token, salt=LINK_SALT)
    except signing.BadSignature:
        return None
    return (Invitation.objects.select_related("survey__service__provider", "interaction")
            .filter(pk=pk).first())


def invitation_url(invitation: Invitation) -> str:
    prefix = "/es" if invitation.language == "es" else ""
    path = reverse("feedback:invitation", args=[link_token(invitation)])
    return f"{settings.CIVICCX_PUBLIC_URL}{prefix}{path}"


def maybe_invite(interaction: Interaction, rng: random.Random | None = None) -> Invitation | None:
    """Decide whether this finished interaction gets an invitation, and create it if so."""
    rule = (SamplingRule.objects.select_related("survey").filter(
        service_id=interaction.service_id, is_active=True, survey__is_active=True).first())
    if rule is None or not interaction.contact_consent:
        return None
    address = interaction.contact_phone or interaction.contact_email
    if not address:
        return None
    recipient = blind_index(address)
    now = timezone.now()
    if Invitation.objects.filter(recipient_index=recipient,
                                 sent_at__gte=now - timedelta(days=rule.cap_days)).exists():
        return None
    if (rng or random).random() >= float(rule.rate):
        return None
    with transaction.atomic():
        invitation = Invitation.objects.create(
            interaction=interaction, survey=rule.survey, recipient_index=recipient,
            delivery=Invitation.Delivery.SMS if interaction.contact_phone
            else Invitation.Delivery.EMAIL,
            language=interaction.language, sent_at=now,
            expires_at=now + timedelta(days=rule.link_valid_days))
        rollups.record_offered(service_id=rule.survey.service_id, channel=interaction.channel,
                               language=interaction.language, at=now)
        transaction.on_commit(lambda: _enqueue_send(invitation.pk))
    return invitation


def _enqueue_send(invitation_pk: int) -> None:
    from civiccx.feedback.tasks import send_invitation

    send_invitation.enqueue(invitation_pk)


def _deliver(invitation: Invitation, template: dict[str, str]) -> None:
    interaction = invitation.interaction
    language = invitation.language if invitation.language in template else "en"
    provider = invitation.survey.service.provider
    agency = provider.name_es if language == "es" and provider.name_es else provider.name
    body = template[language].format(
        agency=agency, url=invitation_url(invitation),
        expires=timezone.localtime(invitation.expires_at).date().isoformat())
    if invitation.delivery == Invitation.Delivery.SMS:
        send_sms(interaction.contact_phone, body)
    else:
        send_email(interaction.contact_email, SUBJECTS[language], body)


def deliver_invitation(invitation_pk: int) -> bool:
    invitation = (Invitation.objects.select_related("interaction", "survey__service__provider")
                  .filter(pk=invitation_pk).first())
    if invitation is None or invitation.used_at or invitation.is_expired():
        return False
    _deliver(invitation, MESSAGES)
    return True


def send_due_reminders(now=None) -> int:
    """Send one reminder to each unanswered, unexpired invitation that is old enough.

    Each invitation is claimed with a conditional UPDATE before sending, so two workers (or
    two runs) never remind the same person twice.
    """
    now = now or timezone.now()
    sent = 0
    candidates = Invitation.objects.filter(
        used_at__isnull=True, reminder_sent_at__isnull=True, expires_at__gt=now
    ).values_list(
        "pk", "sent_at", "survey__service__sampling__remind_after_days")
    for pk, sent_at, remind_after in candidates.iterator():
        if remind_after is None or sent_at > now - timedelta(days=remind_after):
            continue
        if Invitation.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now):
            invitation = Invitation.objects.select_related(
                "interaction", "survey__service__provider").get(pk=pk)
            _deliver(invitation, REMINDERS)
            sent += 1
    return sent
