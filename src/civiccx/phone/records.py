"""A signed-in person's callbacks for "My records" (core.personal_records)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from civiccx.core.personal_records import PersonalRecord
from civiccx.phone.models import QueueEntry
from civiccx.phone.services import cancel_token


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
