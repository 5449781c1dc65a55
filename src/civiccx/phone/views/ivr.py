"""Twilio-compatible voice and SMS webhooks: the IVR that offers a callback instead of hold.

Every request must carry a valid X-Twilio-Signature (checked with the twilio library's
RequestValidator against TWILIO_AUTH_TOKEN); unsigned or forged requests get 403. A signed
request is also a replay risk: each acts once per CallSid/MessageSid (WebhookReceipt), and a
request for a call first seen more than TWILIO_WEBHOOK_MAX_AGE ago is refused as stale.
"""

from __future__ import annotations

from datetime import timedelta
from functools import wraps
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import Gather, VoiceResponse

from civiccx.core import dates
from civiccx.core.languages import site_language
from civiccx.core.messaging import render_message
from civiccx.phone.models import CallQueue, WebhookReceipt
from civiccx.phone.services import (
    DuplicateCallback,
    cancel_by_sms,
    estimate_wait,
    join_hold,
    people_waiting,
    request_callback,
)

VOICES = {"en": "en-US", "es": "es-US"}
# What the IVR says, in English; the caller hears it in the language they chose (the Spanish
# is in the catalog like every other string).
PROMPTS = {
    "welcome": gettext_lazy("Thank you for calling %(agency)s. For English, press 1."),
    "for_spanish": gettext_lazy("For Spanish, press 2."),
    "not_an_option": gettext_lazy("Sorry, that is not an option."),
    "wait": gettext_lazy("Your estimated wait is about %(low)s to %(high)s minutes."),
    "closed": gettext_lazy("We are closed now. We open again on %(day)s, %(at_time)s"),
    "offer": gettext_lazy("Press 1 to get a call back and keep your place in line. Press 2 to "
                          "hold."),
    "offer_closed": gettext_lazy("Press 1 to get a call back after we open. You keep your "
                                 "place in line."),
    "confirm": gettext_lazy("We will call you at the number you are calling from, ending in "
                            "%(last4)s. Press 1 to confirm, or press 2 to enter a different "
                            "number."),
    "enter": gettext_lazy("Enter the 10-digit phone number, starting with the area code."),
    "bad_number": gettext_lazy("That number is not valid."),
    "booked": gettext_lazy("Thank you. We will call you back in about %(low)s to %(high)s "
                           "minutes. You keep your place in line. We will also send you a "
                           "text. Goodbye."),
    "booked_closed": gettext_lazy("Thank you. We open on %(day)s, %(at_time)s, and we will "
                                  "call you back after that. You keep your place in line. We "
                                  "will also send you a text. Goodbye."),
    "duplicate": gettext_lazy("This number already has a callback waiting. We will call you. "
                              "Goodbye."),
    "hold": gettext_lazy("Please hold. A representative will be with you soon."),
    "unknown": gettext_lazy("This phone line is not available. Goodbye."),
}


def _twiml(response, status: int = 200) -> HttpResponse:
    return HttpResponse(str(response), content_type="text/xml", status=status)


