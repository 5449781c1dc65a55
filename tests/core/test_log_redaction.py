"""No log output contains what a person typed: a session types PII into every public form,
search and API, and every log handler's output is read back (issue #18 item 4)."""

from __future__ import annotations

import io
import json
import logging
import types
import uuid
from urllib.parse import quote, quote_plus, urlencode

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from twilio.request_validator import RequestValidator

from civiccx.core.redaction import PIIRedactingFilter
from tests.factories import make_call_queue, make_center, make_survey
from tests.help.factories import make_article

pytestmark = pytest.mark.django_db

SSN, PHONE, EMAIL = "123-45-6789", "(202) 555-0143", "ana.lopez@example.com"
TYPED = f"My SSN is {SSN}, call {PHONE} or write {EMAIL}"


def _leaks(text: str) -> list[str]:
    """Every form the PII could take in a log line: as typed, URL-encoded, digits only."""
    forms = set()
    for value in (SSN, PHONE, EMAIL, "2025550143", "123456789"):
        forms |= {value, quote(value), quote_plus(value), quote(value, safe="")}
    forms.add("ana.lopez")
    return sorted(form for form in forms if form in text)


def _handlers():
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        for handler in logger.handlers:
            # pytest's capture and libraries' NullHandlers write nowhere a person reads
            if not (
                type(handler).__module__.startswith("_pytest")
                or isinstance(handler, logging.NullHandler)
            ):
                yield logger, handler


def test_every_configured_log_handler_redacts():
    checked = 0
    for logger, handler in _handlers():
        filters = [*handler.filters, *logger.filters]
        assert any(isinstance(f, PIIRedactingFilter) for f in filters), (logger.name, handler)
        checked += 1
    assert checked >= 2  # the console and the access log (django.server)


@pytest.fixture
def every_log_output():
    """Point every stream handler the site configured at one buffer, for the test to read."""
    buffer = io.StringIO()
    previous = []
    for _logger, handler in _handlers():
        if isinstance(handler, logging.StreamHandler) and not isinstance(
            handler, logging.FileHandler
        ):
            previous.append((handler, handler.setStream(buffer)))
    yield buffer
    for handler, stream in previous:
        handler.setStream(stream)


def _access_log(method: str, full_path: str, status: int) -> None:
    """What `civiccx serve` (runserver) writes for each request, through Django's own code."""
    fake_handler = types.SimpleNamespace(request=None, log_date_time_string=lambda: "now")
    WSGIRequestHandler.log_message(
        fake_handler, '"%s" %s %s', f"{method} {full_path} HTTP/1.1", str(status), "1234"
    )


def test_a_session_typing_pii_into_every_public_form_leaves_no_trace_in_the_logs(
    client, every_log_output, settings
):
    settings.TWILIO_AUTH_TOKEN = "test-twilio-token"
    survey = make_survey(channel="web")
    queue = make_call_queue(slug="main-line")
    center = make_center()
    article = make_article()
    requests = [
        ("GET", "/help/search/", {"q": TYPED}),
        ("GET", "/es/help/search/", {"q": TYPED}),
        ("GET", "/help/suggest/", {"q": SSN}),
        ("GET", f"/help/articles/{article.slug}/", {"sq": TYPED}),
        ("POST", f"/help/articles/{article.slug}/helpful/", {"helpful": "no", "comment": TYPED}),
        ("GET", "/report-a-problem/", {"page": f"/help/search/?q={TYPED}"}),
        ("POST", "/report-a-problem/", {"page": "/visit/", "what_happened": TYPED}),
        ("GET", f"/feedback/{survey.service.slug}/web/", {"from": EMAIL}),
        ("POST", f"/feedback/{survey.service.slug}/web/", {"question_1": "1", "question_4": TYPED}),
        ("POST", f"/phone/callback/{queue.slug}/", {"phone": PHONE, "language": "en"}),
        ("GET", "/visit/", {"zip_code": SSN, "state": EMAIL}),
        (
            "POST",
            f"/visit/{center.location.slug}/book/",
            {"name": "Ana Lopez", "email": EMAIL, "phone": PHONE, "slot": TYPED},
        ),
        ("POST", "/visit/appointment/", {"code": SSN}),
        ("GET", "/visit/appointment/", {"code": SSN}),
        ("GET", "/direct-file/check/", {"q": TYPED}),
        ("GET", "/account/sign-in/", {"next": f"/?email={EMAIL}"}),
        ("GET", "/no-such-page/", {"ssn": SSN}),
    ]
    for method, path, data in requests:
        reply = client.get(path, data) if method == "GET" else client.post(path, data)
        full_path = path + ("?" + urlencode(data) if method == "GET" else "")
        _access_log(method, full_path, reply.status_code)
    api = client.post(
        "/api/feedback/v1/responses",
        json.dumps(
            {"survey": survey.pk, "answers": {"question_1": 1, "question_4": "API: " + TYPED}}
        ),
        content_type="application/json",
    )
    assert api.status_code == 201
    sms = {"MessageSid": f"SM{uuid.uuid4().hex}", "From": "+12025550143", "Body": TYPED}
    signature = RequestValidator("test-twilio-token").compute_signature(
        "http://testserver/phone/sms/", sms
    )
    assert client.post("/phone/sms/", sms, HTTP_X_TWILIO_SIGNATURE=signature).status_code == 200
    _access_log("GET", "/help/search/?q=" + quote_plus(TYPED) + "&page=2", 200)
    # The app's own loggers, as a careless line of code might use them.
    logging.getLogger("civiccx.walkin").warning("Booking failed for %s", TYPED)
    logging.getLogger("django.request").warning("Not Found: /visit/?email=%s", EMAIL)

    output = every_log_output.getvalue()
    assert "/help/search/?q=" in output and "[SSN]" in output  # the log was written to
    assert _leaks(output) == [], output


def test_gunicorn_access_log_is_redacted(capsys):
    from gunicorn.config import Config

    from civiccx.core.gunicorn_logging import RedactingLogger

    config = Config()
    config.set("accesslog", "-")
    logger = RedactingLogger(config)
    response = types.SimpleNamespace(status="200 OK", sent=1234, headers=[], response_length=1234)
    request = types.SimpleNamespace(headers=[])
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/help/search/?q=" + quote_plus(TYPED),
        "PATH_INFO": "/help/search/",
        "QUERY_STRING": "q=" + quote_plus(TYPED),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    from datetime import timedelta

    logger.access(response, request, environ, timedelta(seconds=0.01))
    logged = capsys.readouterr()
    output = logged.out + logged.err
    assert "/help/search/?q=" in output
    assert _leaks(output) == [], output
