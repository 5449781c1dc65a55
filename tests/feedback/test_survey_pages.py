"""The hosted survey page and invitation links, as a customer meets them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civiccx.feedback.invitations import link_token, maybe_invite
from civiccx.feedback.models import Invitation, Response
from civiccx.metrics.models import Rollup
from civiccx.metrics.rollups import read_scores
from tests.factories import make_interaction, make_sampling_rule, make_survey

pytestmark = pytest.mark.django_db


def _url(survey, channel="web"):
    return reverse("feedback:hosted", args=[survey.service.slug, channel])


def test_hosted_survey_shows_standard_wording_and_counts_an_offer(client):
    survey = make_survey()
    page = client.get(_url(survey)).content.decode()
    assert "I trust the Test Revenue Agency to deliver on their mission" in page
    assert "What went well?" in page and "OMB control number" in page
    assert Rollup.objects.get(metric="volume:offered").c1 == 1


@pytest.mark.parametrize(("language", "heading", "trust"), [
    ("en", "Tell us about your experience with the service {n}",
     "Based on my experience with the service {n}, I trust the Test Revenue Agency to deliver "
     "on their mission"),
    ("es", "Cuéntenos sobre su experiencia con el servicio {n}",
     "Según mi experiencia con el servicio {n}, confío en que la Agencia de Ingresos de Prueba "
     "cumpla su misión"),
])
def test_the_trust_question_and_heading_take_the_names_as_noun_phrases(client, language,
                                                                       heading, trust):
    """Names are inserted with their article ("la Agencia", "the service"), never as the
    service's title ("Servicio 12") or a command ("Visite un centro…")."""
    survey = make_survey()
    number = survey.service.name.split()[-1]
    prefix = "" if language == "en" else "/es"
    page = " ".join(client.get(prefix + _url(survey)).content.decode().split())
    assert heading.format(n=number) in page
    assert trust.format(n=number) in page


def test_a_service_without_a_noun_phrase_keeps_its_name_in_its_own_language(client):
    survey = make_survey()
    survey.service.name_in_sentence = survey.service.name_in_sentence_es = ""
    survey.service.save()
    page = " ".join(client.get("/es" + _url(survey)).content.decode().split())
    assert f"su experiencia con {survey.service.name_es}" in page
    assert "the service" not in page


def _offered(survey) -> int:
    return sum(Rollup.objects.filter(service=survey.service, metric="volume:offered")
               .values_list("c1", flat=True))


def test_reloading_a_survey_page_does_not_count_another_offer(client):
    survey = make_survey()
    for _reload in range(3):
        assert client.get(_url(survey)).status_code == 200
    client.get("/es" + _url(survey))  # the same visit, in Spanish
    assert _offered(survey) == 1
    client.cookies.clear()  # another visit (a new browser session)
    client.get(_url(survey))
    assert _offered(survey) == 2
    client.get(_url(survey, "phone"))  # the same survey offered on another channel
    assert _offered(survey) == 3


def test_an_invitation_is_offered_once_when_sent_not_when_opened(client):
    survey = make_survey()
    url = reverse("feedback:invitation", args=[link_token(_invitation(survey))])
    assert _offered(survey) == 1
    client.get(url)
    client.get(url)
    assert _offered(survey) == 1


def test_spanish_survey_is_in_spanish(client):
    survey = make_survey()
    page = client.get("/es" + _url(survey)).content.decode()
    assert 'lang="es"' in page and "¿Qué salió bien?" in page


def test_valid_answers_are_accepted(client):
    survey = make_survey()
    response = client.post(_url(survey), {"question_1": "1", "question_2": ["ease"],
                                          "question_4": "Quick and clear."})
    assert response.status_code == 302 and response["Location"].endswith("/feedback/thank-you/")
    stored = Response.objects.get()
    assert stored.answers["question_2"] == ["ease"] and stored.source == "hosted"


def test_invalid_answers_are_explained_and_kept(client):
    survey = make_survey()
    response = client.post(_url(survey), {"question_1": "0", "question_2": ["ease"],
                                          "question_4": "My comment stays."})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please check your answers" in page
    assert "My comment stays." in page
    assert 'value="0" checked' in page
    assert not Response.objects.exists()


def test_the_classic_survey_accepts_a_blank_satisfaction_and_trust(client):
    """Issue #16: on the classic 5-point form a blank satisfaction or trust is "not answered"
    (as in Touchpoints); the scores count only the answers given."""
    survey = make_survey(instrument_name="a11_classic")
    page = client.get(_url(survey)).content.decode()
    assert "usa-hint--required" not in page and "leave any blank" in page
    response = client.post(_url(survey), {"ease": "4", "comments_service": "Clear forms."})
    assert response.status_code == 302, response.content.decode()[:500]
    stored = Response.objects.get()
    assert stored.answers == {"ease": 4, "comments_service": "Clear forms."}
    scores = read_scores({"service": survey.service})
    (quarter,) = scores.values()
    assert quarter.responses == 1 and quarter.likert["ease"].n == 1
    assert "satisfaction" not in quarter.likert and "trust" not in quarter.likert


def test_a_classic_survey_with_nothing_answered_is_refused_in_both_languages(client):
    survey = make_survey(instrument_name="a11_classic")
    response = client.post(_url(survey), {"comments_service": "  "})
    assert response.status_code == 400
    assert "Answer at least one question." in response.content.decode()
    spanish = client.post("/es" + _url(survey), {})
    assert "Conteste al menos una pregunta." in spanish.content.decode()
    assert not Response.objects.exists()


def test_the_a11_v2_survey_still_requires_question_1(client):
    survey = make_survey()
    page = client.get(_url(survey)).content.decode()
    assert "usa-hint--required" in page and "asterisk" in page
    response = client.post(_url(survey), {"question_4": "Only a comment."})
    assert response.status_code == 400 and "This question is required." in response.content.decode()
    assert not Response.objects.exists()


def test_unknown_service_or_channel_is_not_found(client):
    survey = make_survey()
    assert client.get(reverse("feedback:hosted", args=["nope", "web"])).status_code == 404
    assert client.get(reverse("feedback:hosted", args=[survey.service.slug, "fax"])
                      ).status_code == 404


def _invitation(survey):
    make_sampling_rule(survey)
    interaction = make_interaction(service=survey.service, channel="phone",
                                   contact_consent=True, contact_phone="+12025550100")
    return maybe_invite(interaction)


def test_an_invitation_link_works_once(client):
    survey = make_survey()
    invitation = _invitation(survey)
    url = reverse("feedback:invitation", args=[link_token(invitation)])
    assert client.get(url).status_code == 200
    assert client.post(url, {"question_1": "1"}).status_code == 302
    again = client.post(url, {"question_1": "0"})
    assert again.status_code == 409
    assert b"You already answered this survey" in again.content
    response = Response.objects.get()
    assert response.answers == {"question_1": 1} and response.interaction == invitation.interaction
    assert response.channel == "phone"


def test_expired_and_altered_links_are_refused_clearly(client):
    survey = make_survey()
    invitation = _invitation(survey)
    token = link_token(invitation)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now()
                                                       - timedelta(minutes=1))
    expired = client.get(reverse("feedback:invitation", args=[token]))
    assert expired.status_code == 410 and b"This survey link has expired" in expired.content
    altered = client.get(reverse("feedback:invitation", args=[token[:-2] + "xx"]))
    assert altered.status_code == 404 and b"This survey link does not work" in altered.content