def twilio_signed(view):
    """Refuse requests that Twilio did not sign with our auth token."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.TWILIO_AUTH_TOKEN:
            return HttpResponse("Phone webhooks are not configured (TWILIO_AUTH_TOKEN).",
                                status=503, content_type="text/plain")
        signature = request.headers.get("X-Twilio-Signature", "")
        validator = RequestValidator(settings.TWILIO_AUTH_TOKEN)
        if not signature or not validator.validate(request.build_absolute_uri(),
                                                   request.POST.dict(), signature):
            return HttpResponse("Invalid or missing Twilio signature.", status=403,
                                content_type="text/plain")
        refused = _refuse_replay(request)
        return refused or view(request, *args, **kwargs)

    return csrf_exempt(require_POST(wrapper))


def _sid(request) -> str:
    return (request.POST.get("MessageSid") or request.POST.get("CallSid") or "")[:64]


def _refuse_replay(request) -> HttpResponse | None:
    """Refuse a signed request with no CallSid/MessageSid, or for a call seen too long ago."""
    sid = _sid(request)
    if not sid:
        return HttpResponse("A CallSid or MessageSid is required.", status=400,
                            content_type="text/plain")
    now = timezone.now()
    first, _created = WebhookReceipt.objects.get_or_create(
        sid=sid, step="first", defaults={"received_at": now})
    if now - first.received_at > timedelta(seconds=settings.TWILIO_WEBHOOK_MAX_AGE):
        return HttpResponse("This request is stale: its call ended long ago.", status=403,
                            content_type="text/plain")
    return None


def _once(request, step: str, action):
    """Run ``action`` once per CallSid/MessageSid and step; None when it already ran."""
    try:
        with transaction.atomic():
            WebhookReceipt.objects.create(sid=_sid(request), step=step)
            return action()
    except IntegrityError:
        if WebhookReceipt.objects.filter(sid=_sid(request), step=step).exists():
            return None
        raise


def _say(node, language: str, key: str, **values):
    with translation.override(language):
        text = str(PROMPTS[key]) % values if values else str(PROMPTS[key])
    node.say(text, language=VOICES[language])


def _queue_or_refuse(slug: str):
    queue = CallQueue.objects.select_related("service__provider", "call_center").filter(
        slug=slug).first()
    if queue is None:
        response = VoiceResponse()
        _say(response, "en", "unknown")
        response.hangup()
        return None, _twiml(response, status=404)
    return queue, None


def _step(queue, name: str, language: str | None = None) -> str:
    url = reverse(f"phone-webhooks:voice-{name}", args=[queue.slug])
    return f"{url}?lang={language}" if language else url


def _language(request) -> str:
    return site_language(request.GET.get("lang"))


@twilio_signed
def voice_start(request, slug: str):
    queue, refused = _queue_or_refuse(slug)
    if refused:
        return refused
    response = VoiceResponse()
    gather = Gather(num_digits=1, action=_step(queue, "language"), method="POST", timeout=6)
    with translation.override("en"):
        agency = queue.service.provider.localized_name_in_sentence
    _say(gather, "en", "welcome", agency=agency)
    _say(gather, "es", "for_spanish")
    response.append(gather)
    response.redirect(_step(queue, "start"), method="POST")
    return _twiml(response)


def _offer(queue, language: str):
    response = VoiceResponse()
    now = timezone.now()
    estimate = estimate_wait(queue, people_waiting(queue), now)
    gather = Gather(num_digits=1, action=_step(queue, "choice", language), method="POST",
                    timeout=8)
    if estimate.opens_at:
        opens = estimate.opens_at.astimezone(ZoneInfo(queue.call_center.time_zone))
        with translation.override(language):
            day, at_time = dates.day_date(opens, year=False), dates.at_clock(opens)
        _say(gather, language, "closed", day=day, at_time=at_time)
        _say(gather, language, "offer_closed")
        response.append(gather)
        response.hangup()
        return response
    minutes = estimate.mean_seconds / 60
    if (minutes <= queue.callback_threshold_minutes
            or minutes > queue.callback_max_wait_minutes):
        return _hold(queue, language, None)
    _say(gather, language, "wait", low=estimate.low_minutes, high=estimate.high_minutes)
    _say(gather, language, "offer")
    response.append(gather)
    response.redirect(_step(queue, "choice", language) + "&Digits=2", method="POST")
    return response


def _hold(queue, language: str, caller: str | None):
    join_hold(queue, caller or "", language=language)
    response = VoiceResponse()
    _say(response, language, "hold")
    response.enqueue(queue.slug)
    return response


@twilio_signed
def voice_language(request, slug: str):
    queue, refused = _queue_or_refuse(slug)
    if refused:
        return refused
    digits = request.POST.get("Digits", "")
    if digits not in ("1", "2"):
        response = VoiceResponse()
        _say(response, "en", "not_an_option")
        response.redirect(_step(queue, "start"), method="POST")
        return _twiml(response)
    return _twiml(_offer(queue, "en" if digits == "1" else "es"))


@twilio_signed
def voice_choice(request, slug: str):
    queue, refused = _queue_or_refuse(slug)
    if refused:
        return refused
    language = _language(request)
    digits = request.POST.get("Digits") or request.GET.get("Digits", "")
    if digits == "2":
        return _twiml(_hold(queue, language, request.POST.get("From")))
    if digits != "1":
        response = VoiceResponse()
        _say(response, language, "not_an_option")
        response.append(_offer(queue, language))
        return _twiml(response)
    response = VoiceResponse()
    caller = request.POST.get("From", "")
    gather = Gather(num_digits=1, action=_step(queue, "number", language), method="POST")
    _say(gather, language, "confirm", last4=" ".join(caller[-4:]) if caller else "")
    response.append(gather)
    return _twiml(response)


def _book(request, queue, language: str, number: str):
    response = VoiceResponse()
    # The caller was never asked about surveys on the phone line: record no consent.
    try:
        entry = _once(request, "callback", lambda: request_callback(
            queue, number, language=language, source="ivr", survey_consent=False))
    except DuplicateCallback:
        entry = None
    if entry is None:  # a callback waiting already, or this call booked one before
        _say(response, language, "duplicate")
        response.hangup()
        return response
    if entry.not_before > entry.arrived_at:  # booked while closed: when we open, not minutes
        opens = entry.not_before.astimezone(ZoneInfo(queue.call_center.time_zone))
        with translation.override(language):
            day, at_time = dates.day_date(opens, year=False), dates.at_clock(opens)
        _say(response, language, "booked_closed", day=day, at_time=at_time)
        response.hangup()
        return response
    low = max(1, round(entry.predicted_low_seconds / 60))
    high = max(low, round(entry.predicted_high_seconds / 60))
    _say(response, language, "booked", low=low, high=high)
    response.hangup()
    return response


def _ask_for_number(queue, language: str, response=None):
    response = response or VoiceResponse()
    gather = Gather(num_digits=10, action=_step(queue, "entered", language), method="POST",
                    timeout=10)
    _say(gather, language, "enter")
    response.append(gather)
    return response


@twilio_signed
def voice_number(request, slug: str):
    queue, refused = _queue_or_refuse(slug)
    if refused:
        return refused
    language = _language(request)
    if request.POST.get("Digits") == "1" and request.POST.get("From"):
        try:
            return _twiml(_book(request, queue, language, request.POST["From"]))
        except ValidationError:
            pass  # a caller ID that is not a real number: ask for one
    return _twiml(_ask_for_number(queue, language))


@twilio_signed
def voice_entered(request, slug: str):
    queue, refused = _queue_or_refuse(slug)
    if refused:
        return refused
    language = _language(request)
    try:
        return _twiml(_book(request, queue, language, request.POST.get("Digits", "")))
    except ValidationError:
        response = VoiceResponse()
        _say(response, language, "bad_number")
        return _twiml(_ask_for_number(queue, language, response))


@twilio_signed
def sms_reply(request):
    body = request.POST.get("Body", "").strip().lower()
    language = "es" if body.startswith("cancelar") else "en"
    if body in ("cancel", "cancelar", "stop", "cancel callback"):
        cancelled = _once(request, "sms", lambda: cancel_by_sms(request.POST.get("From", "")))
        kind = "cancelled" if cancelled else "none"
    else:
        kind = "help"
    response = MessagingResponse()
    response.message(render_message(f"phone/reply_{kind}", {}, language=language).body)
    return _twiml(response)
