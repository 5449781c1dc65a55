"""What a filer notices around the interview: texts and emails at each status in their
language, the idle timeout that keeps their answers, knockouts on the spine, My records, the
funnel, and SSNs kept out of logs."""

import json
import logging
import time

import pytest
from django.urls import reverse

from civiccx.core.notifications import OutboxBackend
from civiccx.directfile.models import FunnelEvent, TaxReturn
from civiccx.directfile.session import SEEN
from civiccx.directfile.submissions import submit
from civiccx.services.models import Interaction
from tests.directfile.helpers import SINGLE, make_return
from tests.factories import make_public_user, make_service
from tests.fixtures import NON_DEFAULT_SITE as SITE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("outbox_on_another_port")]


@pytest.fixture(autouse=True)
def direct_file(settings):
    settings.CIVICCX_NOTIFICATION_BACKEND = "civiccx.core.notifications.OutboxBackend"
    return make_service(slug="direct-file")


def _consenting(user, **answers):
    scenario = json.loads(json.dumps(SINGLE))
    scenario["answers"].update({"/contact/email": "ana@example.com",
                                "/contact/phone": "+16025550143",
                                "/contact/updatesByEmail": True,
                                "/contact/updatesByText": True, **answers})
    return make_return(user, scenario)


@pytest.mark.parametrize(("language", "words"), [
    ("en", ("we received your return", "was accepted", "/direct-file/2024/status/")),
    ("es", ("recibimos su declaración", "fue aceptada", "/es/direct-file/2024/status/"))])
def test_the_filer_gets_the_submission_number_and_each_status_in_their_language(
        language, words, django_capture_on_commit_callbacks):
    tr = _consenting(make_public_user())
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit(tr, "k", language=language)
    bodies = [m.body for m in OutboxBackend.outbox]
    assert len(OutboxBackend.outbox) == 4  # submitted and accepted, each by email and text
    assert all(submission.confirmation in b for b in bodies)
    assert any(words[0] in b for b in bodies) and any(words[1] in b for b in bodies)
    assert all(SITE + words[2] in b for b in bodies)


def test_no_message_without_consent(django_capture_on_commit_callbacks):
    tr = make_return(make_public_user(), SINGLE)
    with django_capture_on_commit_callbacks(execute=True):
        submit(tr, "k")
    assert OutboxBackend.outbox == []


def test_an_idle_session_ends_and_the_posted_screen_is_saved_first(client):
    user = make_public_user()
    tr = make_return(user, SINGLE)
    client.force_login(user)
    session = client.session
    session[SEEN] = time.time() - 16 * 60
    session.save()
    url = reverse("directfile:screen", args=[2024, "your-name"])
    response = client.post(url, {"version": tr.version, "f0": "Anita", "f1": "Lopez",
                                 "action": "save"})
    assert response["Location"] == reverse("directfile:session-ended")
    tr.refresh_from_db()
    assert tr.answers["/primaryFiler/firstName"] == "Anita"
    assert client.get(reverse("directfile:hub", args=[2024])).status_code == 302  # signed out


def test_an_idle_page_view_signs_out(client):
    user = make_public_user()
    make_return(user, SINGLE)
    client.force_login(user)
    session = client.session
    session[SEEN] = time.time() - 16 * 60
    session.save()
    response = client.get(reverse("directfile:hub", args=[2024]))
    assert response["Location"] == reverse("directfile:session-ended")
    assert FunnelEvent.objects.filter(kind="timed_out").count() == 1


def test_a_knockout_records_one_referred_interaction_and_shows_the_answer_to_change(client):
    user = make_public_user()
    scenario = json.loads(json.dumps(SINGLE))
    scenario["answers"]["/hasBusinessIncome"] = True
    make_return(user, scenario)
    client.force_login(user)
    url = reverse("directfile:knockout", args=[2024, "business-income"])
    page = client.get(url).content.decode()
    assert "Schedule C" in page and "Change this answer" in page
    assert reverse("directfile:screen", args=[2024, "income-sources"]) in page
    client.get(url)
    assert Interaction.objects.filter(person=user, outcome="referred").count() == 1
    assert FunnelEvent.objects.filter(kind="knockout", code="business-income").count() == 1


