"""Customers answer surveys by keyboard in English and Spanish; the widget works on another
site's page; axe finds nothing on the survey, the widget or the analysts' pages."""

import functools
import http.server
import threading

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from civiccx.feedback.invitations import link_token, maybe_invite
from civiccx.feedback.models import Response, Survey
from tests.browser.keyboard import tab_to
from tests.factories import make_interaction, make_sampling_rule

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(seed_demo):
    seed_demo("feedback", "metrics", responses=300)


def test_english_survey_by_keyboard(live_server, page, assert_accessible, demo):
    page.goto(f"{live_server.url}/feedback/phone-assistance/phone/")
    assert_accessible(page, "phone survey")
    assert not page.locator("#q-question_2").is_visible()
    tab_to(page, "input[name=question_1]")
    page.keyboard.press("Space")  # thumbs up is first
    assert page.locator("#q-question_2").is_visible()
    assert not page.locator("#q-question_3").is_visible()
    assert_accessible(page, "phone survey after thumbs up")
    tab_to(page, "input[name=question_2][value=ease]")
    page.keyboard.press("Space")
    tab_to(page, "textarea[name=question_4]")
    page.keyboard.type("The callback came on time.")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/feedback/thank-you/")
    assert page.get_by_role("heading", name="Thank you for your feedback").is_visible()
    response = Response.objects.get(source="hosted")
    assert response.answers == {"question_1": 1, "question_2": ["ease"],
                                "question_4": "The callback came on time."}
    assert response.language == "en" and response.channel == "phone"


def test_spanish_survey_by_keyboard(live_server, page, assert_accessible, demo):
    page.goto(f"{live_server.url}/es/feedback/walk-in-assistance/in_person/")
    assert page.locator("html").get_attribute("lang") == "es"
    tab_to(page, "input[name=question_1]")
    page.keyboard.press("ArrowDown")  # moves to and selects "Pulgar abajo"
    assert page.get_by_text("¿Qué no salió tan bien?").is_visible()
    assert_accessible(page, "encuesta en español")
    tab_to(page, "input[name=question_3][value=efficiency]")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/es/feedback/thank-you/")
    assert page.get_by_role("heading", name="Gracias por su opinión").is_visible()
    response = Response.objects.get(source="hosted")
    assert response.answers == {"question_1": 0, "question_3": ["efficiency"]}
    assert response.language == "es"


def test_invitation_link_page_is_accessible(live_server, page, assert_accessible, demo):
    survey = Survey.objects.get(service__slug="phone-assistance")
    make_sampling_rule(survey) if not hasattr(survey.service, "sampling") else None
    interaction = make_interaction(service=survey.service, channel="phone",
                                   contact_consent=True, contact_phone="+12025550111")
    invitation = maybe_invite(interaction, rng=type("Always", (), {"random": lambda s: 0})())
    page.goto(f"{live_server.url}/feedback/link/{link_token(invitation)}/")
    assert_accessible(page, "invitation survey")


@pytest.fixture
def third_party_site(tmp_path):
    """Another web site (another port) that embeds the widget, with hostile CSS."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tmp_path, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _host_page(directory, name, widget_origin, survey_id, mode, lang="en"):
    (directory / name).write_text(f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>County tax help</title>
<style>button, iframe, dialog {{ display: none !important; }}
       * {{ color: #5c0000; font-size: 22px; }}</style></head>
<body><main><h1>County tax help</h1><p>Tell the agency how it went.</p>
<script src="{widget_origin}/static/feedback/embed.js" data-survey="{survey_id}"
        data-mode="{mode}" data-lang="{lang}"></script></main></body></html>""")
    return name


def test_inline_widget_works_on_another_site(live_server, page, assert_accessible, demo,
                                              third_party_site):
    directory, origin = third_party_site
    survey = Survey.objects.get(service__slug="help-center")
    name = _host_page(directory, "inline.html", live_server.url, survey.pk, "inline")
    page.goto(f"{origin}/{name}")
    frame = page.frame_locator("iframe[title='Feedback survey']")
    frame.locator("label[for='question_1-1']").click()
    frame.locator("label[for='question_2-efficiency']").click()
    # Submitted by keyboard: the host page resizes the frame when an answer changes, and a
    # mouse click aimed at the button while it moves can land beside it on a busy machine.
    with page.expect_response(lambda response: response.request.method == "POST"
                              and "/feedback/embed/" in response.url, timeout=45_000) as posted:
        frame.get_by_role("button", name="Submit feedback").press("Enter")
    assert posted.value.status == 302, posted.value.status
    thanks = frame.get_by_role("heading", name="Thank you for your feedback")
    try:  # a loaded CI machine can take a while; if it never comes, say what the frame shows
        thanks.wait_for(timeout=45_000)
    except PlaywrightTimeout:
        pytest.fail(f"No thank-you page in the widget; it shows: "
                    f"{frame.locator('body').inner_text(timeout=5_000)[:500]!r}")
    response = Response.objects.get(source="embed")
    assert response.answers["question_1"] == 1 and response.service.slug == "help-center"


def test_modal_widget_traps_focus_and_closes_with_escape(live_server, page, assert_accessible,
                                                        demo, third_party_site):
    directory, origin = third_party_site
    survey = Survey.objects.get(service__slug="direct-file")
    name = _host_page(directory, "modal.html", live_server.url, survey.pk, "modal", "es")
    page.goto(f"{origin}/{name}")
    opener = page.get_by_role("button", name="Denos su opinión")
    assert opener.is_visible()
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.shadowRoot.activeElement.textContent") == "Cerrar"
    frame = page.frame_locator("iframe[title='Encuesta de opinión']")
    frame.get_by_role("heading").first.wait_for()
    assert_accessible(page, "page with the open widget")
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.shadowRoot.activeElement.textContent") \
        == "Denos su opinión"


def test_widget_survey_page_is_accessible(live_server, page, assert_accessible, demo):
    survey = Survey.objects.get(service__slug="direct-file")
    page.goto(f"{live_server.url}/feedback/embed/{survey.pk}/")
    assert_accessible(page, "widget survey page")


def test_analyst_pages_are_accessible(live_server, page, assert_accessible, demo):
    from tests.browser.test_sign_in import _staff_sign_in
    from tests.factories import make_staff

    _staff_sign_in(page, live_server.url, make_staff("cx_analyst"))
    quarter = Response.objects.values_list("fiscal_quarter", flat=True).first()
    for path in ("/staff/cx/", "/staff/cx/comments/", "/staff/cx/a11/",
                 f"/staff/cx/a11/?quarter={quarter}", "/staff/phone/estimates/",
                 "/staff/staffing/", "/staff/interactions/", "/staff/problem-reports/",
                 "/staff/"):
        page.goto(live_server.url + path)
        assert_accessible(page, path)
    page.goto(live_server.url + "/staff/cx/")
    assert page.locator("svg.civiccx-chart").count() >= 1
