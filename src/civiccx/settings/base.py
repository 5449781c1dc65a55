"""Settings shared by every environment. Values come from the environment with safe defaults."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from civiccx.settings.environment import (
    cache_from_url,
    database_from_url,
    dev_oidc_issuer,
    env_bool,
    env_list,
    env_public_url,
    env_seconds,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(os.environ.get("CIVICCX_HOME", Path.cwd())).resolve()
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'civiccx.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "auditlog",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "civiccx.core",
    "civiccx.accounts",
    "civiccx.services",
    "civiccx.feedback",
    "civiccx.phone",
    "civiccx.staffing",
    "civiccx.walkin",
    "civiccx.help",
    "civiccx.directfile",
    "civiccx.research",
    # Last: its demo step rebuilds the rollups from every other app's demo rows.
    "civiccx.metrics",
    # After metrics: its demo reports resolve their figures from the rebuilt rollups.
    "civiccx.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "civiccx.core.middleware.PermissionsPolicyMiddleware",
    "civiccx.core.middleware.NoStoreMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "civiccx.core.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "civiccx.feedback.api.GuardMiddleware",
    "civiccx.core.input_guard.InputGuardMiddleware",
]

ROOT_URLCONF = "civiccx.urls"
WSGI_APPLICATION = "civiccx.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "civiccx.core.context_processors.site",
            ],
        },
    },
    {
        # Texts and emails (`<app>/messages/<kind>.txt`, see civiccx.core.messaging): plain
        # text, so nothing is HTML-escaped ("&" stays "&" in a name or a link).
        "NAME": "messages",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:staff-login"
LOGIN_REDIRECT_URL = "core:staff-home"
LOGOUT_REDIRECT_URL = "core:home"

# Lockout (docs/decisions/0020): five failures for one username from one address pause that
# pair for a cool-off; the account's owner is emailed and an administrator can unlock it
# sooner. Locking by username alone let anyone lock any staff account with five POSTs.
AXES_FAILURE_LIMIT = int(os.environ.get("CIVICCX_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=env_seconds("CIVICCX_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "civiccx.accounts.views.staff.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Addresses are throttled by the public-form rate limit instead of an axes lockout, which would
# lock out a whole office behind one NAT address for good.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# US English and US Spanish dates, times and numbers (civiccx/formats; Django's `es` is Spain's).
FORMAT_MODULE_PATH = ["civiccx.formats"]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Sessions expire after 30 idle minutes, as federal guidance for moderate systems expects.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "civiccx.core.views.public.csrf_failure"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", "db://civiccx_cache"))}
RATELIMIT_VIEW = "civiccx.core.views.public.rate_limited"
# Public forms: this many POSTs per client address per minute.
CIVICCX_PUBLIC_FORM_RATE = os.environ.get("CIVICCX_PUBLIC_FORM_RATE", "10/m")
# How often (seconds) a web process checks whether help articles changed (decision 0004).
HELP_SEARCH_CHECK_SECONDS = env_seconds("HELP_SEARCH_CHECK_SECONDS", 2.0)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Field encryption keys: comma-separated Fernet keys, newest first (older ones still decrypt).
CIVICCX_FIELD_KEYS = env_list("CIVICCX_FIELD_KEYS", [])
CIVICCX_GOV_BANNER = env_bool("CIVICCX_GOV_BANNER", False)
CIVICCX_NOTIFICATION_BACKEND = os.environ.get(
    "CIVICCX_NOTIFICATION_BACKEND", "civiccx.core.notifications.ConsoleBackend")
# The address the public reaches the site at, for links in texts, emails and QR codes
# (civiccx.core.public_links). `civiccx serve` and `civiccx demo` set it from the port they bind.
CIVICCX_PUBLIC_URL = env_public_url("CIVICCX_PUBLIC_URL", "http://127.0.0.1:8000")
# The agency's name as a sentence uses it, with its article ("the Department of Examples",
# "la Agencia de Ejemplos"); the header shows it without (civiccx.core.agency).
CIVICCX_AGENCY_NAME = os.environ.get("CIVICCX_AGENCY_NAME", "")
CIVICCX_AGENCY_NAME_ES = os.environ.get("CIVICCX_AGENCY_NAME_ES", "")
# Where help article review reminders go (comma-separated); empty: every help center editor
# with an email address (see civiccx.help.reminders).
HELP_REVIEW_EMAIL = env_list("CIVICCX_HELP_REVIEW_EMAIL", [])

# Public sign-in through OpenID Connect (Login.gov in production).
OIDC_DISCOVERY_URL = os.environ.get("OIDC_DISCOVERY_URL", "")
OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
OIDC_PRIVATE_KEY_PATH = os.environ.get("OIDC_PRIVATE_KEY_PATH", "")
OIDC_CLIENT_AUTH_METHOD = os.environ.get("OIDC_CLIENT_AUTH_METHOD", "private_key_jwt")
OIDC_ACR_VALUES = os.environ.get("OIDC_ACR_VALUES", "urn:acr.login.gov:auth-only")
OIDC_SCOPES = os.environ.get("OIDC_SCOPES", "openid email")
# The local identity provider `civiccx demo` starts (PORT + 1, or CIVICCX_DEV_OIDC_PORT): the
# demo seeding links the demo taxpayer to it.
CIVICCX_DEV_OIDC_ISSUER = dev_oidc_issuer()

# Every handler redacts personal information (civiccx.core.redaction), including the access
# log of `civiccx serve` (django.server) and Django's own "django" logger, whose default
# handlers would otherwise print search queries and paths unredacted. Gunicorn's access and
# error logs: run it with `--logger-class civiccx.core.gunicorn_logging.RedactingLogger`.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"pii": {"()": "civiccx.core.redaction.PIIRedactingFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "access": {"()": "django.utils.log.ServerFormatter",
                   "format": "[{server_time}] {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["pii"], "formatter": "plain"},
        "access": {"class": "logging.StreamHandler", "filters": ["pii"], "formatter": "access"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["access"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
    },
}

# Pages reached by a personal link or showing personal information: `Cache-Control: no-store`
# (civiccx.core.middleware.NoStoreMiddleware; every page for a signed-in person is too).
CIVICCX_NO_STORE_PATHS = [
    "/staff/", "/admin/", "/account/", "/direct-file/", "/visit/appointment/", "/visit/ticket/",
    "/phone/callback/confirmed/", "/phone/callback/cancel/", "/feedback/link/", "/api/",
]

FORM_RENDERER = "civiccx.core.forms_renderer.USWDSFormRenderer"

# Origins allowed to embed the survey widget (an iframe); "*" lets any site embed it.
CIVICCX_EMBED_ALLOWED_ORIGINS = env_list("CIVICCX_EMBED_ALLOWED_ORIGINS", ["*"])
# Survey responses accepted per client address per minute through the JSON API.
CIVICCX_API_RATE = os.environ.get("CIVICCX_API_RATE", "600/m")
# A walk-in kiosk goes back to its start screen after this long without a touch or a key.
CIVICCX_KIOSK_IDLE_SECONDS = env_seconds("CIVICCX_KIOSK_IDLE_SECONDS", 90)
# Anonymous responses accepted per survey, from all addresses together (feedback.stuffing).
CIVICCX_SURVEY_RATE = os.environ.get("CIVICCX_SURVEY_RATE", "120/m")
# Twilio-compatible webhooks are signed with this token (Twilio console: Auth Token).
TWILIO_AUTH_TOKEN = os.environ.get("TWILIO_AUTH_TOKEN", "")
# A signed webhook for a call first seen longer ago than this is a replay (Twilio ends calls
# after four hours).
TWILIO_WEBHOOK_MAX_AGE = env_seconds("TWILIO_WEBHOOK_MAX_AGE", 4 * 3600)
