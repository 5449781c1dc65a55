"""The JSON API: accepted responses, and a clear refusal for every kind of bad input."""

import json

import pytest

from civiccx.feedback.models import Response
from tests.factories import make_survey

pytestmark = pytest.mark.django_db
URL = "/api/feedback/v1/responses"


def _post(client, body, content_type="application/json"):
    data = json.dumps(body) if content_type == "application/json" else body
    return client.post(URL, data, content_type=content_type)


def test_a_valid_response_is_created(client):
    survey = make_survey(channel="web")
    reply = _post(client, {"survey": survey.pk, "answers": {"question_1": 1,
                                                            "question_2": ["ease"]}})
    assert reply.status_code == 201, reply.content
    body = reply.json()
    assert body["channel"] == "web" and body["fiscal_quarter"].startswith("FY")
    assert Response.objects.get(pk=body["id"]).source == "api"


def test_a_classic_response_with_a_blank_satisfaction_and_trust_is_created(client):
    survey = make_survey(channel="web", instrument_name="a11_classic")
    reply = _post(client, {"survey": survey.pk, "answers": {
        "satisfaction": "", "trust": None, "efficiency": 2}})
    assert reply.status_code == 201, reply.content
    assert Response.objects.get(pk=reply.json()["id"]).answers == {"efficiency": 2}


def test_a_classic_response_that_answers_nothing_is_refused(client):
    survey = make_survey(channel="web", instrument_name="a11_classic")
    reply = _post(client, {"survey": survey.pk, "answers": {"satisfaction": ""},
                           "language": "es"})
    assert reply.status_code == 400
    assert reply.json()["errors"] == {"satisfaction": ["Conteste al menos una pregunta."]}
    reply = _post(client, {"survey": survey.pk, "answers": {"trust": 6}})
    assert reply.status_code == 400 and "trust" in reply.json()["errors"]
    assert not Response.objects.exists()


@pytest.mark.parametrize(("body", "status", "field"), [
    ({"survey": "x", "answers": {}}, 400, "survey"),
    ({"survey": 1}, 400, "answers"),
    ({"survey": None, "answers": {"question_1": 1}}, 400, "survey"),
    ({"survey": 99999, "answers": {"question_1": 1}}, 404, None),
    ({"answers": {"question_1": 3}}, 400, "question_1"),
    ({"answers": {"question_1": 1, "nope": 2}}, 400, "nope"),
    ({"answers": {"question_1": 1, "question_4": "x" * 5001}}, 400, "question_4"),
    ({"answers": {"question_1": 1}, "language": "fr"}, 400, "language"),
    ({"answers": {"question_1": 1}, "invitation": "forged"}, 404, None),
])
def test_bad_requests_are_refused_with_the_field_named(client, body, status, field):
    survey = make_survey(channel="web")
    kept = _post(client, {"survey": survey.pk, "answers": {"question_1": 0}})
    assert kept.status_code == 201
    body = {"survey": survey.pk, **body} if "survey" not in body else body
    reply = _post(client, body)
    assert reply.status_code == status, reply.content
    if field:
        assert field in reply.json()["errors"], reply.json()
    assert Response.objects.count() == 1  # the earlier response is intact


def test_wrong_content_type_is_refused(client):
    survey = make_survey(channel="web")
    reply = client.post(URL, {"survey": survey.pk}, content_type="multipart/form-data; boundary=x")
    assert reply.status_code == 415
    assert "application/json" in reply.json()["detail"]


def test_oversized_bodies_are_refused(client):
    survey = make_survey(channel="web")
    reply = _post(client, {"survey": survey.pk, "answers": {"question_4": "x" * 70000}})
    assert reply.status_code == 413


def test_openapi_document_describes_the_endpoint(client):
    schema = client.get("/api/feedback/v1/openapi.json").json()
    assert "/api/feedback/v1/responses" in schema["paths"]
    assert "415" in schema["paths"]["/api/feedback/v1/responses"]["post"]["responses"]
