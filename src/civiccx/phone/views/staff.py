"""Staff pages: the CSR workspace (status, next call, outcome), live queue figures for HTMX,
the supervisor's view, and how good the wait estimates have been."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civiccx.charts import Series, line_chart
from civiccx.core.dates import day_button
from civiccx.core.roles import CSR, CX_ANALYST, role_required
from civiccx.phone.figures import estimate_accuracy, queue_figures
from civiccx.phone.models import AgentState, QueueEntry
from civiccx.phone.records import earlier_contacts
from civiccx.phone.services import record_outcome, set_agent_status, take_next
from civiccx.services.audit import record_pii_read
from civiccx.services.interactions import display_phone


def _my_call(user):
    return (QueueEntry.objects.select_related("queue__service", "queue__call_center")
            .filter(csr=user, status=QueueEntry.Status.IN_PROGRESS).first())


@role_required(CSR)
def workspace(request):
    state, _created = AgentState.objects.get_or_create(user=request.user)
    call = _my_call(request.user)
    if call is not None and call.phone:
        record_pii_read(request, call)
    return render(request, "phone/workspace.html", {
        "state": state, "call": call, "statuses": AgentState.Status.choices,
        "number": display_phone(call.phone) if call is not None and call.phone else "",
        "history": earlier_contacts(call) if call is not None else [],
        "zone": call.queue.call_center.time_zone if call is not None else None,
        "figures": queue_figures()})


@role_required(CSR)
def live_figures(request):
    return render(request, "phone/_figures.html", {"figures": queue_figures()})


@role_required(CSR)
@require_POST
def change_status(request):
    try:
        set_agent_status(request.user, request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("phone:workspace")


@role_required(CSR)
@require_POST
def next_call(request):
    if _my_call(request.user) is not None:
        messages.error(request, _("Finish your current call first."))
    elif take_next(request.user) is None:
        messages.info(request, _("Nobody is waiting right now."))
    return redirect("phone:workspace")


@role_required(CSR)
@require_POST
def finish_call(request, pk: int):
    entry = get_object_or_404(QueueEntry, pk=pk)
    try:
        record_outcome(entry, request.user, request.POST.get("outcome", ""),
                       notes=request.POST.get("notes", "")[:2000])
    except PermissionDenied:
        messages.error(request, _("That call belongs to another representative; it was not "
                                  "changed."))
        return redirect("phone:workspace")
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("phone:workspace")
    messages.success(request, _("Outcome saved."))
    return redirect("phone:workspace")


@role_required(CSR, CX_ANALYST)
def supervisor(request):
    states = AgentState.objects.select_related("user").exclude(
        status=AgentState.Status.OFFLINE).order_by("status", "user__username")
    return render(request, "phone/supervisor.html",
                  {"figures": queue_figures(), "states": states,
                   "counts": dict(states.values_list("status").annotate(n=Count("pk")))})


@role_required(CX_ANALYST)
def estimates(request):
    """Predicted vs actual waits, by day: is what we tell callers honest?"""
    rows = estimate_accuracy()
    chart = line_chart(
        "phone-estimate-error", _("Wait estimate error by day (minutes)"),
        [day_button(r["day"]) for r in rows],
        [Series(_("Mean absolute error"), [round(r["mean_abs_error_min"], 1) for r in rows]),
         Series(_("Bias (positive: we over-estimated)"), [round(r["bias_min"], 1)
                                                          for r in rows])],
        category_label=_("Day"), value_format="{:.1f}", tick_format="{:g}") if rows else None
    return render(request, "phone/estimates.html", {"rows": rows, "chart": chart})


