"""Public walk-in pages: find a center, book and manage a visit, the kiosk, the ticket page
and the lobby display."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from civiccx.core.languages import current_language
from civiccx.core.public_links import public_url
from civiccx.core.qr_codes import qr_code_svg
from civiccx.core.ratelimit import public_form_ratelimit
from civiccx.core.roles import is_staff_member
from civiccx.core.signed_links import SignedLink
from civiccx.services.models import VisitStep
from civiccx.services.visits import record_visit_step
from civiccx.walkin import booking, codes, estimates, finder, line, local_time, messages, queue
from civiccx.walkin.forms import BookingForm, CodeForm, FindCenterForm, RescheduleForm, TicketForm
from civiccx.walkin.models import Appointment, Center, CenterService, Ticket

TICKET_LINK = SignedLink("civiccx.walkin.ticket", max_age=timedelta(days=2))
"""The ticket page a person keeps open on their phone while they wait."""


def _center(slug: str) -> Center:
    return get_object_or_404(finder.centers(), location__slug=slug)


def find_center(request):
    form = FindCenterForm(request.GET or None)
    results, searched, message = [], False, ""
    if request.GET and form.is_valid():
        zip_code, state = form.cleaned_data["zip_code"], form.cleaned_data["state"]
        searched = bool(zip_code or state)
        if zip_code:
            found = finder.by_distance(zip_code)
            if found is None:
                form.add_error("zip_code", _("We do not know ZIP code %(zip)s. Check it, or "
                                             "choose a state.") % {"zip": zip_code})
            else:
                if not found:
                    found = finder.by_distance(zip_code, limit=1, within=None)
                    if found:
                        message = _(
                            "There is no center within %(limit)s miles of ZIP code %(zip)s. "
                            "The nearest is %(name)s, %(miles)s miles away.") % {
                            "limit": finder.NEARBY_MILES, "zip": zip_code,
                            "name": found[0][0].location.localized_name,
                            "miles": number_format(round(found[0][1]), force_grouping=True)}
                results = [{"center": c, "miles": round(m)} for c, m in found]
        elif state:
            results = [{"center": c, "miles": None} for c in finder.by_state(state)]
            if not results:
                message = _("There is no center in that state. Try a nearby state or your "
                            "ZIP code.")
    now = timezone.now()
    for row in results:
        row["today"] = estimates.walk_in_status(row["center"], now)
    return render(request, "walkin/find.html",
                  {"form": form, "results": results, "searched": searched, "message": message},
                  status=400 if form.errors else 200)


def center_detail(request, slug: str):
    center = _center(slug)
    now = timezone.now()
    today = local_time.local_today(center, now)
    specials = [s for s in center.location.special_hours.all() if s.date >= today][:10]
    return render(request, "walkin/center.html", {
        "center": center, "location": center.location, "today": estimates.walk_in_status(center,
                                                                                       now),
        "hours": center.location.hours.all(), "specials": specials,
        "offerings": center.offerings.all()})


def _slot_choices(slots, zone_name: str):
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(zone_name)
    return [(slot.starts_at.isoformat(), date_format(slot.starts_at.astimezone(zone),
                                                     "TIME_FORMAT")) for slot in slots]


def _parse_slot(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else None


def _days_with_slots(offering, now) -> list[date]:
    zone = local_time.zone(offering.center)
    return sorted({slot.starts_at.astimezone(zone).date()
                   for slot in booking.available_slots(offering, now)})


def _day_from(request, center, days, errors: list[str]) -> date | None:
    raw = request.GET.get("day") or request.POST.get("day")
    today = local_time.local_today(center)
    if raw:
        try:
            chosen = date.fromisoformat(raw)
        except ValueError:
            errors.append(_("That is not a date. Choose a day from the list."))
            return days[0] if days else None
        if chosen < today:
            errors.append(_("That day has passed. Choose today or a later day."))
            return days[0] if days else None
        if chosen not in days:
            errors.append(_("There are no free appointment times on %(day)s (the center may be "
                            "closed or fully booked). Choose another day.")
                          % {"day": date_format(chosen, "DATE_FORMAT")})
            return days[0] if days else None
        return chosen
    return days[0] if days else None


@public_form_ratelimit
def book(request, slug: str):
    center = _center(slug)
    offerings = [o for o in center.offerings.all() if o.bookable]
    if not offerings:
        raise Http404
    prefix = request.GET.get("service") or request.POST.get("service") or offerings[0].prefix
    offering = next((o for o in offerings if o.prefix == prefix), offerings[0])
    now = timezone.now()
    days = _days_with_slots(offering, now)
    notices: list[str] = []
    day = _day_from(request, center, days, notices)
    slots = list(booking.available_slots(offering, now, first_day=day, days=1)) \
        if day else []
    person = request.user if request.user.is_authenticated and not is_staff_member(
        request.user) else None
    form = BookingForm(request.POST if request.method == "POST" else None,
                       slot_choices=_slot_choices(slots, center.location.time_zone),
                       initial={"language": current_language()},
                       account_email=getattr(person, "email", "") or "")
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return redirect("services:home")
        starts_at = _parse_slot(form.cleaned_data["slot"])
        if starts_at is None:
            form.add_error("slot", _("Choose one of the times shown."))
        else:
            try:
                appointment = booking.book(
                    offering, starts_at, name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"], phone=form.cleaned_data["phone"],
                    language=form.cleaned_data["language"],
                    needs_accessibility=form.cleaned_data["needs_accessibility"],
                    person=person, now=now)
            except booking.BookingError as error:
                form.add_error("slot", error.messages[0])
                slots = booking.available_slots(offering, now, first_day=day, days=1) \
                    if day else []
                form.fields["slot"].widget.choices = _slot_choices(
                    slots, center.location.time_zone)
            else:
                record_visit_step(request, VisitStep.Step.VISIT_BOOKED)
                return redirect("walkin:confirmation", token=messages.cancel_token(appointment))
    return render(request, "walkin/book.html", {
        "center": center, "offerings": offerings, "offering": offering, "days": days[:15],
        "day": day, "form": form, "notices": notices, "slots": slots},
        status=400 if form.errors or notices else 200)


def _appointment_or_404(request, token):
    appointment = messages.appointment_from_token(token)
    if appointment is None:
        return None, render(request, "walkin/link_invalid.html", status=404)
    return appointment, None


def confirmation(request, token: str):
    appointment, failure = _appointment_or_404(request, token)
    if failure:
        return failure
    kiosk = public_url("walkin:kiosk", appointment.center.slug, query={"code": appointment.code})
    return render(request, "walkin/confirmation.html", {
        "appointment": appointment, "token": token, "qr": qr_code_svg(kiosk, box_size=8),
        "local_start": appointment.local_start})


def calendar_file(request, token: str):
    appointment, failure = _appointment_or_404(request, token)
    if failure:
        return failure
    response = HttpResponse(messages.ics(appointment), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="appointment-{appointment.code}.ics"'
    return response


@public_form_ratelimit
def manage(request):
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return redirect("services:home")
        appointment = codes.find_appointment(form.cleaned_data["code"])
        if appointment is None:
            form.add_error("code", _("We could not find an appointment with that code. Check "
                                     "the code in your text or email; it has 8 letters and "
                                     "numbers."))
        else:
            return redirect("walkin:change", token=messages.cancel_token(appointment))
    return render(request, "walkin/manage.html", {"form": form},
                  status=400 if form.errors else 200)


@public_form_ratelimit
def change(request, token: str):
    appointment, failure = _appointment_or_404(request, token)
    if failure:
        return failure
    center = appointment.center
    now = timezone.now()
    days = _days_with_slots(appointment.offering, now)
    notices: list[str] = []
    day = _day_from(request, center, days, notices)
    slots = booking.available_slots(appointment.offering, now, first_day=day, days=1) \
        if day else []
    form = RescheduleForm(request.POST if request.method == "POST" else None,
                          slot_choices=_slot_choices(slots, center.location.time_zone))
    if request.method == "POST" and form.is_valid():
        starts_at = _parse_slot(form.cleaned_data["slot"])
        try:
            if starts_at is None:
                raise booking.BookingError(_("Choose one of the times shown."))
            appointment = booking.reschedule(appointment, starts_at, now=now)
        except booking.BookingError as error:
            form.add_error("slot", error.messages[0])
        else:
            return redirect("walkin:confirmation", token=messages.cancel_token(appointment))
    return render(request, "walkin/change.html", {
        "appointment": appointment, "token": token, "form": form, "days": days[:15],
        "day": day, "notices": notices, "slots": slots,
        "can_change": appointment.status == Appointment.Status.BOOKED},
        status=400 if form.errors or notices else 200)


@public_form_ratelimit
def cancel(request, token: str):
    appointment, failure = _appointment_or_404(request, token)
    if failure:
        return failure
    if request.method == "POST":
        cancelled = booking.cancel(appointment)
        appointment.refresh_from_db()
        return render(request, "walkin/cancelled.html",
                      {"appointment": appointment, "was_booked": cancelled})
    return render(request, "walkin/cancel.html", {"appointment": appointment, "token": token})


def ticket_token(ticket: Ticket) -> str:
    return TICKET_LINK.token(ticket.pk)


def _ticket_from_token(token: str) -> Ticket | None:
    return TICKET_LINK.find(token, Ticket.objects.select_related(
        "center__location", "offering__service", "counter"))


@public_form_ratelimit
def kiosk(request, slug: str):
    """The tablet by the door: check in with a code (or its QR code), or take a ticket."""
    center = _center(slug)
    offerings = list(center.offerings.all())
    choices = [(o.prefix, o.service.localized_name) for o in offerings]
    code_form = CodeForm(request.POST if request.POST.get("action") == "check-in" else None,
                         initial={"code": request.GET.get("code", "")}, prefix="checkin")
    ticket_form = TicketForm(request.POST if request.POST.get("action") == "ticket" else None,
                             service_choices=choices, prefix="ticket")
    if request.method == "POST" and request.POST.get("action") == "check-in" and \
            code_form.is_valid():
        try:
            ticket = queue.check_in(code_form.cleaned_data["code"], center)
        except queue.QueueError as error:
            code_form.add_error("code", error.messages[0])
        else:
            return _ticket_at_kiosk(ticket)
    if request.method == "POST" and request.POST.get("action") == "ticket" and \
            ticket_form.is_valid():
        if ticket_form.is_spam():
            return redirect("services:home")
        offering = next(o for o in offerings if o.prefix == ticket_form.cleaned_data["service"])
        try:
            ticket = queue.take_ticket(
                offering, phone=ticket_form.cleaned_data["phone"], language=current_language(),
                needs_accessibility=ticket_form.cleaned_data["needs_accessibility"],
                survey_consent=ticket_form.cleaned_data["survey_consent"])
        except queue.QueueError as error:
            ticket_form.add_error(None, error.messages[0])
        else:
            return _ticket_at_kiosk(ticket)
    return render(request, "walkin/kiosk.html", {
        "center": center, "code_form": code_form, "ticket_form": ticket_form,
        "today": estimates.walk_in_status(center),
        "kiosk_idle_seconds": settings.CIVICCX_KIOSK_IDLE_SECONDS},
        status=400 if code_form.errors or ticket_form.errors else 200)


def _ticket_at_kiosk(ticket: Ticket):
    """The ticket, shown on the kiosk's screen (kiosk chrome, then back to the start)."""
    return redirect(reverse("walkin:ticket", args=[ticket_token(ticket)]) + "?kiosk=1")


