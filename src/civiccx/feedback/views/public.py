"""Public survey pages: hosted per service and channel, by invitation link, and embedded."""

from __future__ import annotations

from csp.decorators import csp_update
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt

from civiccx.core.honeypot import HONEYPOT_FIELD
from civiccx.core.languages import current_language
from civiccx.core.ratelimit import public_form_ratelimit
from civiccx.feedback import stuffing
from civiccx.feedback.invitations import invitation_from_token
from civiccx.feedback.models import Response, Survey
from civiccx.feedback.services import (
    AlreadyAnswered,
    ResponseRejected,
    record_survey_visit,
    submit_response,
    survey_for,
)
from civiccx.feedback.survey_form import answers_from_post, shown_questions
from civiccx.services.models import Channel, Service
from civiccx.services.visits import visit_id


def _survey_page(request, survey: Survey, *, channel: str, source: str, template: str,
                 invitation=None, extra=None):
    language = current_language()
    instrument = survey.instrument
    answers, errors, status = {}, {}, 200
    if request.method == "POST":
        answers = answers_from_post(instrument, request.POST)
        if request.POST.get(HONEYPOT_FIELD):
            return redirect("feedback:thanks")
        try:
            if invitation is None:
                stuffing.check(survey, answers)
        except stuffing.Flooded as flooded:
            response = render(request, "errors/429.html", status=429)
            response["Retry-After"] = str(flooded.retry_after)
            return response
        try:
            submit_response(survey, answers, language=language, source=source,
                            channel=channel, invitation=invitation)
        except ResponseRejected as rejected:
            errors, status = rejected.messages(language), 400
        except AlreadyAnswered:
            return render(request, "feedback/already_answered.html", status=409)
        else:
            return redirect("feedback:embed-thanks" if source == Response.Source.EMBED
                            else "feedback:thanks")
    elif invitation is None:  # an invitation was counted as offered when it was sent
        record_survey_visit(survey, channel, language, visit_id(request, create=True))
    context = {
        "survey": survey, "instrument": instrument, "language": language,
        "questions": shown_questions(instrument, language, answers, errors),
        "has_errors": bool(errors), "pra": instrument.pra, "title": instrument.title[language],
        "pra_statement": instrument.pra.statement[language], **(extra or {}),
    }
    return render(request, template, context, status=status)


@public_form_ratelimit
def hosted_survey(request, service_slug: str, channel: str):
    service = get_object_or_404(Service, slug=service_slug, is_public=True)
    if channel not in Channel.values:
        raise Http404
    survey = survey_for(service, channel)
    if survey is None:
        raise Http404
    return _survey_page(request, survey, channel=channel, source=Response.Source.HOSTED,
                        template="feedback/survey.html")


@public_form_ratelimit
def invitation_survey(request, token: str):
    invitation = invitation_from_token(token)
    if invitation is None:
        return render(request, "feedback/link_invalid.html", status=404)
    if invitation.used_at:
        return render(request, "feedback/already_answered.html", status=409)
    if invitation.is_expired():
        return render(request, "feedback/link_expired.html", status=410)
    return _survey_page(request, invitation.survey, channel=invitation.interaction.channel,
                        source=Response.Source.INVITATION, invitation=invitation,
                        template="feedback/survey.html")


def thanks(request):
    return render(request, "feedback/thanks.html")


def _embed_ancestors():
    return {"frame-ancestors": settings.CIVICCX_EMBED_ALLOWED_ORIGINS}


@csrf_exempt
@xframe_options_exempt
@csp_update(_embed_ancestors())
@public_form_ratelimit
def embedded_survey(request, survey_id: int):
    """The widget's survey. Exempt from CSRF: it runs in third-party pages, where browsers
    withhold our cookies, and it acts for no signed-in person (rate limit and honeypot stay)."""
    survey = get_object_or_404(Survey.objects.select_related("service__provider"),
                               pk=survey_id, is_active=True)
    channel = survey.channel or Channel.WEB
    return _survey_page(request, survey, channel=channel, source=Response.Source.EMBED,
                        template="feedback/embedded_survey.html")


@xframe_options_exempt
@csp_update(_embed_ancestors())
def embedded_thanks(request):
    return render(request, "feedback/embedded_thanks.html")
