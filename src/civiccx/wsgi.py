"""WSGI entry point. Requests to the JSON API skip the browser-only middleware (sessions, CSRF,
sign-in, languages, messages, lockout, audit actor): they carry none of those cookies, and the
survey API is the hottest path in the system."""

import os

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civiccx.settings.development")

API_PREFIX = "/api/"
API_MIDDLEWARE = (
    "django.middleware.security.SecurityMiddleware",
    "civiccx.core.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.common.CommonMiddleware",
    "civiccx.feedback.api.GuardMiddleware",
)


class APIHandler(WSGIHandler):
    def load_middleware(self, is_async=False):
        everything = settings.MIDDLEWARE
        settings.MIDDLEWARE = [m for m in everything if m in API_MIDDLEWARE]
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = everything


class CivicCXHandler:
    """Sends /api/ to the lean handler and everything else to Django's usual one."""

    def __init__(self):
        self.pages = get_wsgi_application()
        self.api = APIHandler()

    def __call__(self, environ, start_response):
        handler = self.api if environ.get("PATH_INFO", "").startswith(API_PREFIX) else self.pages
        return handler(environ, start_response)


application = CivicCXHandler()
