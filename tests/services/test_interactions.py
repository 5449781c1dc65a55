"""The Interaction spine: what every channel records, and what it refuses."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from civiccx.services.interactions import purge_expired_contacts, record_interaction
from civiccx.services.models import Interaction
from civiccx.services.signals import interaction_recorded
from tests.factories import make_service

pytestmark = pytest.mark.django_db(transaction=True)


def _record(service, **overrides):
    now = timezone.now()
    values = {"service": service, "channel": "phone", "started_at": now - timedelta(minutes=9),
              "ended_at": now, "outcome": "resolved"}
    return record_interaction(**{**values, **overrides})


def test_recording_keeps_contact_only_with_consent():
    service = make_service(contact_retention_days=30)
    kept = _record(service, contact_consent=True, contact_phone="(202) 555-0143")
    dropped = _record(service, contact_consent=False, contact_email="x@example.com")
    assert kept.contact_phone == "+12025550143"
    assert kept.contact_purge_after == (kept.ended_at + timedelta(days=30)).date()
    assert dropped.contact_email == "" and dropped.contact_purge_after is None


def test_listeners_hear_of_each_committed_interaction():
    heard = []

    def listener(sender, interaction, **kwargs):
        heard.append(interaction.pk)

    interaction_recorded.connect(listener)
    try:
        interaction = _record(make_service())
    finally:
        interaction_recorded.disconnect(listener)
    assert heard == [interaction.pk]


def test_bad_input_is_refused_field_by_field_and_nothing_is_saved():
    service = make_service()
    now = timezone.now()
    with pytest.raises(ValidationError) as raised:
        _record(service, channel="fax", outcome="great", started_at=now,
                ended_at=now - timedelta(minutes=1), contact_consent=True,
                contact_phone="555", contact_email="not-an-email", language="fr")
    errors = raised.value.message_dict
    assert set(errors) == {"channel", "outcome", "ended_at", "contact_phone", "contact_email",
                           "language"}
    assert "Unknown channel 'fax'" in errors["channel"][0]
    assert Interaction.objects.count() == 0


def test_expired_contact_details_are_erased():
    service = make_service(contact_retention_days=1)
    old = _record(service, contact_consent=True, contact_email="old@example.com",
                  started_at=timezone.now() - timedelta(days=5, minutes=5),
                  ended_at=timezone.now() - timedelta(days=5))
    fresh = _record(service, contact_consent=True, contact_email="new@example.com")
    assert purge_expired_contacts() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.contact_email == "" and fresh.contact_email == "new@example.com"
