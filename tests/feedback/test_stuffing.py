"""Survey stuffing (issue #18 item 9): a per-survey rate across all addresses, duplicate
comments refused, 429 with Retry-After, and refused bursts flagged on the CX dashboard."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from civiccx.feedback.models import Response, SurveyBurst
from tests.factories import make_survey

pytestmark = pytest.mark.django_db
API = "/api/feedback/v1/responses"


def _api(survey, comment=None, address="192.0.2.1"):
    answers = {"question_1": 1, **({"question_4": comment} if comment else {})}
    return Client(REMOTE_ADDR=address).post(
        API, json.dumps({"survey": survey.pk, "answers": answers}), content_type="application/json"
    )


def test_a_survey_flooded_from_many_addresses_answers_429_with_retry_after(settings):
    settings.CIVICCX_SURVEY_RATE = "5/m"
    survey = make_survey(channel="web")
    statuses = [_api(survey, address=f"192.0.2.{n}").status_code for n in range(1, 9)]
    assert statuses == [201] * 5 + [429] * 3
    refused = _api(survey, address="198.51.100.1")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
    assert "too many responses" in refused.json()["detail"]
    assert Response.objects.count() == 5
    assert SurveyBurst.objects.get(survey=survey).refused == 4


def test_the_embed_is_limited_per_survey_too(settings):
    settings.CIVICCX_SURVEY_RATE = "2/m"
    survey = make_survey(channel="web")
    url = f"/feedback/embed/{survey.pk}/"
    replies = [
        Client(REMOTE_ADDR=f"192.0.2.{n}").post(url, {"question_1": "1"}) for n in range(1, 4)
    ]
    assert [r.status_code for r in replies] == [302, 302, 429]
    assert replies[-1]["Retry-After"] and b"Too many attempts" in replies[-1].content


def test_the_same_comment_twice_is_refused():
    survey = make_survey(channel="web")
    assert _api(survey, "The wait was long but the agent was kind.").status_code == 201
    again = _api(survey, "the wait was  long but the agent was kind.", address="192.0.2.77")
    assert again.status_code == 429 and again["Retry-After"] == "3600"
    assert "identical comment" in again.json()["detail"]
    assert _api(survey, "A different comment.").status_code == 201
    assert _api(survey).status_code == 201  # ratings alone repeat all the time: accepted


def test_invalid_answers_are_explained_not_counted(settings):
    settings.CIVICCX_SURVEY_RATE = "1/m"
    survey = make_survey(channel="web")
    bad = Client().post(
        API,
        json.dumps({"survey": survey.pk, "answers": {"question_1": 9}}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert _api(survey).status_code == 201


def test_the_dashboard_flags_a_burst(staff_client, settings):
    settings.CIVICCX_SURVEY_RATE = "1/m"
    survey = make_survey(channel="web")
    _api(survey)
    _api(survey, address="192.0.2.9")
    page = staff_client("cx_analyst").get("/staff/cx/").content.decode()
    assert "Possible survey stuffing" in page
    assert f"{survey.service.name}: 1 response refused" in page
