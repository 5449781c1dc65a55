"""A Spanish browser gets Spanish at `/`; a language chosen with the header's link is
remembered over the browser's (issue #18 item 12)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
SPANISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "es-US,es;q=0.9,en;q=0.5"}


def test_a_spanish_browser_gets_spanish_at_the_home_page():
    browser = Client(**SPANISH_BROWSER)
    first = browser.get("/")
    assert first.status_code == 302 and first["Location"] == "/es/"
    page = browser.get("/", follow=True)
    assert '<html lang="es"' in page.content.decode()
    deep = browser.get("/help/search/?q=reembolso")
    assert deep["Location"] == "/es/help/search/?q=reembolso"


def test_an_english_browser_stays_at_the_unprefixed_address():
    for headers in (
        {},
        {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"},
        {"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9"},
    ):
        response = Client(**headers).get("/")
        assert response.status_code == 200 and '<html lang="en"' in response.content.decode()
        assert "Accept-Language" in response.headers.get("Vary", "")


def test_choosing_english_is_remembered_over_a_spanish_browser():
    browser = Client(**SPANISH_BROWSER)
    spanish = browser.get("/es/help/").content.decode()
    assert 'href="/help/?chosen-language=en"' in spanish  # the header's language link
    chose = browser.get("/help/?chosen-language=en")
    assert chose.status_code == 302 and chose["Location"] == "/help/"
    for path in ("/", "/help/", "/visit/"):
        page = browser.get(path)
        assert page.status_code == 200 and '<html lang="en"' in page.content.decode(), path


def test_choosing_spanish_is_remembered_on_an_english_browser():
    browser = Client(HTTP_ACCEPT_LANGUAGE="en-US")
    assert browser.get("/visit/?chosen-language=es")["Location"] == "/visit/"
    assert browser.get("/visit/")["Location"] == "/es/visit/"
    assert browser.get("/?chosen-language=en")["Location"] == "/"
    assert browser.get("/").status_code == 200


def test_the_api_webhooks_and_fragments_are_never_redirected():
    browser = Client(**SPANISH_BROWSER)
    assert browser.get("/healthz").status_code == 200
    assert browser.get("/api/feedback/v1/openapi.json").status_code == 200
    assert browser.get("/help/suggest/?q=ref", HTTP_HX_REQUEST="true").status_code == 200
