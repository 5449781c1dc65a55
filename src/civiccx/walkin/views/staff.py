"""Center staff pages: the day's appointments, the queue and counters, call next, finish and
undo, throughput and wait figures; and the manager's view across centers."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civiccx.charts import Chart, Series, line_chart
from civiccx.core.dates import day_button
from civiccx.core.roles import ADMIN, CENTER_STAFF, CX_ANALYST, role_required, user_roles
from civiccx.services.audit import record_pii_read
from civiccx.walkin import booking, estimates, figures, line, local_time, queue
from civiccx.walkin.finder import centers
from civiccx.walkin.models import Appointment, Center, CenterService, Counter, Ticket


def my_centers(user):
    """The centers this staff member runs: those assigned to them; every one for an admin."""
    if ADMIN in user_roles(user):
        return centers()
    return centers().filter(staff=user)


def _center(request, slug: str) -> Center:
    """The center in the address, if this staff member is assigned to it (403 otherwise)."""
    center = get_object_or_404(centers(), location__slug=slug)
    if not my_centers(request.user).filter(pk=center.pk).exists():
        raise PermissionDenied("You are not assigned to this center.")
    return center






def accuracy_chart(rows: list[dict]) -> Chart | None:
    """Predicted vs actual waits, by day (the rows of `figures.estimate_accuracy`)."""
    if not rows:
        return None
    return line_chart(
        "walkin-wait-accuracy", _("Walk-in wait, predicted and actual (mean minutes by day)"),
        [day_button(r["day"]) for r in rows],
        [Series(_("Predicted"), [round(r["predicted_min"], 1) for r in rows]),
         Series(_("Actual"), [round(r["actual_min"], 1) for r in rows])],
        category_label=_("Day"), value_format="{:.0f}")


@role_required(CENTER_STAFF)
def console_home(request):
    assigned = my_centers(request.user)
    mine = (Counter.objects.filter(staff=request.user, center__in=assigned)
            .select_related("center__location").first())
    if mine is not None:
        return redirect("walkin:console", slug=mine.center.slug)
    return render(request, "walkin/console_home.html", {"centers": assigned})


def _console_context(center: Center) -> dict:
    now = timezone.now()
    today = local_time.local_today(center, now)
    start = local_time.local_instant_day(center, today)
    appointments = (Appointment.objects.filter(center=center, starts_at__gte=start,
                                               starts_at__lt=start + timedelta(days=1))
                    .select_related("offering__service").order_by("starts_at"))
    at_counters = (Ticket.objects.filter(center=center, day=today, status=Ticket.Status.CALLED)
                   .select_related("counter", "offering__service"))
    finished = (Ticket.objects.filter(center=center, day=today, undo_until__gte=now)
                .exclude(undo_status="").select_related("counter", "offering__service"))
    by_counter = {t.counter_id: t for t in at_counters}
    return {
        "center": center, "appointments": appointments,
        "queue": line.waiting_in_order(center, now),
        "counter_rows": [{"counter": c, "ticket": by_counter.get(c.pk)} for c in
                         Counter.objects.filter(center=center).select_related("staff")],
        "finished": finished,
        "figures": figures.day_figures(center, now), "offerings": center.offerings.all(),
    }


@role_required(CENTER_STAFF)
def console(request, slug: str):
    center = _center(request, slug)
    booking.apply_no_show_rule(center)
    context = _console_context(center)
    for appointment in context["appointments"]:  # codes open the person's booking: audited
        record_pii_read(request, appointment)
    rows = figures.estimate_accuracy(center, 30)[-14:]
    return render(request, "walkin/console.html", {**context, "rows": rows,
                                                   "chart": accuracy_chart(rows)})


@role_required(CENTER_STAFF)
def console_figures(request, slug: str):
    center = _center(request, slug)
    return render(request, "walkin/_console_figures.html",
                  {"center": center, "figures": figures.day_figures(center)})


def _counter(center: Center, pk) -> Counter:
    return get_object_or_404(Counter, center=center, pk=pk)


@role_required(CENTER_STAFF)
@require_POST
def counter_state(request, slug: str, pk: int):
    center = _center(request, slug)
    counter = _counter(center, pk)
    queue.set_counter(counter, request.user, request.POST.get("open") == "1")
    return redirect("walkin:console", slug=slug)


@role_required(CENTER_STAFF)
@require_POST
def call_next(request, slug: str, pk: int):
    center = _center(request, slug)
    counter = _counter(center, pk)
    try:
        ticket = queue.call_next(counter, request.user)
    except queue.QueueError as error:
        messages.error(request, error.messages[0])
    else:
        if ticket is None:
            messages.info(request, _("Nobody is waiting right now."))
        else:
            messages.success(request, _("Called %(ticket)s to counter %(counter)s.")
                             % {"ticket": ticket.display, "counter": counter.number})
    return redirect("walkin:console", slug=slug)


def _ticket(center: Center, pk) -> Ticket:
    return get_object_or_404(Ticket, center=center, pk=pk)


@role_required(CENTER_STAFF)
@require_POST
def finish_ticket(request, slug: str, pk: int):
    center = _center(request, slug)
    outcome = request.POST.get("outcome", "")
    try:
        ticket = queue.finish(_ticket(center, pk), outcome)
    except queue.QueueError as error:
        messages.error(request, error.messages[0])
    else:
        text = (_("%(ticket)s marked served.") if outcome == "served"
                else _("%(ticket)s marked no-show."))
        messages.success(request, text % {"ticket": ticket.display} + " " +
                         _("You can undo this for %(n)d minutes.") % {"n": queue.UNDO_MINUTES})
    return redirect("walkin:console", slug=slug)


@role_required(CENTER_STAFF)
@require_POST
def undo_ticket(request, slug: str, pk: int):
    center = _center(request, slug)
    try:
        ticket = queue.undo(_ticket(center, pk))
    except queue.QueueError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Undone: %(ticket)s is back at counter %(counter)s.")
                         % {"ticket": ticket.display, "counter": ticket.counter.number
                            if ticket.counter else "—"})
    return redirect("walkin:console", slug=slug)


@role_required(CENTER_STAFF)
@require_POST
def transfer_ticket(request, slug: str, pk: int):
    center = _center(request, slug)
    offering = get_object_or_404(CenterService, center=center,
                                 prefix=request.POST.get("service", ""))
    try:
        ticket = queue.transfer(_ticket(center, pk), offering)
    except queue.QueueError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("%(ticket)s moved to %(service)s; they keep their place.")
                         % {"ticket": ticket.display, "service": offering.service.localized_name})
    return redirect("walkin:console", slug=slug)


@role_required(CENTER_STAFF, CX_ANALYST)
def manager(request):
    now = timezone.now()
    everyone = user_roles(request.user) & {ADMIN, CX_ANALYST}
    shown = centers() if everyone else my_centers(request.user)
    rows = [{"center": center, "figures": figures.day_figures(center, now),
             "open": estimates.walk_in_status(center, now)["open"]} for center in shown]
    return render(request, "walkin/manager.html", {
        "rows": rows, "chart": accuracy_chart(figures.estimate_accuracy(None, 30))})
