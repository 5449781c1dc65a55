"""Accepting survey responses: validate, store, redact and tag comments, and count them through
the metrics API, all in one transaction so an accepted response is never half-saved and never
lost; and counting a survey opportunity once per invitation or visit."""

from __future__ import annotations

import json

from django.db import connection, transaction
from django.utils import timezone

from civiccx.core.languages import is_site_language, language_codes
from civiccx.core.redaction import redact
from civiccx.feedback.comment_tags import tag_comment
from civiccx.feedback.instruments import AnswerError, validate_answers
from civiccx.feedback.models import Comment, Invitation, Response, Survey, SurveyVisit
from civiccx.feedback.rollups import cells_for_answers
from civiccx.metrics import rollups
from civiccx.metrics.rollups import CellKey, quarter_of
from civiccx.services.models import Channel


class ResponseRejected(Exception):
    """The answers break the instrument's rules; `errors` maps question id to problems."""

    def __init__(self, errors: dict[str, list[AnswerError | str]]):
        super().__init__("The response was not accepted.")
        self.errors = errors

    def messages(self, language: str = "en") -> dict[str, list[str]]:
        return {qid: [e.message(language) if isinstance(e, AnswerError) else str(e)
                      for e in problems] for qid, problems in self.errors.items()}


class AlreadyAnswered(Exception):
    """This invitation link was used already."""


def submit_response(survey: Survey, answers: dict, *, language: str, source: str,
                    channel: str | None = None, invitation: Invitation | None = None,
                    submitted_at=None) -> Response:
    """Validate and store one response. Raises ResponseRejected or AlreadyAnswered."""
    errors: dict = {}
    if not is_site_language(language):
        errors["language"] = [f"Unsupported language {language!r}; use one of "
                              f"{', '.join(language_codes())}."]
    channel = channel or survey.channel or (invitation.interaction.channel if invitation else "")
    if channel not in Channel.values:
        errors["channel"] = [f"Unknown channel {channel!r}; use one of "
                             f"{', '.join(Channel.values)}."]
    clean, answer_errors = validate_answers(survey.instrument, answers)
    errors.update(answer_errors)
    if not clean and not answer_errors:  # every question may be optional, not all at once
        first = survey.instrument.questions[0].id
        errors[first] = [AnswerError(first, "nothing_answered")]
    if errors:
        raise ResponseRejected(errors)
    submitted_at = submitted_at or timezone.now()
    key = CellKey(survey.service_id, channel, quarter_of(submitted_at), language)
    cells = cells_for_answers(survey.instrument, clean)
    if (invitation is None and connection.vendor == "postgresql"
            and not _has_comments(survey, clean)):
        return _insert_in_one_statement(survey, key, clean, source, submitted_at, cells)
    with transaction.atomic():
        if invitation is not None:
            claimed = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
                used_at=submitted_at)
            if not claimed:
                raise AlreadyAnswered
        response = Response.objects.create(
            survey=survey, service_id=survey.service_id, channel=channel, invitation=invitation,
            interaction=invitation.interaction if invitation else None,
            fiscal_quarter=key.fiscal_quarter, language=language, answers=clean, source=source,
            submitted_at=submitted_at)
        _store_comments(survey, response, clean)
        rollups.record_response(key, cells)
    return response


def _has_comments(survey: Survey, clean: dict) -> bool:
    return any(q.type == "textarea" and clean.get(q.id) for q in survey.instrument.questions)


def _insert_in_one_statement(survey, key: CellKey, clean, source, submitted_at,
                             cells) -> Response:
    """PostgreSQL: store the response and count it in one statement.

    A single statement is atomic on its own, so no BEGIN/COMMIT round trips are needed: the
    hottest path (a response without comments or invitation) costs one round trip.
    """
    table = Response._meta.db_table
    insert = (f"INSERT INTO {table} (survey_id, service_id, channel, "  # noqa: S608
              "fiscal_quarter, language, answers, source, submitted_at) "
              "VALUES (%s, %s, %s, %s, %s, %s::jsonb, %s, %s) RETURNING id")
    pk = rollups.store_response(
        insert, [survey.pk, survey.service_id, key.channel, key.fiscal_quarter, key.language,
                 json.dumps(clean), source, submitted_at], key, cells)
    return Response(pk=pk, survey=survey, service_id=survey.service_id, channel=key.channel,
                    fiscal_quarter=key.fiscal_quarter, language=key.language, answers=clean,
                    source=source, submitted_at=submitted_at)


def _store_comments(survey: Survey, response: Response, clean: dict) -> None:
    redacted_any = False
    for question in survey.instrument.questions:
        if question.type != "textarea" or not clean.get(question.id):
            continue
        redacted = redact(clean[question.id])
        clean[question.id] = redacted.text  # raw text with PII is never stored
        redacted_any = True
        tags = tag_comment(redacted.text)
        Comment.objects.create(
            response=response, question_id=question.id, text=redacted.text,
            redactions=sum(redacted.counts.values()), sentiment=tags.sentiment.score,
            sentiment_label=tags.sentiment.label, topics=sorted(tags.topics))
    if redacted_any:
        Response.objects.filter(pk=response.pk).update(answers=clean)
        response.answers = clean


def record_survey_visit(survey: Survey, channel: str, language: str, visit: str,
                        when=None) -> bool:
    """Count a survey opportunity (A-11 "surveys offered") the first time a visit (a browser
    session's `services.visits.visit_id`) is shown this survey on this channel; reloading the
    page counts nothing. Returns whether it counted."""
    when = when or timezone.now()
    with transaction.atomic():
        _visit, created = SurveyVisit.objects.get_or_create(
            survey=survey, channel=channel, visit=visit,
            defaults={"language": language, "shown_at": when})
        if created:
            rollups.record_offered(service_id=survey.service_id, channel=channel,
                                   language=language, at=when)
    return created


def survey_for(service, channel: str) -> Survey | None:
    """The active survey for a service on a channel (a channel-specific one wins)."""
    surveys = Survey.objects.filter(service=service, is_active=True).select_related(
        "service__provider")
    return surveys.filter(channel=channel).first() or surveys.filter(channel="").first()
