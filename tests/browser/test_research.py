"""A researcher, with the keyboard alone, creates a study, adds a participant with consent,
uploads a transcript, highlights and tags a passage, builds an insight from it, links it to a
persona, publishes the persona and reads the public page in Spanish. axe checks every page."""

import re

import pytest

from civiccx.research.models import Highlight, Persona
from tests.browser.test_sign_in import _staff_sign_in
from tests.factories import make_staff

pytestmark = pytest.mark.django_db(transaction=True)

TRANSCRIPT = ("Interviewer: How did the application go?\n"
              "Participant: My name is Wanbli. The callback number never worked, so I drove "
              "two hours to the office.\n")
PASSAGE = "The callback number never worked"


def _field(page, label):
    """The field labelled `label` (a required field's label ends with " *")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def _type_into(page, label, text):
    _field(page, label).focus()
    page.keyboard.type(text)


def _press(page, locator):
    locator.focus()
    page.keyboard.press("Enter")


def _named(text):
    """An accessible name whose visually hidden part follows a colon: Chrome may put a space
    before the colon, as the hidden span is positioned apart."""
    head, _colon, tail = text.partition(":")
    return re.compile(rf"^{re.escape(head)}\s*:\s*{re.escape(tail.strip())}$")


def _tick(page, locator):
    locator.focus()
    page.keyboard.press("Space")


def test_from_a_transcript_to_a_published_persona_by_keyboard(live_server, page, tmp_path,
                                                             assert_accessible):
    base = live_server.url
    _staff_sign_in(page, base, make_staff("researcher"))
    page.get_by_role("link", name="Research repository").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/research/")
    assert_accessible(page, "studies")

    _type_into(page, "Title", "Grant access")
    _type_into(page, "Goal", "Learn how tribal staff apply for federal grants.")
    _type_into(page, "Why it is exempt", "Fewer than 10 people.")
    _press(page, page.get_by_role("button", name="Create study"))
    page.get_by_text("Study created.").wait_for()
    assert_accessible(page, "study")

    _press(page, page.get_by_role("link", name="Add a participant"))
    _type_into(page, "Segment", "tribal grants officer")
    _type_into(page, "State", "SD")
    _type_into(page, "Consent form version", "v2")
    _tick(page, page.get_by_label("May be quoted publicly, without a name"))
    assert_accessible(page, "add a participant")
    _press(page, page.get_by_role("button", name="Add participant"))
    page.get_by_text("Participant P-001 added with their consent.").wait_for()

    _press(page, page.get_by_role("link", name="Upload a transcript"))
    _type_into(page, "Title", "Interview 1")
    _field(page, "Participant").select_option(label="P-001")
    upload = tmp_path / "interview.txt"
    upload.write_text(TRANSCRIPT, encoding="utf-8")
    _field(page, "Transcript").set_input_files(str(upload))
    assert_accessible(page, "upload")
    _press(page, page.get_by_role("button", name="Upload"))
    page.get_by_role("heading", name="Check the redaction").wait_for()
    assert "NAME × 1" in page.inner_text("main")
    assert_accessible(page, "session before confirming")
    _press(page, page.get_by_role("button", name="Confirm redaction"))
    page.get_by_text("Redaction confirmed.").wait_for()

    transcript = page.get_by_label("Transcript text", exact=False)
    text = transcript.input_value()
    transcript.focus()
    page.keyboard.press("Control+Home")
    for _ in range(text.index(PASSAGE)):
        page.keyboard.press("ArrowRight")
    for _ in range(len(PASSAGE)):
        page.keyboard.press("Shift+ArrowRight")
    assert page.locator("#selection-preview").inner_text() == f"“{PASSAGE}”"
    _type_into(page, "New tag", "Access/Phone/Callback")
    assert_accessible(page, "session with a selection")
    _press(page, page.get_by_role("button", name="Save highlight"))
    page.get_by_text(f"Highlight saved: “{PASSAGE}”").wait_for()
    highlight = Highlight.objects.get()
    assert (highlight.start, highlight.end) == (text.index(PASSAGE),
                                               text.index(PASSAGE) + len(PASSAGE))
    assert [tag.path for tag in highlight.tags.all()] == ["Access/Phone/Callback"]

    page.goto(f"{base}/staff/research/studies/{highlight.session.study_id}/")
    _press(page, page.get_by_role("link", name="Build an insight"))
    _type_into(page, "Statement", "A callback that never comes sends people on long drives.")
    _type_into(page, "Statement in Spanish",
               "Una devolución de llamada que nunca llega obliga a viajar lejos.")
    _tick(page, page.get_by_label(f"P-001: “{PASSAGE}”"))
    assert_accessible(page, "build an insight")
    _press(page, page.get_by_role("button", name="Save insight"))
    page.get_by_text("Insight saved.").wait_for()
    assert "1 highlight from 1 participant(s)" in page.inner_text("main")

    _press(page, page.get_by_role("link", name="Personas and life experiences"))
    _press(page, page.get_by_role("link", name="New persona"))
    _type_into(page, "Name", "Rosa")
    _type_into(page, "Slug", "rosa")
    _type_into(page, "Summary", "A tribal grants officer who is the only grants person.")
    _type_into(page, "Summary in Spanish",
               "Una funcionaria de subvenciones tribales que trabaja sola.")
    _tick(page, page.get_by_label("A callback that never comes sends people on long drives."))
    _tick(page, page.get_by_label(f"P-001: “{PASSAGE}”"))
    assert_accessible(page, "new persona")
    _press(page, page.get_by_role("button", name="Save persona"))
    page.get_by_text("Saved.").wait_for()
    _press(page, page.get_by_role("button", name="Publish"))
    page.get_by_text("Published in English and Spanish.").wait_for()
    assert Persona.objects.get(slug="rosa").state == Persona.State.PUBLISHED

    page.goto(f"{base}/es/research/personas/rosa/")
    main = page.inner_text("main")
    assert "Una funcionaria de subvenciones tribales que trabaja sola." in main
    assert "En sus palabras" in main and PASSAGE in main
    assert "Una devolución de llamada que nunca llega obliga a viajar lejos." in main
    assert "Wanbli" not in page.content()
    assert_accessible(page, "public persona in Spanish")


def test_the_demo_research_pages_pass_axe_in_both_languages(live_server, page,
                                                           assert_accessible):
    from civiccx.research.demo import seed_research
    from civiccx.services.demo.seed import seed_catalog

    seed_catalog()
    seed_research()
    for language in ("", "/es"):
        for path in ("/research/", "/research/life-experiences/having-a-child/",
                     "/research/personas/maria-first-time-parent/",
                     "/research/personas/darnell-working-parent/"):
            response = page.goto(f"{live_server.url}{language}{path}")
            assert response.status == 200, path
            assert_accessible(page, f"{language}{path}")
    journey = page.goto(f"{live_server.url}/es/research/life-experiences/having-a-child/")
    assert journey.status == 200
    steps = page.locator(".usa-process-list__heading").all_inner_texts()
    assert steps[:2] == ["Saber qué cambia", "Obtener el número de Seguro Social del bebé"]


def test_the_journey_editor_and_the_affinity_board_by_keyboard(live_server, page,
                                                              assert_accessible):
    """Add, move, edit and delete journey steps; cluster highlights and build an insight from
    the cluster. Keyboard only (selects are chosen with select_option, as above); axe on every
    page, including the error summary."""
    from civiccx.research import services
    from civiccx.research.models import LifeExperience, StudyMember
    from tests.factories import make_service
    from tests.research.factories import (
        highlight_phrase,
        make_participant,
        make_session,
        make_study,
    )

    base = live_server.url
    researcher = make_staff("researcher")
    study = make_study()
    StudyMember.objects.create(study=study, user=researcher, role="tag")
    highlight = highlight_phrase(make_session(study, make_participant(study)),
                                 "The callback number never worked")
    services.add_insight(study, None, statement="Callbacks fail people.",
                         highlights=[highlight])
    make_service(name="Phone assistance")
    life = LifeExperience.objects.create(slug="having-a-child", title="Having a child")
    life.studies.set([study])
    _staff_sign_in(page, base, researcher)

    page.goto(f"{base}/staff/research/life-experiences/having-a-child/")
    _press(page, page.get_by_role("link", name="Edit the journey map"))
    page.get_by_role("heading", name="Journey map: Having a child").wait_for()
    assert_accessible(page, "empty journey editor")
    _type_into(page, "Step", "Call the help line")
    _type_into(page, "Pain point", "Long hold")
    _press(page, page.get_by_role("button", name="Add step"))
    page.get_by_text("Please fix the highlighted fields").wait_for()
    assert "Cite at least one insight" in page.inner_text("main")
    assert_accessible(page, "journey editor with errors")

    _type_into(page, "Phase", "Learning")
    _field(page, "Channel").select_option(label="Phone")
    _tick(page, page.get_by_label("Phone assistance"))
    _tick(page, page.get_by_label("Callbacks fail people."))
    _tick(page, page.get_by_label("−1: bad"))
    _type_into(page, "Decision moment", "Call or visit?")
    _press(page, page.get_by_role("button", name="Add step"))
    page.get_by_text("Step “Call the help line” added.").wait_for()
    _type_into(page, "Phase", "Filing")
    _type_into(page, "Step", "File the return")
    _press(page, page.get_by_role("button", name="Add step"))
    page.get_by_text("Step “File the return” added.").wait_for()
    assert_accessible(page, "journey editor with two phases")

    _press(page, page.get_by_role("button", name=_named("Move up: File the return")))
    page.get_by_text("“File the return” moved into the phase “Learning”.").wait_for()
    assert [(s.phase, s.title) for s in life.steps.all()] == [
        ("Learning", "Call the help line"), ("Learning", "File the return")]
    _press(page, page.get_by_role("button", name=_named("Move up: File the return")))
    page.get_by_text("“File the return” moved up.").wait_for()
    assert [s.title for s in life.steps.all()] == ["File the return", "Call the help line"]

    _press(page, page.get_by_role("link", name=_named("Edit: Call the help line")))
    page.get_by_role("heading", name="Edit the step Call the help line").wait_for()
    assert_accessible(page, "edit a step")
    _field(page, "Step").fill("")
    _type_into(page, "Step", "Call the IRS help line")
    _press(page, page.get_by_role("button", name="Save step"))
    page.get_by_text("Step “Call the IRS help line” saved.").wait_for()
    _press(page, page.get_by_role("link", name=_named("Delete: File the return")))
    page.get_by_role("heading", name="Delete the step File the return").wait_for()
    assert_accessible(page, "delete a step")
    _press(page, page.get_by_role("button", name="Delete step"))
    page.get_by_text("Step “File the return” deleted.").wait_for()
    assert [s.title for s in life.steps.all()] == ["Call the IRS help line"]

    page.goto(f"{base}/staff/research/studies/{study.pk}/")
    _press(page, page.get_by_role("link", name="Affinity board"))
    page.get_by_role("heading", name="Affinity board: Grant access").wait_for()
    _type_into(page, "Cluster name", "The phone fails people")
    _press(page, page.get_by_role("button", name="Add cluster"))
    page.get_by_text("Cluster “The phone fails people” added.").wait_for()
    page.get_by_label(re.compile(r"^Cluster: “The callback")).select_option(
        label="The phone fails people")
    _press(page, page.get_by_role("button", name=re.compile(r"^Move “The callback")))
    page.get_by_text("Moved “The callback number never worked” to “The phone fails "
                     "people”.").wait_for()
    assert_accessible(page, "affinity board")
    _press(page, page.get_by_role(
        "link", name=_named("Build an insight from this cluster: The phone fails people")))
    page.get_by_role("button", name="Save insight").wait_for()
    assert _field(page, "Statement").input_value() == "The phone fails people"
    assert page.get_by_label(f"P-001: “{PASSAGE}”").is_checked()
    assert_accessible(page, "insight from a cluster")


def test_the_team_page_and_an_insights_a11_chart_by_keyboard(live_server, page,
                                                             assert_accessible):
    """An Admin adds a colleague with a role by keyboard; the study page draws an insight's
    A-11 series as a chart with its table. axe on both."""
    from datetime import UTC, datetime

    from civiccx.metrics.rollups import key_at, record_response
    from civiccx.research import services
    from civiccx.research.models import StudyMember
    from tests.factories import make_service
    from tests.research.factories import (
        highlight_phrase,
        make_participant,
        make_session,
        make_study,
    )

    base = live_server.url
    admin = make_staff("researcher")
    colleague = make_staff("researcher")
    study = make_study()
    StudyMember.objects.create(study=study, user=admin, role="admin")
    phone = make_service(name="Phone assistance")
    for month, point in ((1, 5), (2, 4), (4, 2), (5, 4)):
        record_response(key_at(service_id=phone.pk, channel="phone", language="en",
                               at=datetime(2026, month, 10, tzinfo=UTC)),
                        [("likert:ease", {f"c{point}": 1})])
    highlight = highlight_phrase(make_session(study, make_participant(study)),
                                 "The callback number never worked")
    services.add_insight(study, None, statement="Callbacks fail people.",
                         highlights=[highlight], metric_service=phone, metric_driver="ease")
    _staff_sign_in(page, base, admin)

    page.goto(f"{base}/staff/research/studies/{study.pk}/")
    chart = page.get_by_role("region", name="Ease, Phone assistance: share who agree, by quarter")
    assert chart.locator("svg").count() == 1
    assert_accessible(page, "study page with an A-11 chart")
    _press(page, page.get_by_role("link", name="Team"))
    page.get_by_role("heading", name="Team of Grant access").wait_for()
    assert_accessible(page, "team page")
    _field(page, "Researcher").select_option(value=str(colleague.pk))
    _field(page, "Role").select_option(label="Tag")
    _press(page, page.get_by_role("button", name="Add to the team"))
    page.get_by_text("joined the team as Tag.").wait_for()
    assert study.role_of(colleague) == "tag"
    assert_accessible(page, "team page with two members")
