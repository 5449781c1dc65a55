"""Who is waiting at a center, in the order they will be called, and who was called."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from civiccx.walkin.local_time import local_today
from civiccx.walkin.models import Center, CenterService, Ticket


def _priority(now: datetime):
    """0: appointments whose time has come; 1: accessibility needs; 2: everyone else."""
    return Case(When(appointment__isnull=False, due_at__lte=now, then=Value(0)),
                When(needs_accessibility=True, then=Value(1)),
                default=Value(2), output_field=IntegerField())


def waiting_queryset(center: Center, now: datetime, offering: CenterService | None = None):
    tickets = Ticket.objects.filter(center=center, day=local_today(center, now),
                                    status=Ticket.Status.WAITING)
    if offering is not None:
        tickets = tickets.filter(offering=offering)
    return tickets.annotate(tier=_priority(now)).order_by("tier", "due_at", "pk")


def waiting_in_order(center: Center, now: datetime | None = None,
                     offering: CenterService | None = None) -> list[Ticket]:
    now = now or timezone.now()
    return list(waiting_queryset(center, now, offering).select_related("offering"))


def position(ticket: Ticket, now: datetime | None = None) -> int:
    """How many people will be called before this ticket (0: next)."""
    now = now or timezone.now()
    order = list(waiting_queryset(ticket.center, now).values_list("pk", flat=True))
    return order.index(ticket.pk) if ticket.pk in order else 0


def called_board(center: Center, now: datetime | None = None, limit: int = 8) -> list[Ticket]:
    """The most recent calls today, newest first, for the lobby display."""
    now = now or timezone.now()
    return list(Ticket.objects.filter(center=center, day=local_today(center, now),
                                      first_called_at__isnull=False)
                .filter(Q(status=Ticket.Status.CALLED) | Q(called_at__gte=now - timedelta(
                    minutes=10)))
                .select_related("counter").order_by("-called_at", "-pk")[:limit])