def test_my_records_lists_the_return(client):
    user = make_public_user()
    make_return(user, SINGLE)
    client.force_login(user)
    page = client.get(reverse("services:my-interactions")).content.decode()
    assert "Your 2024 federal return" in page and "In progress" in page


def test_the_checker_counts_steps_without_personal_details(client):
    client.post(reverse("directfile:checker"), {"year": 2024, "state": "OH",
                                                 "multi_state": "no"})
    client.post(reverse("directfile:checker-step", args=["income"]),
                {"out_of_scope": ["/hasBusinessIncome"]})
    client.post(reverse("directfile:checker-step", args=["situations"]), {})
    client.post(reverse("directfile:checker-step", args=["credits"]), {})
    page = client.get(reverse("directfile:checker-result")).content.decode()
    assert "Your state is not taking part" in page and "Schedule C" in page
    assert "/phone/callback/" in page and "/visit/" in page
    kinds = list(FunnelEvent.objects.values_list("kind", "code"))
    assert ("checker_started", "") in kinds and ("checker_step", "credits") in kinds
    assert kinds.count(("checker_not_eligible", "")) == 1  # one person, two reasons
    assert ("checker_reason", "state") in kinds and ("checker_reason", "business-income") in kinds


def test_an_ssn_is_never_logged(client, caplog):
    user = make_public_user()
    tr = make_return(user, SINGLE)
    client.force_login(user)
    with caplog.at_level(logging.DEBUG):
        client.post(reverse("directfile:screen", args=[2024, "your-ssn"]),
                    {"version": tr.version, "f0": "400-55-6789", "action": "save"})
        client.post(reverse("directfile:screen", args=[2024, "your-ssn"]),
                    {"version": 0, "f0": "666-55-6789", "action": "save"})
    assert "6789" not in caplog.text
    assert TaxReturn.objects.get(pk=tr.pk).answers["/primaryFiler/tin"] == "400-55-6789"


def test_a_w2_with_more_withheld_than_wages_is_refused_on_its_screen(client):
    user = make_public_user()
    tr = make_return(user, SINGLE)
    client.force_login(user)
    w2 = tr.answers["/formW2s"][0]
    response = client.post(reverse("directfile:item-screen", args=[2024, "w2-boxes", w2]), {
        "version": tr.version, "f0": "1000.00", "f1": "2000.00", "f2": "1000.00",
        "f3": "62.00", "f4": "1000.00", "f5": "14.50", "action": "save"})
    assert response.status_code == 400
    assert "is more than wages (box 1)" in response.content.decode()


def test_a_change_from_review_comes_back_to_review(client):
    user = make_public_user()
    tr = make_return(user, SINGLE)
    client.force_login(user)
    review = client.get(reverse("directfile:screen", args=[2024, "review"])).content.decode()
    change = reverse("directfile:screen", args=[2024, "your-name"]) + "?from=review"
    assert change in review
    response = client.post(change, {"version": tr.version, "f0": "Anna", "f1": "Lopez",
                                    "action": "save", "from": "review"})
    assert response["Location"] == reverse("directfile:screen", args=[2024, "review"])


def test_the_date_of_birth_to_sign_must_match_the_return(client):
    user = make_public_user()
    tr = make_return(user, SINGLE)
    client.force_login(user)
    response = client.post(reverse("directfile:screen", args=[2024, "sign-primary-pin"]), {
        "version": tr.version, "f0": "24680", "f1_month": "1", "f1_day": "2",
        "f1_year": "1991", "action": "save"})
    assert response.status_code == 400
    assert "does not match the date of birth on your return" in response.content.decode()
