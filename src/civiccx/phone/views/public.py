"""Public phone pages: ask for a callback, see it confirmed, cancel it by link."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from civiccx.core.languages import current_language
from civiccx.core.ratelimit import public_form_ratelimit
from civiccx.core.roles import is_staff_member
from civiccx.phone.forms import CallbackRequestForm
from civiccx.phone.models import CallQueue, QueueEntry
from civiccx.phone.services import (
    DuplicateCallback,
    cancel_entry,
    cancel_token,
    entry_from_cancel_token,
    estimate_wait,
    people_waiting,
    request_callback,
)
from civiccx.services.interactions import display_phone
from civiccx.services.models import VisitStep
from civiccx.services.visits import record_visit_step

SESSION_KEY = "civiccx_callbacks"


def _member_of_public(user):
    """The signed-in member of the public asking for themselves (their callback then shows in
    "My records"); nobody for an anonymous visitor or staff asking for someone else."""
    return user if user.is_authenticated and not is_staff_member(user) else None


@public_form_ratelimit
def request_callback_page(request, slug: str):
    queue = get_object_or_404(CallQueue.objects.select_related("service", "call_center"),
                              slug=slug)
    language = current_language()
    form = CallbackRequestForm(request.POST if request.method == "POST" else None,
                               initial={"language": language})
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return redirect("services:home")
        try:
            entry = request_callback(queue, form.cleaned_data["phone"],
                                     language=form.cleaned_data["language"], source="web",
                                     best_time=form.cleaned_data["best_time"],
                                     survey_consent=form.cleaned_data["survey_consent"],
                                     person=_member_of_public(request.user))
        except DuplicateCallback:
            form.add_error("phone", _("This number already has a callback waiting in this "
                                      "line. We will call you; you keep your place."))
        else:
            request.session.setdefault(SESSION_KEY, []).append(entry.pk)
            request.session.modified = True
            record_visit_step(request, VisitStep.Step.CALLBACK_REQUESTED)
            return redirect("phone:confirmation", token=cancel_token(entry))
    estimate = estimate_wait(queue, people_waiting(queue), timezone.now())
    return render(request, "phone/request_callback.html",
                  {"queue": queue, "form": form, "estimate": estimate,
                   "waiting": people_waiting(queue)},
                  status=400 if form.errors else 200)


def confirmation(request, token: str):
    entry = entry_from_cancel_token(token)
    if entry is None:
        return render(request, "phone/link_invalid.html", status=404)
    ahead = QueueEntry.objects.filter(queue=entry.queue, status=QueueEntry.Status.WAITING,
                                      arrived_at__lt=entry.arrived_at).count()
    return render(request, "phone/confirmation.html",
                  {"entry": entry, "token": token, "ahead": ahead,
                   "number": display_phone(entry.phone)})


@public_form_ratelimit
def cancel(request, token: str):
    entry = entry_from_cancel_token(token)
    if entry is None:
        return render(request, "phone/link_invalid.html", status=404)
    if request.method == "POST":
        cancelled = cancel_entry(entry)
        return render(request, "phone/cancelled.html", {"entry": entry,
                                                        "was_waiting": cancelled})
    return render(request, "phone/cancel.html", {"entry": entry, "token": token})
