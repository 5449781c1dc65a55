"""Post-transaction invitations: sampling, the per-person cap, single-use expiring links."""

import random
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from civiccx.core.notifications import OutboxBackend
from civiccx.feedback.invitations import invitation_from_token, maybe_invite, send_due_reminders
from civiccx.feedback.models import Invitation
from tests.factories import make_interaction, make_sampling_rule, make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_outbox():
    OutboxBackend.outbox.clear()


def _consenting(service, number: int, **overrides):
    return make_interaction(service=service, channel="phone", contact_consent=True,
                            contact_phone=f"+1202555{number:04d}", **overrides)


def test_sampling_rate_is_honoured_within_tolerance():
    survey = make_survey()
    make_sampling_rule(survey, rate="0.3000")
    rng = random.Random(7)
    invited = sum(maybe_invite(_consenting(survey.service, n), rng) is not None
                  for n in range(1000))
    # Binomial(1000, 0.3): mean 300, standard deviation 14.5; allow four deviations.
    assert 242 <= invited <= 358


def test_a_person_is_invited_at_most_once_per_cap_period():
    survey = make_survey()
    make_sampling_rule(survey, cap_days=30)
    first = maybe_invite(_consenting(survey.service, 1))
    second = maybe_invite(_consenting(survey.service, 1))
    other = maybe_invite(_consenting(survey.service, 2))
    assert first is not None and second is None and other is not None
    Invitation.objects.filter(pk=first.pk).update(sent_at=timezone.now() - timedelta(days=31))
    assert maybe_invite(_consenting(survey.service, 1)) is not None


def test_no_consent_means_no_invitation():
    survey = make_survey()
    make_sampling_rule(survey)
    interaction = make_interaction(service=survey.service, contact_consent=False)
    assert maybe_invite(interaction) is None


def test_invitation_text_carries_a_signed_link(django_capture_on_commit_callbacks):
    survey = make_survey()
    make_sampling_rule(survey)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = maybe_invite(_consenting(survey.service, 5, language="es"))
    message = OutboxBackend.outbox[-1]
    assert message.channel == "sms" and message.to == "+12025550005"
    # The token is timestamped, so read it back from the text rather than signing it again.
    token = re.search(r"/es/feedback/link/([^/\s]+)/", message.body).group(1)
    assert invitation_from_token(token) == invitation
    assert invitation_from_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert "encuesta" in message.body


def test_reminders_are_sent_once():
    survey = make_survey()
    make_sampling_rule(survey, remind_after_days=3)
    invitation = maybe_invite(_consenting(survey.service, 9))
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=timezone.now() - timedelta(days=4))
    OutboxBackend.outbox.clear()
    assert send_due_reminders() == 1
    assert send_due_reminders() == 0
    assert len(OutboxBackend.outbox) == 1 and "Reminder" in OutboxBackend.outbox[0].body
