"""Recurring jobs run: reminders go out once and expired contact details are erased."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from civiccx.core.notifications import OutboxBackend
from civiccx.feedback.invitations import maybe_invite
from civiccx.feedback.models import Invitation
from civiccx.services.models import Interaction
from tests.factories import make_interaction, make_sampling_rule, make_survey

pytestmark = pytest.mark.django_db


def test_periodic_jobs_send_reminders_and_purge_contacts(capsys):
    survey = make_survey()
    make_sampling_rule(survey)
    invitation = maybe_invite(make_interaction(service=survey.service, channel="phone",
                                               contact_consent=True,
                                               contact_phone="+12025550123"))
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now()
                                                       - timedelta(days=5))
    old = make_interaction(contact_consent=True, contact_email="old@example.com",
                           contact_purge_after=timezone.localdate() - timedelta(days=1))
    OutboxBackend.outbox.clear()
    call_command("periodic")
    assert "Enqueued civiccx.feedback.tasks.send_reminders" in capsys.readouterr().out
    assert len(OutboxBackend.outbox) == 1
    assert Interaction.objects.get(pk=old.pk).contact_email == ""
