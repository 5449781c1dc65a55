"""Public pages of core: health, problem reports (with bad input), policy pages, languages."""

import pytest
from django.urls import reverse

from civiccx.core.models import ProblemReport
from tests.factories import make_service

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_status(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"]["status"] == "ok"


def test_problem_report_with_bad_input_explains_and_keeps_what_was_typed(client):
    response = client.post(reverse("core:report-problem"),
                           {"page": "/services/", "what_happened": "broken"})
    assert response.status_code == 400
    assert b"Tell us a bit more: at least 10 characters." in response.content
    assert b'value="/services/"' in response.content  # the page they typed is still there
    assert b"broken</textarea>" in response.content
    assert not ProblemReport.objects.exists()


def test_problem_report_is_redacted_before_storage(client):
    client.post(reverse("core:report-problem"), {
        "page": "/", "what_happened": "My SSN 123-45-6789 shows wrong, email me at a@b.gov"})
    report = ProblemReport.objects.get()
    assert "123-45-6789" not in report.what_happened
    assert "a@b.gov" not in report.what_happened


def test_honeypot_submissions_are_dropped_quietly(client):
    response = client.post(reverse("core:report-problem"), {
        "page": "/", "what_happened": "Buy cheap watches now!!!", "website": "http://spam"})
    assert response.status_code == 302
    assert not ProblemReport.objects.exists()


def test_every_policy_page_renders_in_both_languages(client):
    from civiccx.core.policy_pages import POLICY_PAGES

    make_service()
    for slug in POLICY_PAGES:
        for prefix in ("", "/es"):
            response = client.get(f"{prefix}/about/{slug}/", follow=True)
            assert response.status_code == 200, (prefix, slug)
            if POLICY_PAGES[slug].url_name:  # served by another app: a permanent redirect
                assert response.redirect_chain[0][1] == 301


def test_spanish_pages_are_in_spanish(client):
    make_service()
    english = client.get("/").content.decode()
    spanish = client.get("/es/").content.decode()
    assert 'lang="en"' in english and "Our services" in english
    assert 'lang="es"' in spanish and "Nuestros servicios" in spanish
    assert "Saltar al contenido principal" in spanish
