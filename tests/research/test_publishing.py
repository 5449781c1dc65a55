"""Personas and life experiences are published in English and Spanish only after a PII scan of
their rendered pages; a page with planted personal data is refused. Only publicly consented
quotes appear."""

import re

import pytest
from django.urls import reverse

from civiccx.metrics.rollups import record_served
from civiccx.research import publishing, services
from civiccx.research.models import JourneyStep, LifeExperience, Persona, PublishError
from tests.factories import make_interaction, make_service
from tests.research.factories import (
    PLANTED_NAME,
    highlight_phrase,
    make_participant,
    make_session,
    make_study,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def persona():
    study = make_study()
    public = highlight_phrase(make_session(study, make_participant(study)),
                              "The callback number never worked")
    private = highlight_phrase(
        make_session(study, make_participant(study, quote_publicly=False)),
        "I drove two hours")
    insight = services.add_insight(study, None, statement="Callback numbers fail people.",
                                   highlights=[public, private])
    persona = Persona.objects.create(
        slug="rosa", name="Rosa", summary="A tribal grants officer.",
        summary_es="Una funcionaria de subvenciones tribales.", goals="Get the grant\nOn time",
        goals_es="Obtener la subvención")
    persona.insights.set([insight])
    persona.quotes.set([public, private])
    return persona


@pytest.mark.parametrize("planted", [
    "Call her at 202-555-0143.", "Write to rosa.real@example.org.",
    "SSN 123-45-6789 on file.", "She lives at 123 Main St, Springfield, IL 62701.",
    f"Her real name is {PLANTED_NAME}."])
def test_a_page_with_planted_pii_is_refused(persona, planted):
    persona.summary_es = persona.summary_es + " " + planted  # only the Spanish page has it
    persona.save()
    with pytest.raises(PublishError, match="Not published"):
        publishing.publish("persona", persona)
    persona.refresh_from_db()
    assert persona.state == Persona.State.DRAFT


def test_the_refusal_is_shown_to_the_researcher(staff_client, persona):
    persona.needs = "Reach me: 605-555-0100"
    persona.save()
    client = staff_client("researcher")
    response = client.post(reverse("research:publish", args=["persona", "rosa"]), follow=True)
    assert "Not published" in response.content.decode() and "PHONE" in response.content.decode()
    assert client.get(reverse("research:public-persona", args=["rosa"])).status_code == 404


def test_a_published_persona_reads_in_english_and_spanish(staff_client, client, persona):
    researcher = staff_client("researcher")
    response = researcher.post(reverse("research:publish", args=["persona", "rosa"]),
                               follow=True)
    assert "Published in English and Spanish." in response.content.decode()
    researcher.logout()
    english = client.get("/research/personas/rosa/").content.decode()
    spanish = client.get("/es/research/personas/rosa/").content.decode()
    assert "A tribal grants officer." in english and "Get the grant" in english
    assert "Una funcionaria de subvenciones tribales." in spanish
    assert "Obtener la subvención" in spanish and "Metas" in spanish
    for page in (english, spanish):
        assert "callback number never worked" in page
        assert "drove two hours" not in page  # that participant did not consent to public quotes


def test_a_draft_is_not_public_and_publishing_twice_is_refused(client, persona):
    assert client.get("/research/personas/rosa/").status_code == 404
    publishing.publish("persona", persona)
    with pytest.raises(PublishError, match="Only a draft"):
        publishing.publish("persona", persona)


def test_a_life_experience_shows_scope_and_an_accessible_journey_map(client, persona):
    service = make_service(name="Grants help line", name_es="Línea de ayuda con subvenciones")
    for _ in range(3):
        record_served(make_interaction(service))  # what the spine's signal does
    life = LifeExperience.objects.create(
        slug="having-a-child", title="Having a child", title_es="Tener un hijo",
        challenge="How might we make benefits find new parents?",
        challenge_es="¿Cómo podríamos hacer que los beneficios encuentren a los nuevos padres?")
    life.studies.set([persona.insights.first().study])
    for order, (title, emotion) in enumerate([("Learn about benefits", 1),
                                              ("Call for help", -2), ("Get the payment", 2)]):
        step = JourneyStep.objects.create(life_experience=life, order=order, phase="Apply",
                                          phase_es="Solicitar", title=title, emotion=emotion,
                                          pain_point="Long hold" if emotion < 0 else "")
        step.services.set([service])
    persona.life_experience = life
    persona.save()
    publishing.publish("life", life)
    publishing.publish("persona", persona)
    page = client.get("/research/life-experiences/having-a-child/").content.decode()
    assert "We spoke with 2 people. They live in 1 state." in page
    assert page.index("Learn about benefits") < page.index("Call for help") < page.index(
        "Get the payment")
    assert "<svg" in page and "Show the numbers in this chart" in page
    assert "Grants help line" in page and "Rosa" in page
    assert re.search(r"3 people served in FY\d{4}Q\d", page)  # read from the metrics API
    spanish = client.get("/es/research/life-experiences/having-a-child/").content.decode()
    assert "Tener un hijo" in spanish and "Solicitar" in spanish
    assert "Línea de ayuda con subvenciones" in spanish
    index = client.get("/es/research/").content.decode()
    assert "Tener un hijo" in index and "Rosa" in index


def test_editing_a_published_persona_is_scanned_again(staff_client, persona):
    publishing.publish("persona", persona)
    client = staff_client("researcher")
    url = reverse("research:persona-edit", args=["rosa"])
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items()
            if value is not None and name not in ("insights", "quotes")}
    data |= {"insights": [i.pk for i in persona.insights.all()],
             "quotes": [q.pk for q in persona.quotes.all() if q.publicly_quotable],
             "needs_es": "Llámela al 202-555-0143"}
    response = client.post(url, data)
    assert "Not saved: the published page would show" in response.content.decode()
    persona.refresh_from_db()
    assert persona.needs_es == "" and persona.state == Persona.State.PUBLISHED
    data["needs_es"] = "Ayuda en español"
    assert client.post(url, data).status_code == 302
    persona.refresh_from_db()
    assert persona.needs_es == "Ayuda en español"
