"""Direct File end to end in Chromium, keyboard only, in English and Spanish, with axe on every
screen: (a) a single filer with one W-2, (b) head of household with two children (EITC and
ACTC), (c) a retired married couple with Social Security and interest, (d) a person with
business income who is knocked out and books a callback from that screen. The refund on review
and every number in the PDF equal the tax engine's."""

from __future__ import annotations

import re
from datetime import time
from io import BytesIO

import pytest
from django.test import Client
from pypdf import PdfReader

from civiccx.directfile.interview import Interview
from civiccx.directfile.models import TaxReturn
from civiccx.directfile.scenarios import walk
from civiccx.taxengine.engine import FORM_1040_LINES
from civiccx.taxengine.money import usd
from tests.browser.keyboard import tab_to
from tests.directfile.helpers import SINGLE, hoh_two_children, retired_couple
from tests.factories import make_call_queue, make_public_user, make_service

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def filer(live_server, page):
    """A signed-in member of the public (the session cookie of a forced login)."""
    make_service(slug="direct-file", name="Direct File")
    user = make_public_user()
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
    return user


def _answer_for(path: str, walked: dict, iv: Interview):
    """The walked scenario's answer for this return's path (items matched by position)."""
    parts = path.split("/")
    if len(parts) > 3 and f"/{parts[1]}" in ("/dependents", "/formW2s", "/formsSsa1099",
                                              "/forms1099G", "/forms1099Int"):
        coll = f"/{parts[1]}"
        position = iv.collection(coll).index(parts[2])
        parts[2] = walked[coll][position]
        path = "/".join(parts)
    return walked.get(path)


def _press_save(page, selector="button[value=save]"):
    tab_to(page, selector, limit=300)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _fill_screen(page, iv: Interview, step, walked: dict) -> None:
    for i, field in enumerate(iv.visible_fields(step)):
        name = f"f{i}"
        if field.kind == "flags":
            for n, (path, _label) in enumerate(field.options):
                if walked.get(path):
                    tab_to(page, f"#field-{name}-{n}", limit=300)
                    page.keyboard.press("Space")
            continue
        value = _answer_for(step.path(field.path), walked, iv)
        if value is None:
            continue
        if field.kind in ("consent", "agree"):
            if value:
                tab_to(page, f"#field-{name}", limit=300)
                page.keyboard.press("Space")
        elif field.kind in ("yesno", "choice"):
            options = ["yes", "no"] if field.kind == "yesno" else [o for o, _l in field.options]
            wanted = options.index("yes" if value is True else "no" if value is False else value)
            tab_to(page, f"input[name={name}]", limit=300)
            checked = page.evaluate("document.activeElement.checked")
            current = page.evaluate("document.activeElement.value")
            steps = wanted - options.index(current)
            if steps == 0 and not checked:
                page.keyboard.press("Space")
            for _ in range(abs(steps)):
                page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
        elif field.kind in ("select", "state"):
            tab_to(page, f"#field-{name}", limit=300)
            page.keyboard.press("Home")
            target = str(value)
            for _ in range(80):
                if page.evaluate("document.activeElement.value") == target:
                    break
                page.keyboard.press("ArrowDown")
        elif field.kind in ("date", "paydate"):
            year, month, day = str(value).split("-")
            tab_to(page, f"#field-{name}-month", limit=300)
            page.keyboard.press("Home")
            for _ in range(int(month)):
                page.keyboard.press("ArrowDown")
            tab_to(page, f"#field-{name}-day")
            page.keyboard.press("Control+A")
            page.keyboard.type(str(int(day)))
            tab_to(page, f"#field-{name}-year")
            page.keyboard.press("Control+A")
            page.keyboard.type(year)
        else:
            tab_to(page, f"#field-{name}", limit=300)
            page.keyboard.press("Control+A")
            page.keyboard.type(str(value))


def interview_by_keyboard(page, live_server, user, scenario, assert_accessible, prefix="",
                          stop_at_knockout=False):
    """Answer every screen with the keyboard, checking each page with axe, until submit."""
    walked = walk(scenario).answers
    for _ in range(120):
        assert_accessible(page, page.url)
        tr = TaxReturn.objects.get(owner=user)
        path = page.url.split(live_server.url)[1]
        if "/knockout/" in path:
            assert stop_at_knockout, path
            return tr
        if path.rstrip("/").endswith("/submit") or tr.status != "in_progress":
            return tr
        match = re.search(r"/direct-file/\d{4}/([\w-]+)/(?:([\w-]+)/)?$", path)
        iv = Interview(tr.answers, tr.tax_year)
        if match is None:  # the hub: continue where we left off
            tab_to(page, "a.usa-button--big", limit=300)
            with page.expect_navigation():
                page.keyboard.press("Enter")
            continue
        key = match.group(1) + (f"/{match.group(2)}" if match.group(2) else "")
        step = iv.step(key)
        assert step is not None, key
        if step.is_loop_list:
            wanted = len(walked.get(step.loop.collection, []))
            have = len(iv.collection(step.loop.collection))
            _press_save(page, "button[value=add]" if have < wanted else "button[value=done]")
        elif step.screen.kind == "review":
            return tr
        else:
            _fill_screen(page, iv, step, walked)
            _press_save(page)
    raise AssertionError("the interview did not end")


