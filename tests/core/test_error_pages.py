"""The demo runs with DEBUG off: an unknown address shows the designed 404, never Django's
technical page listing every route; 404 and 500 pages in the site's design, in both languages
(issue #18 item 11)."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from civiccx.core.views.public import server_error
from tests.core.test_security import _settings_module

pytestmark = pytest.mark.django_db


def test_the_demo_settings_keep_debug_off(monkeypatch):
    monkeypatch.delenv("DEBUG", raising=False)
    development = _settings_module(monkeypatch, "development")
    assert development.DEBUG is False
    assert development.WHITENOISE_USE_FINDERS  # static files still served without collecting
    monkeypatch.setenv("DEBUG", "1")
    assert _settings_module(monkeypatch, "development", DEBUG="1").DEBUG is True


@pytest.mark.parametrize(
    ("prefix", "heading", "home"),
    [
        ("", "Page not found", "Go to the home page"),
        ("/es", "No se encontró la página", "Ir a la página principal"),
    ],
)
def test_an_unknown_address_shows_the_designed_404(prefix, heading, home):
    response = Client().get(f"{prefix}/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert heading in page and home in page and 'class="usa-header' in page
    assert "URLconf" not in page and "staff/walkin" not in page  # no route list


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Something went wrong"), ("es", "Algo salió mal")]
)
def test_the_500_page_is_designed_and_translated(language, heading):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with translation.override(language):
        response = server_error(request)
    page = response.content.decode()
    assert response.status_code == 500 and heading in page and 'class="usa-header' in page


def test_the_500_page_falls_back_to_plain_bilingual_text(monkeypatch):
    import civiccx.core.views.public as views

    def broken(*args, **kwargs):
        raise RuntimeError("the database is down")

    monkeypatch.setattr(views, "render", broken)
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in page and "Algo salió mal" in page


def test_a_favicon_instead_of_a_404_on_every_page():
    browser = Client()
    icon = browser.get("/favicon.ico")
    assert icon.status_code == 301
    assert icon["Location"].endswith("/favicon.ico") and icon["Location"].startswith("/static/")
    assert 'rel="icon"' in browser.get("/").content.decode()
