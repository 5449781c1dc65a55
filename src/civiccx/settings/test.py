"""Test settings: the database comes from TEST_DATABASE_URL (PostgreSQL) or a SQLite file."""

import os

from civiccx.settings.base import *  # noqa: F403
from civiccx.settings.base import VAR_DIR
from civiccx.settings.environment import database_from_url

SECRET_KEY = "test-secret-key"  # noqa: S105
DEBUG = False
CIVICCX_FIELD_KEYS = ["Y2l2aWNjeC10ZXN0LW9ubHkta2V5LTAwMDAwMDAwMDE="]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES = {
    "default": database_from_url(
        os.environ.get("TEST_DATABASE_URL", f"sqlite:///{VAR_DIR / 'test.sqlite3'}"),
        variable="TEST_DATABASE_URL",
    )
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ALLOWED_HOSTS = ["*"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CIVICCX_NOTIFICATION_BACKEND = "civiccx.core.notifications.OutboxBackend"
TWILIO_AUTH_TOKEN = "test-twilio-token"  # noqa: S105
HELP_SEARCH_CHECK_SECONDS = 0.0  # every request checks the search version
