"""The journey-map editor: researchers add, edit, move (steps and whole phases) and delete
steps with ordinary forms; bad input gets a clear message; a published map stays behind the
PII scan; the public page shows the decision moment and the channel in both languages."""

import pytest
from django.urls import reverse

from civiccx.research import publishing, services
from civiccx.research.models import JourneyStep, LifeExperience
from tests.factories import make_service
from tests.research.factories import highlight_phrase, make_participant, make_session, make_study

pytestmark = pytest.mark.django_db


@pytest.fixture
def life():
    study = make_study()
    highlight = highlight_phrase(make_session(study, make_participant(study)),
                                 "The callback number never worked")
    insight = services.add_insight(study, None, statement="Callbacks fail people.",
                                   highlights=[highlight])
    life = LifeExperience.objects.create(slug="having-a-child", title="Having a child",
                                         title_es="Tener un hijo")
    life.studies.set([study])
    life.insight = insight
    return life


def _step(life, phase, title, **fields):
    return {"new-phase": phase, "new-title": title, "new-emotion": 0, **{
        f"new-{name}": value for name, value in fields.items()}}


def _titles(life):
    return [(s.phase, s.title) for s in life.steps.all()]


@pytest.fixture
def researcher(staff_client):
    return staff_client("researcher")


def test_steps_are_added_in_their_phase_with_touchpoints_and_evidence(researcher, life):
    url = reverse("research:journey", args=[life.slug])
    service = make_service(name="Phone assistance")
    researcher.post(url, _step(life, "Learning", "Hear about the credit"))
    researcher.post(url, _step(life, "Filing", "File the return"))
    response = researcher.post(url, _step(
        life, "Learning", "Call the help line", goal="Know if the baby counts",
        behaviour="Calls", channel="phone", services=[service.pk], decision="Call or visit?",
        decision_es="¿Llamar o ir?", pain_point="Long hold", insights=[life.insight.pk],
        emotion=-1), follow=True)
    assert "Step “Call the help line” added." in response.content.decode()
    # a step of an existing phase goes at the end of that phase, not at the end of the map
    assert _titles(life) == [("Learning", "Hear about the credit"),
                             ("Learning", "Call the help line"), ("Filing", "File the return")]
    step = life.steps.get(title="Call the help line")
    assert (step.channel, step.emotion, step.decision) == ("phone", -1, "Call or visit?")
    assert list(step.services.all()) == [service]
    assert list(step.insights.all()) == [life.insight]
    page = researcher.get(url).content.decode()
    assert "Phase 1:</h2>" not in page and "Phase 1: Learning" in page
    assert "Phone: Phone assistance" in page and "−1: bad" in page


@pytest.mark.parametrize(("fields", "message"), [
    ({"new-phase": "", "new-title": "Step", "new-emotion": 0}, "This field is required."),
    ({"new-phase": "Learning", "new-title": "Step", "new-emotion": 5},
     "Select a valid choice. 5 is not one of the available choices."),
    ({"new-phase": "Learning", "new-title": "Step", "new-emotion": 0, "new-channel": "fax"},
     "Select a valid choice. fax is not one of the available choices."),
    ({"new-phase": "Learning", "new-title": "Step", "new-emotion": 0,
      "new-pain_point": "Long hold"}, "Cite at least one insight as evidence"),
    ({"new-phase": "Learning", "new-title": "Step", "new-emotion": 0,
      "new-decision_es": "¿Llamar?"}, "Write it in English too"),
])
def test_bad_steps_are_refused_with_a_clear_message(researcher, life, fields, message):
    response = researcher.post(reverse("research:journey", args=[life.slug]), fields)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Please fix the highlighted fields" in page and message in page
    assert not life.steps.exists()


