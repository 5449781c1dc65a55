"""Post-transaction survey invitations: who is asked (sampling and a per-person cap), the
single-use signed link that expires, sending, and one reminder at most."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from civiccx.core.fields import blind_index
from civiccx.core.messaging import send_email_message, send_text_message
from civiccx.core.public_links import public_url
from civiccx.core.signed_links import SignedLink
from civiccx.feedback.models import Invitation, SamplingRule
from civiccx.metrics import rollups
from civiccx.services.models import Interaction

INVITATION_LINK = SignedLink("civiccx.feedback.invitation")
"""The survey link in an invitation. It does not expire by signature: the invitation carries
its own expiry and is used once (`Invitation.expires_at`, `used_at`, checked by the pages)."""


def link_token(invitation: Invitation) -> str:
    return INVITATION_LINK.token(invitation.pk)


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link names, or None when the link was altered or never issued."""
    return INVITATION_LINK.find(token, Invitation.objects.select_related(
        "survey__service__provider", "interaction"))


def invitation_url(invitation: Invitation) -> str:
    return public_url("feedback:invitation", link_token(invitation),
                      language=invitation.language)


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


def _deliver(invitation: Invitation, kind: str) -> None:
    """Send an invitation (kind "invitation") or its reminder ("invitation_reminder") the
    way the person agreed to be reached (feedback/messages/<kind>.txt)."""
    interaction = invitation.interaction
    context = {"provider": invitation.survey.service.provider, "url": invitation_url(invitation),
               "expires_at": invitation.expires_at}
    template = f"feedback/{kind}"
    if invitation.delivery == Invitation.Delivery.SMS:
        send_text_message(interaction.contact_phone, template, context,
                          language=invitation.language)
    else:
        send_email_message(interaction.contact_email, template, context,
                           language=invitation.language)


def deliver_invitation(invitation_pk: int) -> bool:
    invitation = (Invitation.objects.select_related("interaction", "survey__service__provider")
                  .filter(pk=invitation_pk).first())
    if invitation is None or invitation.used_at or invitation.is_expired():
        return False
    _deliver(invitation, "invitation")
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
            _deliver(invitation, "invitation_reminder")
            sent += 1
    return sent
