"""The Twilio-compatible IVR: each branch, signed with the twilio library's own validator."""

import uuid

import pytest
from twilio.request_validator import RequestValidator

from civiccx.phone.models import QueueEntry
from tests.factories import make_call_queue

pytestmark = pytest.mark.django_db
TOKEN = "test-twilio-token"


def _post(client, path, data=None, *, sign=True, signature=None, query=""):
    url = f"http://testserver{path}{query}"
    data = data or {}
    if "MessageSid" not in data:
        data = {"CallSid": f"CA{uuid.uuid4().hex}", **data}
    headers = {}
    if sign:
        headers["HTTP_X_TWILIO_SIGNATURE"] = signature or RequestValidator(TOKEN).compute_signature(
            url, data)
    return client.post(path + query, data, **headers)


@pytest.fixture
def queue():
    return make_call_queue(slug="main-line", callback_threshold_minutes=0)


def test_greeting_offers_both_languages(client, queue):
    reply = _post(client, "/phone/voice/main-line/").content.decode()
    assert "<Gather" in reply and "For English, press 1." in reply
    assert "Para español, oprima 2." in reply


def test_unsigned_and_forged_requests_are_refused(client, queue):
    assert _post(client, "/phone/voice/main-line/", sign=False).status_code == 403
    forged = _post(client, "/phone/voice/main-line/", signature="bm90IGEgc2lnbmF0dXJl")
    assert forged.status_code == 403
    assert not QueueEntry.objects.exists()


def test_unknown_queue_says_so(client, queue):
    reply = _post(client, "/phone/voice/no-such-line/")
    assert reply.status_code == 404 and "not available" in reply.content.decode()


def test_long_wait_offers_a_callback_in_spanish(client, queue):
    reply = _post(client, "/phone/voice/main-line/language/", {"Digits": "2"}).content.decode()
    assert "Oprima 1 para que le devolvamos la llamada" in reply
    assert 'language="es-US"' in reply


def test_short_wait_goes_straight_to_hold(client):
    make_call_queue(slug="quick-line", callback_threshold_minutes=600)
    reply = _post(client, "/phone/voice/quick-line/language/", {"Digits": "1"}).content.decode()
    assert "<Enqueue>quick-line</Enqueue>" in reply
    assert QueueEntry.objects.get().kind == "hold"


def test_wrong_language_digit_repeats_the_menu(client, queue):
    reply = _post(client, "/phone/voice/main-line/language/", {"Digits": "9"}).content.decode()
    assert "not an option" in reply and "<Redirect" in reply


def test_choosing_hold_enqueues_the_caller(client, queue):
    reply = _post(client, "/phone/voice/main-line/choice/", {"Digits": "2", "From": "+12025550100"},
                  query="?lang=en").content.decode()
    assert "<Enqueue>main-line</Enqueue>" in reply
    assert QueueEntry.objects.get().kind == "hold"


def test_callback_at_the_calling_number(client, queue):
    confirm = _post(client, "/phone/voice/main-line/choice/",
                    {"Digits": "1", "From": "+12025550143"}, query="?lang=en").content.decode()
    assert "ending in 0 1 4 3" in confirm
    booked = _post(client, "/phone/voice/main-line/number/",
                   {"Digits": "1", "From": "+12025550143"}, query="?lang=en").content.decode()
    assert "We will call you back" in booked and "<Hangup" in booked
    entry = QueueEntry.objects.get()
    assert entry.kind == "callback" and entry.phone == "+12025550143" and entry.source == "ivr"
    # Nobody asked the caller about surveys: no consent is recorded, no survey will reach them.
    assert entry.survey_consent is False


def test_callback_at_another_number_and_a_bad_number(client, queue):
    ask = _post(client, "/phone/voice/main-line/number/", {"Digits": "2", "From": "+12025550143"},
                query="?lang=en").content.decode()
    assert "Enter the 10-digit phone number" in ask
    bad = _post(client, "/phone/voice/main-line/entered/", {"Digits": "12345"},
                query="?lang=en").content.decode()
    assert "That number is not valid." in bad and "<Gather" in bad
    good = _post(client, "/phone/voice/main-line/entered/", {"Digits": "2025550177"},
                 query="?lang=en").content.decode()
    assert "We will call you back" in good
    assert QueueEntry.objects.get().phone == "+12025550177"


def test_a_second_callback_for_the_same_number_is_refused(client, queue):
    for _ in range(2):
        reply = _post(client, "/phone/voice/main-line/entered/", {"Digits": "2025550177"},
                      query="?lang=en").content.decode()
    assert "already has a callback waiting" in reply
    assert QueueEntry.objects.count() == 1


def test_cancel_by_sms_reply(client, queue):
    _post(client, "/phone/voice/main-line/entered/", {"Digits": "2025550188"}, query="?lang=es")
    reply = _post(client, "/phone/sms/", {"From": "+12025550188", "Body": "CANCELAR"})
    assert "cancelada" in reply.content.decode()
    assert QueueEntry.objects.get().status == "cancelled"
    again = _post(client, "/phone/sms/", {"From": "+12025550188", "Body": "cancel"})
    assert "no waiting callback" in again.content.decode()


def test_a_replayed_booking_does_not_bring_back_a_cancelled_callback(client, queue):
    """A correctly signed request captured and sent again later acts only once."""
    booking = {"CallSid": "CA-replayed", "Digits": "2025550166"}
    _post(client, "/phone/voice/main-line/entered/", booking, query="?lang=en")
    _post(client, "/phone/sms/", {"MessageSid": "SM-cancel", "From": "+12025550166",
                                  "Body": "CANCEL"})
    assert QueueEntry.objects.get().status == "cancelled"
    replay = _post(client, "/phone/voice/main-line/entered/", booking, query="?lang=en")
    assert replay.status_code == 200 and "We will call you back" not in replay.content.decode()
    assert QueueEntry.objects.get().status == "cancelled"  # no new callback waiting


def test_a_replayed_text_acts_once(client, queue):
    for digits in ("2025550155", "2025550155"):
        _post(client, "/phone/voice/main-line/entered/", {"Digits": digits}, query="?lang=en")
        text = {"MessageSid": "SM-once", "From": "+12025550155", "Body": "CANCEL"}
        _post(client, "/phone/sms/", text)
    # The second booking (a new call) waits: the replayed text did not cancel it.
    assert sorted(QueueEntry.objects.values_list("status", flat=True)) == ["cancelled",
                                                                           "waiting"]


def test_a_stale_or_unidentified_request_is_refused(client, queue):
    from datetime import timedelta

    from django.utils import timezone

    from civiccx.phone.models import WebhookReceipt

    WebhookReceipt.objects.create(sid="CA-old", step="first",
                                  received_at=timezone.now() - timedelta(hours=5))
    stale = _post(client, "/phone/voice/main-line/entered/",
                  {"CallSid": "CA-old", "Digits": "2025550144"}, query="?lang=en")
    assert stale.status_code == 403 and b"stale" in stale.content
    url = "http://testserver/phone/voice/main-line/entered/?lang=en"
    data = {"Digits": "2025550144"}
    no_sid = client.post("/phone/voice/main-line/entered/?lang=en", data,
                         HTTP_X_TWILIO_SIGNATURE=RequestValidator(TOKEN).compute_signature(
                             url, data))
    assert no_sid.status_code == 400
    assert not QueueEntry.objects.exists()
