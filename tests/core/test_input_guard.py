"""NUL bytes, lone surrogates and a non-numeric Content-Length: answered 400 on every public
input path, never a 500 (PostgreSQL cannot store a NUL; no database can store a surrogate)."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from civiccx.feedback.models import Response
from tests.factories import make_survey

pytestmark = pytest.mark.django_db
API = "/api/feedback/v1/responses"
ARGS = {"int": "1", "slug": "some-slug", "str": "some-token", "path": "x", "quarter": "FY2026Q3"}


def _public_paths() -> list[str]:
    """Every URL a member of the public (or a webhook) can reach, with sample arguments."""

    def walk(patterns, prefix: str):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route

    paths = set()
    for route in walk(get_resolver().url_patterns, ""):
        if route.startswith(("admin/", "staff/")) or "^" in route:
            continue
        route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: ARGS[m[1] or "str"], route)
        paths.add("/" + route.lstrip("/"))
    return sorted(paths)


PUBLIC_PATHS = _public_paths()
BAD_TEXT = ["before\x00after", "bell\x07", "lone \ud800 surrogate"]


def test_the_public_path_list_covers_the_forms_and_apis():
    for expected in (
        "/help/search/",
        "/report-a-problem/",
        "/feedback/some-slug/some-token/",
        "/visit/some-slug/book/",
        "/phone/callback/some-slug/",
        "/phone/sms/",
        "/api/feedback/v1/responses",
        "/direct-file/check/",
        "/account/sign-in/",
    ):
        assert expected in PUBLIC_PATHS
    assert len(PUBLIC_PATHS) > 40


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_public_path_refuses_nul_in_the_query_and_the_form(client, path):
    query = client.get(path, {"q": "help\x00me"})
    assert query.status_code == 400, path
    form = client.post(path, {"comment": "before\x00after", "name": "ok"})
    # The JSON API refuses a form body before reading it (415): also never stored.
    assert form.status_code == (415 if path.startswith("/api/") else 400), path
    as_json = client.post(path, '{"comment": "lone \\ud800"}', content_type="application/json")
    assert as_json.status_code == 400, path
    assert client.get(path.rstrip("/") + "%00/").status_code in (400, 404)


def test_the_refusal_is_a_clear_page_in_both_languages(client):
    english = client.get("/help/search/", {"q": "1040\x00"})
    assert english.status_code == 400
    assert "control character" in english.content.decode()
    assert 'class="usa-header' in english.content.decode()  # the site's design, not plain text
    spanish = client.get("/es/help/search/", {"q": "1040\x00"})
    assert spanish.status_code == 400 and "carácter de control" in spanish.content.decode()


def test_help_search_with_a_nul_is_refused_not_a_server_error(client):
    """On PostgreSQL this was a DataError (500)."""
    assert client.get("/help/search/", {"q": "refund\x00"}).status_code == 400
    assert client.get("/help/suggest/", {"q": "ref\x00"}).status_code == 400
    assert client.get("/help/search/", {"q": "refund\tstatus"}).status_code == 200


@pytest.mark.parametrize("comment", [*BAD_TEXT[:2], "%ED%A0%80 (as a browser sends it)"])
def test_a_hosted_survey_comment_is_refused_and_nothing_is_stored(client, comment):
    survey = make_survey()
    url = f"/feedback/{survey.service.slug}/web/"
    reply = client.post(
        url, f"question_1=1&question_4={comment}", content_type="application/x-www-form-urlencoded"
    )
    if comment.startswith("%ED"):  # decoded as U+FFFD by Django: stored, not a 500
        assert reply.status_code == 302
        return
    assert reply.status_code == 400
    assert not Response.objects.exists()
    fine = client.post(url, {"question_1": "1", "question_4": "Two lines\nand a tab\tok."})
    assert fine.status_code == 302 and Response.objects.count() == 1


@pytest.mark.parametrize("comment", BAD_TEXT)
def test_an_api_comment_is_refused_and_nothing_is_stored(client, comment):
    survey = make_survey(channel="web")
    body = json.dumps({"survey": survey.pk, "answers": {"question_1": 1, "question_4": comment}})
    reply = client.post(API, body, content_type="application/json")
    assert reply.status_code == 400 and "control character" in reply.json()["detail"]
    assert not Response.objects.exists()
    emoji = json.dumps({"survey": survey.pk, "answers": {"question_1": 1, "question_4": "👍"}})
    assert client.post(API, emoji, content_type="application/json").status_code == 201


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", "١٢"])
def test_a_content_length_that_is_not_a_number_is_refused(client, length):
    survey = make_survey(channel="web")
    body = json.dumps({"survey": survey.pk, "answers": {"question_1": 1}})
    reply = client.generic(
        "POST", API, body, content_type="application/json", CONTENT_LENGTH=length
    )
    assert reply.status_code == 400 and "Content-Length" in reply.json()["detail"]
    page = client.generic(
        "POST",
        "/report-a-problem/",
        "a=b",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=length,
    )
    assert page.status_code == 400
    assert not Response.objects.exists()