def _start(page, live_server, prefix):
    page.goto(f"{live_server.url}{prefix}/direct-file/")
    tab_to(page, "form[action*='start'] button", limit=300)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _review_sign_submit(page, live_server, user, scenario, assert_accessible, prefix):
    tr = TaxReturn.objects.get(owner=user)
    iv = Interview(tr.answers, tr.tax_year)
    refund = iv.graph.value("/refund")
    assert page.locator("#df-refund").inner_text().endswith(usd(refund))
    for line, fact in FORM_1040_LINES.items():
        cell = page.locator(f"td[data-line='{line}']")
        if cell.count():
            assert cell.inner_text() == usd(iv.graph.value(fact)), line
    tab_to(page, "a[href*='/why/16/']", limit=300)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page, "why line 16")
    page.go_back()
    tab_to(page, "form button.usa-button--big", limit=300)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tr = interview_by_keyboard(page, live_server, user, scenario, assert_accessible, prefix)
    assert_accessible(page, "submit")
    tab_to(page, "form button.usa-button--big", limit=300)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("#df-confirmation")
    assert_accessible(page, "where is my return")
    tr.refresh_from_db()
    submission = tr.latest_submission()
    assert page.locator("#df-confirmation").inner_text() == submission.confirmation
    response = page.request.get(f"{live_server.url}{prefix}/direct-file/submissions/"
                                f"{submission.confirmation}/pdf/")
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.body())).pages)
    for fact in FORM_1040_LINES.values():
        assert usd(iv.graph.value(fact)) in text, fact
    return tr, iv


SCENARIOS = {"single-w2": SINGLE, "hoh-two-children": hoh_two_children(),
             "retired-couple": retired_couple()}


def _signing(scenario):
    out = {**scenario, "answers": {**scenario["answers"], "/signing/primary/filedLastYear":
                                   False, "/signing/spouse/filedLastYear": False}}
    return out


@pytest.mark.parametrize("prefix", ["", "/es"])
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_file_a_return_by_keyboard(live_server, page, assert_accessible, filer, name, prefix,
                                   settings):
    scenario = _signing(SCENARIOS[name])
    _start(page, live_server, prefix)
    interview_by_keyboard(page, live_server, filer, scenario, assert_accessible, prefix)
    assert_accessible(page, "review")
    tr, iv = _review_sign_submit(page, live_server, filer, scenario, assert_accessible, prefix)
    assert tr.status == "accepted"
    if name == "hoh-two-children":
        assert iv.graph.value("/earnedIncomeCredit") > 0
        assert iv.graph.value("/additionalChildTaxCredit") > 0
    if prefix:
        assert page.locator("html").get_attribute("lang") == "es"


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_business_income_is_knocked_out_and_books_a_callback(live_server, page,
                                                             assert_accessible, filer, prefix):
    from civiccx.phone.models import QueueEntry
    from civiccx.services.models import Interaction, OpeningHours

    queue = make_call_queue(slug="main-line")
    assert OpeningHours.objects.filter(location=queue.call_center).count() == 7 or time
    page.goto(f"{live_server.url}{prefix}/direct-file/check/")
    assert_accessible(page, "checker")
    scenario = {**SINGLE, "answers": {**SINGLE["answers"], "/hasBusinessIncome": True}}
    _start(page, live_server, prefix)
    interview_by_keyboard(page, live_server, filer, scenario, assert_accessible, prefix,
                          stop_at_knockout=True)
    assert "/knockout/business-income/" in page.url
    assert page.locator("text=Schedule C").first.is_visible()
    assert Interaction.objects.filter(person=filer, outcome="referred").count() == 1
    tab_to(page, "a[href*='/phone/callback/main-line/']", limit=300)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page, "callback")
    tab_to(page, "input[name=phone]")
    page.keyboard.type("(202) 555-0199")
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert QueueEntry.objects.filter(queue=queue, source="web").count() == 1
