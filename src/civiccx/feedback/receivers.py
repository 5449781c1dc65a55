"""Every recorded interaction counts as a customer served and may earn a survey invitation."""

from django.dispatch import receiver

from civiccx.feedback.invitations import maybe_invite
from civiccx.feedback.rollups import SERVED, increment
from civiccx.feedback.services import quarter_of
from civiccx.services.signals import interaction_recorded


@receiver(interaction_recorded, dispatch_uid="feedback-on-interaction")
def on_interaction_recorded(sender, interaction, **kwargs):
    increment(service_id=interaction.service_id, channel=interaction.channel,
              fiscal_quarter=quarter_of(interaction.ended_at), language=interaction.language,
              metric=SERVED, c1=1)
    maybe_invite(interaction)
