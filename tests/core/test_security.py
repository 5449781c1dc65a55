"""Security baseline: headers, CSRF, rate limits, encryption at rest, audit of PII reads."""

from __future__ import annotations

import importlib
import sys

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from civiccx.core.models import ProblemReport
from tests.factories import make_interaction, make_service

pytestmark = pytest.mark.django_db


def test_pages_carry_csp_and_refuse_framing(client):
    make_service()
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response.headers["Permissions-Policy"]


FRESH_KEY = "bm90LXB1Ymxpc2hlZC1hbnl3aGVyZS1mb3ItdGVzdHM="  # not one of the published keys


def _settings_module(monkeypatch, name="production", **env):
    for variable in ("SECRET_KEY", "CIVICCX_FIELD_KEYS", "TWILIO_AUTH_TOKEN",
                     "CIVICCX_EMBED_ALLOWED_ORIGINS"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    modules = (f"civiccx.settings.{name}", "civiccx.settings.base")
    for module in modules:
        sys.modules.pop(module, None)
    try:
        return importlib.import_module(f"civiccx.settings.{name}")
    finally:
        for module in modules:
            sys.modules.pop(module, None)


def _production_settings(monkeypatch, **env):
    env.setdefault("CIVICCX_EMBED_ALLOWED_ORIGINS", "https://www.agency.example")
    return _settings_module(monkeypatch, "production", **env)


def test_production_requires_a_list_of_embedding_sites(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="CIVICCX_EMBED_ALLOWED_ORIGINS must list"):
        _production_settings(monkeypatch, SECRET_KEY="s" * 50, CIVICCX_FIELD_KEYS=FRESH_KEY,
                             CIVICCX_EMBED_ALLOWED_ORIGINS="*")


@pytest.mark.parametrize("module", ["development", "production"])
def test_twilio_token_comes_from_the_environment_in_every_settings_module(monkeypatch, module):
    env = {"SECRET_KEY": "s" * 50, "CIVICCX_FIELD_KEYS": FRESH_KEY,
           "CIVICCX_EMBED_ALLOWED_ORIGINS": "https://www.agency.example"}
    configured = _settings_module(monkeypatch, module, TWILIO_AUTH_TOKEN="real-token", **env)
    assert configured.TWILIO_AUTH_TOKEN == "real-token"
    # Unset, the phone webhooks are off (503) rather than trusting a token anyone can read.
    assert _settings_module(monkeypatch, module, **env).TWILIO_AUTH_TOKEN == ""


def test_production_refuses_the_published_twilio_tokens(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="TWILIO_AUTH_TOKEN is a value published"):
        _production_settings(monkeypatch, SECRET_KEY="s" * 50, CIVICCX_FIELD_KEYS=FRESH_KEY,
                             TWILIO_AUTH_TOKEN="development-twilio-token")


@pytest.mark.parametrize("keys, message", [
    ("Y2l2aWNjeC1kZXZlbG9wbWVudC1vbmx5LWtleS0wMDA=", "published in the Civic CX repository"),
    (f"{FRESH_KEY},Y2l2aWNjeC10ZXN0LW9ubHkta2V5LTAwMDAwMDAwMDE=", "key 2 is the development"),
    ("not-a-key", "key 1 is malformed"),
    ("c2hvcnQ=", "key 1 is malformed"),
])
def test_production_refuses_malformed_or_published_field_keys(monkeypatch, keys, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        _production_settings(monkeypatch, SECRET_KEY="s" * 50, CIVICCX_FIELD_KEYS=keys)


def test_production_refuses_to_start_without_a_secret(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        _production_settings(monkeypatch)


def test_production_refuses_to_start_without_field_keys(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="CIVICCX_FIELD_KEYS must be set"):
        _production_settings(monkeypatch, SECRET_KEY="x" * 50)


def test_production_sends_hsts_and_secure_cookies(monkeypatch, client):
    prod = _production_settings(monkeypatch, SECRET_KEY="s" * 50, CIVICCX_FIELD_KEYS=FRESH_KEY)
    assert prod.SESSION_COOKIE_SECURE and prod.CSRF_COOKIE_SECURE and prod.SECURE_SSL_REDIRECT
    with override_settings(SECURE_HSTS_SECONDS=prod.SECURE_HSTS_SECONDS,
                           SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_SSL_REDIRECT=True):
        insecure = client.get("/healthz")
        secure = client.get("/healthz", secure=True)
    assert insecure.status_code == 301 and insecure["Location"].startswith("https://")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=63072000")


def test_forms_without_csrf_token_are_refused():
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("core:report-problem"),
                           {"page": "/", "what_happened": "The button did nothing at all."})
    assert response.status_code == 403
    assert b"Your form expired" in response.content
    assert not ProblemReport.objects.exists()


def test_pii_is_ciphertext_in_the_database():
    interaction = make_interaction(contact_consent=True, contact_email="maria@example.com",
                                   contact_phone="+12025550143")
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_email, contact_phone FROM services_interaction "
                       "WHERE id = %s", [interaction.pk])
        email, phone = cursor.fetchone()
    assert email.startswith("fernet:") and "maria" not in email
    assert phone.startswith("fernet:") and "5550143" not in phone
    interaction.refresh_from_db()
    assert interaction.contact_email == "maria@example.com"


def test_staff_read_of_pii_is_audited(staff_client):
    client = staff_client("cx_analyst")
    interaction = make_interaction(contact_consent=True, contact_email="lee@example.com")
    response = client.get(reverse("services:staff-interaction-detail", args=[interaction.pk]))
    assert b"lee@example.com" in response.content
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(interaction.pk))
    assert entry.actor == client.user


def test_audit_log_of_changes_masks_pii():
    interaction = make_interaction(contact_consent=True, contact_email="secret@example.com")
    entries = LogEntry.objects.filter(object_pk=str(interaction.pk))
    assert entries.exists()
    assert all("secret@example.com" not in str(entry.changes) for entry in entries)


@override_settings(CIVICCX_PUBLIC_FORM_RATE="3/m")
def test_a_flood_of_posts_is_throttled_with_a_clear_message(client):
    data = {"page": "/services/", "what_happened": "The page would not load for me."}
    statuses = [client.post(reverse("core:report-problem"), data).status_code for _ in range(5)]
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3:] == [429, 429]
    response = client.post(reverse("core:report-problem"), data)
    assert b"Too many attempts" in response.content
    assert b"wait a minute" in response.content
    assert ProblemReport.objects.count() == 3  # what was accepted before the limit is kept


def test_logs_never_contain_pii(caplog):
    import logging

    from civiccx.core.redaction import PIIRedactingFilter

    logger = logging.getLogger("civiccx.test")
    handler_filter = PIIRedactingFilter()
    logger.addFilter(handler_filter)
    try:
        with caplog.at_level(logging.INFO, logger="civiccx.test"):
            logger.info("Callback for %s at %s", "123-45-6789", "ana@example.com")
    finally:
        logger.removeFilter(handler_filter)
    assert "123-45-6789" not in caplog.text and "ana@example.com" not in caplog.text
