"""Production: refuses to start without its secrets; HTTPS-only cookies and HSTS."""

from django.core.exceptions import ImproperlyConfigured

from civiccx.settings.base import *  # noqa: F403
from civiccx.settings.base import CIVICCX_FIELD_KEYS, SECRET_KEY

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

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
