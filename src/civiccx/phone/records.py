"""A signed-in person's callbacks for "My records" (core.personal_records)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from civiccx.core.personal_records import PersonalRecord
from civiccx.phone.models import QueueEntry
from civiccx.phone.services import cancel_token
from civiccx.services.models import Interaction


def personal_records(user) -> list[PersonalRecord]:
    """The callbacks this person asked for while signed in, newest first; each links to its
    page (where a waiting one can be cancelled)."""
    if not user.is_authenticated:
        return []
    entries = (QueueEntry.objects.filter(person=user, kind=QueueEntry.Kind.CALLBACK)
               .select_related("queue__service").order_by("-arrived_at")[:50])
    return [PersonalRecord(
        "callback",
        _("Callback: %(service)s") % {"service": entry.queue.service.localized_name},
        entry.get_status_display(), entry.arrived_at,
        reverse("phone:confirmation", args=[cancel_token(entry)]))
        for entry in entries]


@dataclass(frozen=True)
class EarlierContact:
    """One earlier contact shown to the CSR on a call: when, about what, how, how it ended."""

    when: datetime
    service: str
    how: str
    outcome: str
    notes: str = ""


def earlier_contacts(entry: QueueEntry, limit: int = 10) -> list[EarlierContact]:
    """What the caller has asked of the agency before, newest first: calls and callbacks from
    the same number on every line (found by its blind index, never by decrypting others'
    numbers), and, when they asked while signed in, their recorded visits on other channels."""
    found = []
    if entry.phone_index:
        calls = (QueueEntry.objects.filter(phone_index=entry.phone_index)
                 .exclude(pk=entry.pk).select_related("queue__service")
                 .order_by("-arrived_at")[:limit])
        found += [EarlierContact(call.arrived_at, call.queue.service.localized_name,
                                 call.get_kind_display(), call.get_status_display(), call.notes)
                  for call in calls]
    if entry.person_id:
        visits = (Interaction.objects.filter(person_id=entry.person_id)
                  .exclude(source__startswith="phone:").select_related("service")
                  .order_by("-ended_at")[:limit])
        found += [EarlierContact(visit.ended_at, visit.service.localized_name,
                                 visit.get_channel_display(), visit.get_outcome_display())
                  for visit in visits]
    return sorted(found, key=lambda contact: contact.when, reverse=True)[:limit]
