"""Interactions are append-only: a mistake is voided or corrected by a correction that the
counts follow; the recorded row is never edited or deleted."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from civiccx.feedback.models import Invitation
from civiccx.metrics.models import Rollup
from civiccx.services.interactions import (
    correct_interaction,
    record_interaction,
    void_interaction,
)
from civiccx.services.models import Interaction
from tests.factories import (
    make_public_user,
    make_sampling_rule,
    make_service,
    make_staff,
    make_survey,
)

pytestmark = pytest.mark.django_db


def _served(**cell) -> int:
    return sum(Rollup.objects.filter(metric="volume:served", **cell)
               .values_list("c1", flat=True))


def _record(service, **overrides):
    ended = timezone.now() - timedelta(minutes=5)
    values = {"service": service, "channel": "phone", "started_at": ended - timedelta(
        minutes=10), "ended_at": ended, "outcome": "resolved"}
    return record_interaction(**{**values, **overrides})


def test_a_recorded_interaction_is_counted_as_served_in_its_transaction():
    service = make_service()
    _record(service)
    assert _served(service=service, channel="phone", language="en") == 1


def test_voiding_keeps_the_row_and_takes_it_out_of_the_counts():
    service = make_service()
    interaction = _record(service)
    staff = make_staff("cx_analyst")
    correction = void_interaction(interaction, reason="  Recorded   twice ", by=staff)
    assert Interaction.objects.filter(pk=interaction.pk).exists()
    assert correction.reason == "Recorded twice" and correction.recorded_by == staff
    assert not Interaction.objects.in_effect().filter(pk=interaction.pk).exists()
    assert _served(service=service) == 0


def test_an_interaction_is_voided_once_and_only_with_a_reason():
    interaction = _record(make_service())
    with pytest.raises(ValidationError, match="Say why"):
        void_interaction(interaction, reason="   ")
    void_interaction(interaction, reason="Mistake")
    with pytest.raises(ValidationError, match=f"Interaction {interaction.pk} was corrected"):
        void_interaction(interaction, reason="Again")
    assert _served(service=interaction.service) == 0


def test_a_correction_moves_the_count_and_invites_no_second_survey(
        django_capture_on_commit_callbacks):
    right, wrong = make_service(), make_service()
    for service in (right, wrong):  # everyone invited, however recently asked
        make_sampling_rule(make_survey(service), cap_days=0)
    with django_capture_on_commit_callbacks(execute=True):
        original = _record(wrong, contact_consent=True, contact_phone="2025550188")
        replacement = correct_interaction(original, service=right, language="es",
                                          reason="Wrong service chosen")
    assert (replacement.service, replacement.language) == (right, "es")
    assert replacement.contact_phone == "+12025550188"
    assert original.correction.replacement == replacement
    assert _served(service=wrong) == 0
    assert _served(service=right, language="es") == 1
    [invitation] = Invitation.objects.all()
    assert invitation.interaction == original


def test_only_what_happened_can_be_corrected():
    interaction = _record(make_service())
    with pytest.raises(ValidationError) as raised:
        correct_interaction(interaction, contact_phone="2025550100", reason="New number")
    assert "'contact_phone' cannot be corrected" in str(raised.value)
    assert not hasattr(Interaction.objects.get(pk=interaction.pk), "correction")


def test_a_voided_interaction_leaves_the_person_s_records_and_the_explorer(client,
                                                                           staff_client):
    person = make_public_user()
    kept, voided = (_record(make_service(), person=person) for _ in range(2))
    void_interaction(voided, reason="Recorded by mistake")
    client.force_login(person)
    listing = client.get(reverse("services:my-interactions")).content.decode()
    assert reverse("services:my-interaction-detail", args=[kept.pk]) in listing
    assert reverse("services:my-interaction-detail", args=[voided.pk]) not in listing
    explorer = staff_client("cx_analyst").get(reverse("services:staff-interactions"))
    assert reverse("services:staff-interaction-detail", args=[kept.pk]) in explorer.content.decode()
    assert (reverse("services:staff-interaction-detail", args=[voided.pk])
            not in explorer.content.decode())
