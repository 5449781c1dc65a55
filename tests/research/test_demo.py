"""The demo's research: two studies, the "Having a child" life experience with two personas and
a journey map linked to the demo services, one insight tied to a metric movement; a PII scan of
every published demo page finds nothing."""

import pytest

from civiccx.research import publishing
from civiccx.research.demo import seed_research
from civiccx.research.models import Insight, LifeExperience, Persona, Study
from civiccx.services.demo.seed import seed_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    seed_catalog()
    assert seed_research() == 1
    assert seed_research() == 0  # idempotent


def test_the_demo_study_and_stories(demo, client):
    grants = Study.objects.get(title="Tribal Nations' experiences accessing federal grants")
    assert grants.participants.count() == 4 and grants.sessions.count() == 3
    assert grants.sessions.exclude(cues=[]).count() == 1  # the .vtt upload kept its timecodes
    assert "[NAME]" in grants.sessions.get(title__contains="reporting").transcript
    assert Insight.objects.exclude(metric_note="").count() == 2
    life = LifeExperience.objects.get(slug="having-a-child")
    assert life.state == LifeExperience.State.PUBLISHED
    assert Persona.objects.filter(state=Persona.State.PUBLISHED).count() == 2
    assert {s.slug for step in life.steps.all() for s in step.services.all()} == {
        "help-center", "direct-file", "phone-assistance", "walk-in-assistance"}
    page = client.get("/es/research/life-experiences/having-a-child/").content.decode()
    assert "Tener un hijo" in page and "María" in page


def test_every_published_demo_page_passes_the_pii_scan(demo):
    pages = [("life", life) for life in LifeExperience.objects.filter(state="published")]
    pages += [("persona", persona) for persona in Persona.objects.filter(state="published")]
    assert len(pages) == 3
    for kind, obj in pages:
        assert publishing.scan(kind, obj) == [], obj
    persona = Persona.objects.get(slug="darnell-working-parent")
    persona.pain_points = "Lena Two Bulls said so"  # a participant's real name, from the vault
    persona.quotes.add(Study.objects.get(title__startswith="Tribal").sessions.first()
                       .highlights.first())
    assert publishing.scan("persona", persona) == ["participant's name or contact"]


def test_the_demo_researcher_runs_both_demo_studies_and_the_map_uses_catalog_channels(
        staff_client):
    from django.urls import reverse

    from civiccx.services.models import Channel

    client = staff_client("researcher")  # the demo's staff accounts exist before its research
    seed_catalog()
    seed_research()
    studies = Study.objects.filter(members__user=client.user, members__role="admin")
    assert studies.count() == 2
    for study in studies:
        assert client.get(reverse("research:study", args=[study.pk])).status_code == 200
    life = LifeExperience.objects.get(slug="having-a-child")
    assert {step.channel for step in life.steps.all()} <= set(Channel.values)
    callback = Insight.objects.get(metric_driver="ease")
    assert callback.metric_service.slug == "phone-assistance"
