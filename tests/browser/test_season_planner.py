"""The season planner in a real browser, by keyboard only: pick a saved history, make the plan,
read it; axe finds nothing on the form, the progress box or the finished plan."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from civiccx.staffing.history import save_history
from civiccx.staffing.models import PlanningRun
from civiccx.staffing.planning.synthetic import filing_season_history
from tests.browser.keyboard import tab_to
from tests.browser.test_sign_in import _staff_sign_in
from tests.factories import make_service, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


def test_season_planner_by_keyboard(live_server, page, assert_accessible):
    make_service()
    today = timezone.localdate()
    history = save_history("Main line, small", filing_season_history(
        today - timedelta(days=800), today - timedelta(days=1), quiet_daily_calls=300))
    _staff_sign_in(page, live_server.url, make_staff("cx_analyst"))
    page.goto(live_server.url + "/staff/staffing/season/")
    assert_accessible(page, "season planner form")

    tab_to(page, "input[name=source]:checked")
    assert page.evaluate("document.activeElement.value") == "history", "the saved history first"
    page.keyboard.press("ArrowUp")  # radio buttons move with the arrow keys...
    assert page.locator("input[name=source][value=queue]").is_checked()
    page.keyboard.press("ArrowDown")  # ...and back to the saved history
    assert page.locator("input[name=source][value=history]").is_checked()
    tab_to(page, "select[name=history]")
    assert page.locator("select[name=history]").input_value() == str(history.pk)
    tab_to(page, "input[name=current_staff]")
    page.keyboard.press("Control+A")
    page.keyboard.type("20")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/staff/staffing/season/\d+/$"), timeout=240_000)

    assert page.get_by_role("heading", name=re.compile(r"^(Hire [\d,]+ CSRs by|No hiring)"))\
        .is_visible()
    assert page.locator("svg.civiccx-chart").count() == 5
    assert page.get_by_role("img", name="What each budget buys over the season").count() == 1
    assert page.get_by_role("link", name="Rosters per CSR (CSV)").is_visible()
    assert_accessible(page, "season plan")
    tab_to(page, "details.civiccx-chart-data summary")
    page.keyboard.press("Enter")
    numbers = page.locator("details.civiccx-chart-data").first
    assert numbers.get_attribute("open") is not None
    assert numbers.locator("table").is_visible()


def test_progress_box_is_accessible(live_server, page, assert_accessible):
    make_service()
    run = PlanningRun.objects.create(settings={"first_day": "2027-01-04",
                                               "last_day": "2027-04-30"},
                                     status="running", stage="budgets")
    _staff_sign_in(page, live_server.url, make_staff("cx_analyst"))
    page.goto(f"{live_server.url}/staff/staffing/season/{run.pk}/")
    assert page.get_by_role("heading", name="Step 5 of 7").is_visible()
    assert page.get_by_label("Trying smaller budgets").is_visible()
    assert_accessible(page, "season plan in progress")
    PlanningRun.objects.filter(pk=run.pk).update(status="failed", error="the history is empty")
    page.get_by_text("The plan could not be made").wait_for(timeout=10_000)
    assert page.get_by_text("the history is empty").is_visible()
