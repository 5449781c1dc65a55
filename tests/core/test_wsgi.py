"""The production WSGI entry point: API requests take the lean path and keep security headers;
pages keep the full middleware (sessions, CSRF, languages)."""

import io
import json
from wsgiref.util import setup_testing_defaults

import pytest

from tests.factories import make_survey

pytestmark = pytest.mark.django_db(transaction=True)


def _call(application, path, method="GET", body=b"", content_type=""):
    environ = {}
    setup_testing_defaults(environ)
    environ.update({"PATH_INFO": path, "REQUEST_METHOD": method, "wsgi.input": io.BytesIO(body),
                    "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": content_type,
                    "HTTP_HOST": "127.0.0.1", "SERVER_NAME": "127.0.0.1",
                    "REMOTE_ADDR": "127.0.0.1"})
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, dict(headers)

    content = b"".join(application(environ, start_response))
    return captured["status"], captured["headers"], content


def test_api_and_pages_through_the_wsgi_application(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    from civiccx.wsgi import application

    survey = make_survey(channel="web")
    body = json.dumps({"survey": survey.pk, "answers": {"question_1": 1}}).encode()
    status, headers, content = _call(application, "/api/feedback/v1/responses", "POST", body,
                                     "application/json")
    assert status.startswith("201"), content
    assert "Set-Cookie" not in headers  # no session or CSRF machinery on the API
    assert headers["X-Content-Type-Options"] == "nosniff"
    status, headers, content = _call(application, "/es/")
    assert status.startswith("200") and b'lang="es"' in content
    assert "Content-Security-Policy" in headers