def test_an_insight_of_another_study_cannot_be_cited(researcher, life):
    other = make_study(title="Other")
    highlight = highlight_phrase(make_session(other, make_participant(other)),
                                 "The callback number never worked")
    stranger = services.add_insight(other, None, statement="Elsewhere.", highlights=[highlight])
    response = researcher.post(reverse("research:journey", args=[life.slug]), _step(
        life, "Learning", "Step", pain_point="Hold", insights=[stranger.pk]))
    assert "is not one of the available choices" in response.content.decode()
    assert not life.steps.exists()


def test_steps_and_phases_move_and_steps_are_edited_and_deleted(researcher, life):
    url = reverse("research:journey", args=[life.slug])
    for phase, title in (("Learning", "A"), ("Learning", "B"), ("Filing", "C"),
                         ("After", "D")):
        researcher.post(url, _step(life, phase, title))
    steps = {s.title: s for s in life.steps.all()}

    def move(title, direction):
        return researcher.post(reverse("research:step-move", args=[life.slug, steps[title].pk]),
                               {"direction": direction}, follow=True).content.decode()

    assert "“B” moved up." in move("B", "up")
    assert _titles(life) == [("Learning", "B"), ("Learning", "A"), ("Filing", "C"),
                             ("After", "D")]
    assert "“A” moved into the phase “Filing”." in move("A", "down")
    assert _titles(life) == [("Learning", "B"), ("Filing", "A"), ("Filing", "C"),
                             ("After", "D")]
    assert "cannot move further that way" in move("B", "up")
    researcher.post(reverse("research:phase-move", args=[life.slug]),
                    {"phase": "After", "direction": "up"})
    assert _titles(life) == [("Learning", "B"), ("After", "D"), ("Filing", "A"),
                             ("Filing", "C")]
    response = researcher.post(reverse("research:phase-move", args=[life.slug]),
                               {"phase": "Learning", "direction": "up"}, follow=True)
    assert "cannot move further that way" in response.content.decode()

    edit = reverse("research:step-edit", args=[life.slug, steps["C"].pk])
    assert researcher.get(edit).status_code == 200
    researcher.post(edit, {"phase": "Filing", "title": "C, renamed", "emotion": 2})
    assert life.steps.get(pk=steps["C"].pk).title == "C, renamed"

    delete = reverse("research:step-delete", args=[life.slug, steps["A"].pk])
    assert "Its insights are not deleted." in researcher.get(delete).content.decode()
    researcher.post(delete)
    assert _titles(life) == [("Learning", "B"), ("After", "D"), ("Filing", "C, renamed")]
    assert [s.order for s in life.steps.all()] == [0, 1, 2]


def test_a_published_map_refuses_an_edit_that_plants_personal_data(researcher, life):
    researcher.post(reverse("research:journey", args=[life.slug]),
                    _step(life, "Learning", "Call the help line", decision="Call or visit?",
                          decision_es="¿Llamar o ir?", channel="phone"))
    publishing.publish("life", life)
    step = life.steps.get()
    response = researcher.post(
        reverse("research:step-edit", args=[life.slug, step.pk]),
        {"phase": "Learning", "title": "Call the help line", "emotion": 0,
         "behaviour": "Calls Rosa at 202-555-0143"})
    assert "Not saved: the published page would show" in response.content.decode()
    assert "PHONE" in response.content.decode()
    step.refresh_from_db()
    assert step.behaviour == ""
    response = researcher.post(reverse("research:journey", args=[life.slug]),
                               _step(life, "Filing", "Write to rosa@example.org"))
    assert "Not saved" in response.content.decode()
    assert life.steps.count() == 1

    english = researcher.get("/research/life-experiences/having-a-child/").content.decode()
    spanish = researcher.get("/es/research/life-experiences/having-a-child/").content.decode()
    assert "Decision moment" in english and "Call or visit?" in english
    assert "¿Llamar o ir?" in spanish and "Teléfono" in spanish


def test_the_editor_is_for_researchers_only(staff_client, life):
    url = reverse("research:journey", args=[life.slug])
    assert staff_client("research_recruiter").get(url).status_code == 403
    assert staff_client("cx_analyst").post(url, _step(life, "A", "B")).status_code == 403
    assert not JourneyStep.objects.exists()
