"""The survey invitation and its reminder, word for word, by text and by email, in English
and in Spanish, with the site's public address in the link."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from civiccx.core.notifications import OutboxBackend
from civiccx.feedback.invitations import invitation_from_token, maybe_invite, send_due_reminders
from civiccx.feedback.models import Invitation
from tests.factories import (
    make_interaction,
    make_provider,
    make_sampling_rule,
    make_service,
    make_survey,
)
from tests.fixtures import NON_DEFAULT_SITE as SITE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox_on_another_port")]
EXPIRES = datetime(2099, 2, 3, 17, 0, tzinfo=UTC)

INVITATIONS = {
    "en": ("How did we do?",
           "Thank you for contacting the Federal Revenue Service. How did we do? This 1-minute "
           "survey is optional: {site}/feedback/link/TOKEN/"),
    "es": ("¿Qué le pareció nuestro servicio?",
           "Gracias por comunicarse con el Servicio Federal de Ingresos. Queremos saber cómo "
           "lo atendimos. Esta encuesta de 1 minuto es voluntaria: "
           "{site}/es/feedback/link/TOKEN/"),
}
REMINDERS = {
    "en": ("How did we do?",
           "Reminder: tell us how we did, in 1 minute: {site}/feedback/link/TOKEN/ (the link "
           "expires on February 3, 2099)."),
    "es": ("¿Qué le pareció nuestro servicio?",
           "Recordatorio: díganos qué le pareció nuestro servicio, en 1 minuto: "
           "{site}/es/feedback/link/TOKEN/ (el enlace vence el 3 de febrero de 2099)."),
}


def _survey():
    """The demo agency, whose names take "the" and "el" as the sentences expect."""
    provider = make_provider(name="Federal Revenue Service",
                             name_es="Servicio Federal de Ingresos",
                             name_in_sentence="the Federal Revenue Service",
                             name_in_sentence_es="el Servicio Federal de Ingresos")
    survey = make_survey(service=make_service(provider))
    make_sampling_rule(survey, remind_after_days=3)
    return survey


def _interaction(service, by: str, language: str):
    contact = ({"contact_phone": "+12025550005"} if by == "sms"
               else {"contact_email": "ana@example.com"})
    return make_interaction(service=service, channel="phone", contact_consent=True,
                            language=language, **contact)


def _token(body: str) -> str:
    return re.search(r"/feedback/link/([\w:-]+)/", body).group(1)


@pytest.mark.parametrize("by", ["sms", "email"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_invitation(by, language, django_capture_on_commit_callbacks):
    survey = _survey()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = maybe_invite(_interaction(survey.service, by, language))
    [message] = OutboxBackend.outbox
    subject, body = INVITATIONS[language]
    token = _token(message.body)
    assert message.channel == by
    assert message.body.replace(token, "TOKEN") == body.format(site=SITE)
    assert message.subject == (subject if by == "email" else "")
    assert invitation_from_token(token) == invitation


@pytest.mark.parametrize("by", ["sms", "email"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_reminder_says_when_the_link_expires(by, language):
    survey = _survey()
    invitation = maybe_invite(_interaction(survey.service, by, language))
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=timezone.now() - timedelta(days=4), expires_at=EXPIRES)
    OutboxBackend.outbox.clear()
    assert send_due_reminders() == 1
    [message] = OutboxBackend.outbox
    subject, body = REMINDERS[language]
    assert message.channel == by
    assert message.body.replace(_token(message.body), "TOKEN") == body.format(site=SITE)
    assert message.subject == (subject if by == "email" else "")
