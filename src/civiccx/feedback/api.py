"""JSON API for survey responses (OpenAPI at /api/feedback/v1/openapi.json, docs at .../docs).

Agencies post responses from their own forms, kiosks and IVR systems. Errors name the field
and say what is wrong; an accepted response is stored whole or not at all.
"""

from __future__ import annotations

import time
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.errors import ValidationError as NinjaValidationError

from civiccx.core.ratelimit import over_limit
from civiccx.feedback import stuffing
from civiccx.feedback.invitations import invitation_from_token
from civiccx.feedback.models import Response, Survey
from civiccx.feedback.services import AlreadyAnswered, ResponseRejected, submit_response

MAX_BODY_BYTES = 64 * 1024

api = NinjaAPI(
    title="Civic CX feedback API",
    version="1",
    description="Submit OMB Circular A-11 Section 280 survey responses.",
    urls_namespace="feedback-api",
    docs_url=None,  # the interactive docs load scripts from a CDN, which our CSP forbids
)


class ResponseIn(Schema):
    survey: int
    answers: dict[str, Any]
    language: Literal["en", "es"] = "en"
    channel: str | None = None
    invitation: str | None = None


class ResponseOut(Schema):
    id: int
    fiscal_quarter: str
    channel: str


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


@api.exception_handler(NinjaValidationError)
def _invalid(request, exc):
    errors: dict[str, list[str]] = {}
    for problem in exc.errors:
        location = [str(part) for part in problem.get("loc", ()) if part not in ("body",)]
        field = ".".join(location[1:] if location and location[0] == "payload" else location)
        errors.setdefault(field or "body", []).append(problem.get("msg", "is not valid"))
    return api.create_response(request, {"detail": "The request body is not valid.",
                                         "errors": errors}, status=400)


def _guard(request: HttpRequest):
    """Refuse what we should not parse: wrong content type, oversized bodies, floods."""
    content_type = request.content_type or ""
    if request.method == "POST" and content_type != "application/json":
        return 415, {"detail": f"Send JSON with Content-Type: application/json "
                               f"(got {content_type or 'none'})."}
    raw_length = request.META.get("CONTENT_LENGTH") or "0"
    if not (raw_length.isascii() and raw_length.isdigit()):
        return 400, {"detail": "The Content-Length header must be a number of bytes."}
    length = int(raw_length)
    if length > MAX_BODY_BYTES:
        return 413, {"detail": f"The body is {length} bytes; the limit is {MAX_BODY_BYTES}."}
    if over_limit(request, "feedback-api", settings.CIVICCX_API_RATE):
        return 429, {"detail": "Too many requests from this address. Wait a minute and retry.",
                     "retry_after": 60}
    return None


SURVEY_CACHE_SECONDS = 30
_surveys: dict[int, tuple[float, Survey | None]] = {}


def active_survey(pk: int) -> Survey | None:
    """Surveys change rarely and every response names one: keep them 30 s per process."""
    now = time.monotonic()
    cached = _surveys.get(pk)
    if cached and cached[0] > now:
        return cached[1]
    survey = (Survey.objects.select_related("service__provider")
              .filter(pk=pk, is_active=True).first())
    if len(_surveys) > 10_000:
        _surveys.clear()
    _surveys[pk] = (now + SURVEY_CACHE_SECONDS, survey)
    return survey


@api.post("/responses", response={201: ResponseOut, 400: ErrorOut, 404: ErrorOut,
                                  409: ErrorOut, 410: ErrorOut, 413: ErrorOut, 415: ErrorOut,
                                  429: ErrorOut}, summary="Submit one survey response")
def create_response(request, payload: ResponseIn):
    survey = active_survey(payload.survey)
    if survey is None:
        return 404, {"detail": f"No active survey with id {payload.survey}."}
    invitation = None
    if payload.invitation:
        invitation = invitation_from_token(payload.invitation)
        if invitation is None or invitation.survey_id != survey.pk:
            return 404, {"detail": "The invitation token is not valid for this survey."}
        if invitation.is_expired():
            return 410, {"detail": "The invitation has expired."}
    if invitation is None:
        try:
            stuffing.check(survey, payload.answers)
        except stuffing.Flooded as flooded:
            detail = ("This survey is receiving too many responses. Retry later."
                      if flooded.reason == "rate" else
                      "An identical comment was received for this survey already.")
            reply = api.create_response(request, {"detail": detail}, status=429)
            reply["Retry-After"] = str(flooded.retry_after)
            return reply
    try:
        response = submit_response(survey, payload.answers, language=payload.language,
                                   source=Response.Source.API, channel=payload.channel,
                                   invitation=invitation)
    except ResponseRejected as rejected:
        return 400, {"detail": "The answers were not accepted.",
                     "errors": rejected.messages(payload.language)}
    except AlreadyAnswered:
        return 409, {"detail": "This invitation was answered already."}
    return 201, {"id": response.pk, "fiscal_quarter": response.fiscal_quarter,
                 "channel": response.channel}


class GuardMiddleware:
    """Runs the guard before Ninja parses the body, so a bad request costs nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/feedback/") and request.method == "POST":
            try:
                refused = _guard(request)
            except RequestDataTooBig:
                refused = (413, {"detail": "The body is too large."})
            if refused:
                from django.http import JsonResponse

                status, body = refused
                retry_after = body.pop("retry_after", None)
                reply = JsonResponse(body, status=status)
                if retry_after:
                    reply["Retry-After"] = str(retry_after)
                return reply
        return self.get_response(request)
