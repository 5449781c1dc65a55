"""A signed-in person's walk-in appointments, and the ticket each one became at the center,
for "My records" (core.personal_records)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civiccx.core.personal_records import PersonalRecord
from civiccx.walkin.messages import cancel_token
from civiccx.walkin.models import Appointment, Ticket


def personal_records(user) -> list[PersonalRecord]:
    """The appointments this person booked while signed in, each linking to its page (see,
    change or cancel it), and the ticket of one checked in in the last two days (the ticket
    page's link lasts that long), linking to the place in line."""
    from civiccx.walkin.views.public import ticket_token

    if not user.is_authenticated:
        return []
    appointments = (Appointment.objects.filter(person=user)
                    .select_related("center__location", "offering__service")
                    .order_by("-starts_at")[:50])
    out = []
    for a in appointments:
        out.append(PersonalRecord(
            "appointment",
            _("Appointment: %(service)s at %(center)s") % {
                "service": a.offering.service.localized_name,
                "center": a.center.location.localized_name},
            a.get_status_display(), a.starts_at,
            reverse("walkin:confirmation", args=[cancel_token(a)])))
    recent = timezone.now() - timedelta(days=2)
    tickets = (Ticket.objects.filter(appointment__person=user, arrived_at__gte=recent)
               .select_related("offering__service"))
    for t in tickets:
        out.append(PersonalRecord(
            "ticket",
            _("Ticket %(number)s: %(service)s") % {
                "number": t.display, "service": t.offering.service.localized_name},
            t.get_status_display(), t.arrived_at,
            reverse("walkin:ticket", args=[ticket_token(t)])))
    return out
