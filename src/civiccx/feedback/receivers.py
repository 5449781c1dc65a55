"""A recorded interaction may earn a survey invitation (the metrics app counts it as served)."""

from django.dispatch import receiver

from civiccx.feedback.invitations import maybe_invite
from civiccx.services.signals import interaction_recorded


@receiver(interaction_recorded, dispatch_uid="feedback-on-interaction")
def on_interaction_recorded(sender, interaction, **kwargs):
    maybe_invite(interaction)
