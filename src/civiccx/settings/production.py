"""Production: refuses to start without its secrets; HTTPS-only cookies and HSTS."""

from django.core.exceptions import ImproperlyConfigured

from civiccx.settings.base import *  # noqa: F403
from civiccx.settings.base import (
    CIVICCX_EMBED_ALLOWED_ORIGINS,
    CIVICCX_FIELD_KEYS,
    SECRET_KEY,
    TWILIO_AUTH_TOKEN,
)
from civiccx.settings.environment import PUBLISHED_TWILIO_TOKENS, check_field_keys

DEBUG = False
if not SECRET_KEY or SECRET_KEY.startswith(("development-", "test-")) or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 40 characters in production, e.g. "
        "the output of: python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )
if not CIVICCX_FIELD_KEYS:
    raise ImproperlyConfigured(
        "CIVICCX_FIELD_KEYS must be set in production: one or more Fernet keys, comma-separated, "
        "newest first. Make one with: civiccx generate-field-key."
    )
check_field_keys(CIVICCX_FIELD_KEYS)
if TWILIO_AUTH_TOKEN in PUBLISHED_TWILIO_TOKENS:
    raise ImproperlyConfigured(
        "TWILIO_AUTH_TOKEN is a value published in the Civic CX repository: anyone could forge "
        "phone webhooks. Use the Auth Token from your Twilio console, or leave it unset to turn "
        "the phone webhooks off.")
if "*" in CIVICCX_EMBED_ALLOWED_ORIGINS:
    raise ImproperlyConfigured(
        "CIVICCX_EMBED_ALLOWED_ORIGINS must list the sites allowed to embed the survey widget "
        "in production, e.g. https://www.agency.gov,https://help.agency.gov (or 'none'); '*' "
        "would let any site collect responses in your name.")

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
