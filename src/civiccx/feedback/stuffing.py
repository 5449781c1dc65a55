"""Survey stuffing: anonymous responses (the embed, the hosted page, the API without an
invitation) are limited per survey, identical comments are refused, and refused bursts are
recorded so the CX dashboard can flag them.

The per-address limits (CIVICCX_PUBLIC_FORM_RATE, CIVICCX_API_RATE) stop one client; a survey
stuffed from many addresses is caught here by its own rate (CIVICCX_SURVEY_RATE, per survey)
and by duplicate content: the same comment text for the same survey twice within an hour.
Refusals answer 429 with ``Retry-After``.
"""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from civiccx.core.ratelimit import parse_rate
from civiccx.feedback.instruments import validate_answers
from civiccx.feedback.models import Survey, SurveyBurst

DUPLICATE_WINDOW_SECONDS = 3600


class Flooded(Exception):
    """A response refused as stuffing; ``retry_after`` seconds until a retry may succeed."""

    def __init__(self, retry_after: int, reason: str):
        super().__init__(reason)
        self.retry_after = max(1, int(retry_after))
        self.reason = reason  # "rate" or "duplicate"


def _comments(survey: Survey, answers: dict) -> list[str]:
    texts = []
    for question in survey.instrument.questions:
        value = answers.get(question.id)
        if question.type == "textarea" and isinstance(value, str) and value.strip():
            texts.append(" ".join(value.lower().split()))
    return texts


def check(survey: Survey, answers: dict) -> None:
    """Count an anonymous response for ``survey``; raise Flooded when it must be refused.
    Answers that are not valid are left to ``submit_response`` to explain (not counted)."""
    answers, errors = validate_answers(survey.instrument, answers)
    if errors:
        return
    limit, window = parse_rate(settings.CIVICCX_SURVEY_RATE)
    now = int(time.time())
    key = f"survey-rate:{survey.pk}:{now // window}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count > limit:
        flag_burst(survey)
        raise Flooded(window - now % window, "rate")
    for text in _comments(survey, answers):
        digest = hashlib.sha256(f"{survey.pk}:{text}".encode()).hexdigest()
        if not cache.add(f"survey-comment:{digest}", True, timeout=DUPLICATE_WINDOW_SECONDS):
            flag_burst(survey)
            raise Flooded(DUPLICATE_WINDOW_SECONDS, "duplicate")


def flag_burst(survey: Survey) -> None:
    """Count a refused response in this hour's burst record for the survey."""
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    burst, created = SurveyBurst.objects.get_or_create(
        survey=survey, hour=hour, defaults={"refused": 1}
    )
    if not created:
        SurveyBurst.objects.filter(pk=burst.pk).update(refused=F("refused") + 1)


def recent_bursts(days: int = 7):
    since = timezone.now() - timedelta(days=days)
    return (
        SurveyBurst.objects.filter(hour__gte=since)
        .select_related("survey__service")
        .order_by("-hour")
    )