def _ticket_context(ticket: Ticket) -> dict:
    now = timezone.now()
    context = {"ticket": ticket}
    if ticket.status == Ticket.Status.WAITING:
        ahead = line.position(ticket, now)
        context.update(ahead=ahead, estimate=estimates.estimate_wait(ticket.center, None, now,
                                                                  n_ahead=ahead))
    return context


def ticket_page(request, token: str):
    ticket = _ticket_from_token(token)
    if ticket is None:
        return render(request, "walkin/link_invalid.html", status=404)
    return render(request, "walkin/ticket.html", {
        **_ticket_context(ticket), "token": token, "kiosk": request.GET.get("kiosk") == "1",
        "kiosk_idle_seconds": settings.CIVICCX_KIOSK_IDLE_SECONDS})


@never_cache
def ticket_status(request, token: str):
    ticket = _ticket_from_token(token)
    if ticket is None:
        raise Http404
    return render(request, "walkin/_ticket_status.html", _ticket_context(ticket))


def lobby(request, slug: str):
    center = _center(slug)
    return render(request, "walkin/lobby.html", {"center": center,
                                                 **_board_context(center)})


def _board_context(center: Center) -> dict:
    now = timezone.now()
    calls = line.called_board(center, now)
    return {"calls": calls, "current": calls[0] if calls else None, "earlier": calls[1:],
            "today": estimates.walk_in_status(center, now)}


@never_cache
def lobby_board(request, slug: str):
    center = _center(slug)
    return render(request, "walkin/_board.html", {"center": center, **_board_context(center)})


def _offering(center: Center, prefix: str) -> CenterService:
    return get_object_or_404(CenterService, center=center, prefix=prefix)
