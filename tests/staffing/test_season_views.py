"""The season planner page: history in, a background run with progress, charts, tables, CSVs."""

import io
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from civiccx.phone.figures import half_hour_volumes
from civiccx.phone.models import QueueEntry
from civiccx.staffing.models import PlanningRun, SeasonHistory
from civiccx.staffing.planning.forecasting import history_csv_text
from civiccx.staffing.planning.synthetic import filing_season_history
from tests.factories import make_call_queue

pytestmark = pytest.mark.django_db

SETTINGS = {
    "first_day": "2027-01-04", "last_day": "2027-03-26", "hiring_from": "2026-10-05",
    "growth": "100", "target_service_level": "80", "target_seconds": "300",
    "patience_seconds": "720", "shrinkage": "15", "absence": "12", "max_occupancy": "90",
    "current_staff": "10", "training_weeks": "4", "ramp_up": "50, 75", "attrition": "3",
    "weekly_cost": "1150", "hire_cost": "4000", "max_days_in_row": "5", "min_rest_hours": "11",
}


@pytest.fixture(scope="module")
def history_csv():
    history = filing_season_history(date(2024, 10, 1), date(2026, 11, 27),
                                    quiet_daily_calls=300, seed=11)
    return history_csv_text(history).encode()


def upload(content: bytes):
    handle = io.BytesIO(content)
    handle.name = "history.csv"
    return handle


def test_an_uploaded_history_becomes_a_season_plan(staff_client, history_csv,
                                                   django_capture_on_commit_callbacks):
    client = staff_client("cx_analyst")
    with django_capture_on_commit_callbacks(execute=True):
        reply = client.post(reverse("staffing:season"), {
            **SETTINGS, "source": "upload", "history_name": "Last seasons",
            "history_file": upload(history_csv), "level_of_service_goal": "80"})
    run = PlanningRun.objects.get()
    assert reply.status_code == 302 and reply["Location"] == reverse("staffing:season-run",
                                                                     args=[run.pk])
    assert run.status == "done", run.error
    assert SeasonHistory.objects.get().name == "Last seasons"
    page = client.get(reply["Location"]).content.decode()
    assert run.settings["level_of_service_goal"] == 0.8
    for text in ("CSRs by", "level of service", "the cheapest plan that answers 80%",
                 "Same half-hour last week (seasonal naive)",
                 "Training classes", "What each budget buys over the season",
                 "Shifts for the busiest week", "What callers would get that week",
                 "Rosters per CSR (CSV)"):
        assert text in page, text
    assert page.count("<svg") == 5
    rosters = client.get(reverse("staffing:season-download", args=[run.pk, "rosters"]))
    lines = rosters.content.decode().splitlines()
    assert lines[0] == "csr,shift_type,day,start,end,lunch,breaks"
    assert rosters["Content-Disposition"].endswith(f'season-plan-{run.pk}-rosters.csv"')
    forecast = client.get(reverse("staffing:season-download", args=[run.pk, "forecast"]))
    first = forecast.content.decode().splitlines()[1].split(",")
    assert first[0].startswith("2027-01-04 ") and float(first[1]) > 0
    hiring = client.get(reverse("staffing:season-download", args=[run.pk, "hiring"]))
    assert hiring.content.decode().startswith("week_of,needed_fte,hires,productive_fte")
    assert client.get(reverse("staffing:season-download",
                              args=[run.pk, "secrets"])).status_code == 404


def test_a_queue_with_too_little_history_says_why(staff_client,
                                                  django_capture_on_commit_callbacks):
    queue = make_call_queue()
    arrived = datetime(2026, 11, 2, 9, 10, tzinfo=ZoneInfo("America/New_York"))
    QueueEntry.objects.bulk_create(
        QueueEntry(queue=queue, kind="hold", status="resolved", arrived_at=arrived
                   + timedelta(days=d), first_claimed_at=arrived + timedelta(days=d, minutes=2),
                   ended_at=arrived + timedelta(days=d, minutes=12)) for d in range(10))
    client = staff_client("cx_analyst")
    with django_capture_on_commit_callbacks(execute=True):
        reply = client.post(reverse("staffing:season"), {**SETTINGS, "source": "queue",
                                                         "queue": f"phone.{queue.slug}"})
    run = PlanningRun.objects.get()
    assert run.status == "failed" and "covers 10 days" in run.error
    page = client.get(reply["Location"]).content.decode()
    assert "The plan could not be made" in page and "covers 10 days" in page


def test_recorded_calls_are_counted_per_local_half_hour():
    queue = make_call_queue()
    zone = ZoneInfo("America/New_York")
    start = datetime(2026, 3, 2, 9, 5, tzinfo=zone)
    QueueEntry.objects.bulk_create([
        QueueEntry(queue=queue, kind="hold", status="resolved", arrived_at=start,
                   first_claimed_at=start + timedelta(minutes=1),
                   ended_at=start + timedelta(minutes=11)),
        QueueEntry(queue=queue, kind="callback", status="resolved",
                   arrived_at=start + timedelta(minutes=20),
                   first_claimed_at=start + timedelta(minutes=40),
                   ended_at=start + timedelta(minutes=45)),
        QueueEntry(queue=queue, kind="hold", status="abandoned",
                   arrived_at=start + timedelta(minutes=30)),
    ])
    assert half_hour_volumes(queue) == [(datetime(2026, 3, 2, 9, 0), 2, 450.0),
                                        (datetime(2026, 3, 2, 9, 30), 1, 720.0)]


def test_progress_is_shown_while_running_and_the_page_reloads_when_done(staff_client):
    client = staff_client("cx_analyst")
    run = PlanningRun.objects.create(settings={"first_day": "2027-01-04",
                                               "last_day": "2027-04-30"},
                                     status="running", stage="schedule")
    page = client.get(reverse("staffing:season-run", args=[run.pk])).content.decode()
    assert "Step 6 of 7" in page and "Choosing shifts and rosters" in page
    assert 'hx-trigger="every 2s"' in page
    assert f'<progress id="run-{run.pk}-progress" max="7" value="5">' in page
    PlanningRun.objects.filter(pk=run.pk).update(status="failed", error="no calls")
    reply = client.get(reverse("staffing:season-progress", args=[run.pk]),
                       HTTP_HX_REQUEST="true")
    assert reply["HX-Refresh"] == "true"
    assert "no calls" in reply.content.decode()


@pytest.mark.parametrize("changes,message", [
    ({"source": "upload"}, "Choose a history file to upload."),
    ({"source": "history"}, "Choose a saved history."),
    ({"source": "queue"}, "Choose the phone line whose calls to use."),
    ({"source": "history", "last_day": "2026-12-01"}, "The season must end after it starts."),
    ({"source": "history", "hiring_from": "2027-02-01"},
     "Hiring must start on or before the season"),
    ({"source": "history", "ramp_up": "half"}, "Write percentages separated by commas"),
    ({"source": "history", "ramp_up": "50, 150"}, "above 0% and at most 100%"),
])
def test_bad_inputs_are_explained(staff_client, changes, message):
    page = staff_client("cx_analyst").post(reverse("staffing:season"), {**SETTINGS, **changes})
    assert page.status_code == 400
    assert message in page.content.decode()
    assert not PlanningRun.objects.exists()


def test_a_bad_history_file_names_the_line(staff_client):
    page = staff_client("cx_analyst").post(reverse("staffing:season"), {
        **SETTINGS, "source": "upload", "history_name": "Bad",
        "history_file": upload(b"interval_start,calls_offered,aht_seconds\n2025-01-06 09:00,"
                               b"many,300\n")})
    assert page.status_code == 400
    assert "line 2: calls_offered is &#x27;many&#x27;, not a number" in page.content.decode()
    assert not SeasonHistory.objects.exists()


def test_only_analysts_plan_seasons(staff_client):
    assert staff_client("csr").get(reverse("staffing:season")).status_code == 403


@pytest.mark.parametrize(("today", "first_day", "last_day"), [
    ("2027-02-17", "2027-02-22", "2027-04-30"),  # the season is running: the rest of it
    ("2027-04-21", "2028-01-03", "2028-04-30"),  # too little left: next year's
    ("2027-09-08", "2028-01-03", "2028-04-30"),
])
def test_the_planner_offers_a_season_it_can_plan(staff_client, monkeypatch, today, first_day,
                                                 last_day):
    """Issue #19: in February the form offered the season's own first Monday, already past."""
    noon = datetime.fromisoformat(today).replace(hour=18, tzinfo=ZoneInfo("UTC"))
    monkeypatch.setattr("django.utils.timezone.now", lambda: noon)
    page = staff_client("cx_analyst").get(reverse("staffing:season")).content.decode()
    assert f'name="first_day" value="{first_day}"' in page
    assert f'name="last_day" value="{last_day}"' in page


def test_empty_choices_read_as_words_not_dashes(staff_client):
    """An empty dropdown said "---------" (Django's default) or "—"; planners read what to do."""
    client = staff_client("cx_analyst")
    season = client.get(reverse("staffing:season")).content.decode()
    assert "Choose a saved history" in season and "Choose a phone line" in season
    planner = client.get(reverse("staffing:planner")).content.decode()
    assert "Choose a service" in planner
    for page in (season, planner):
        assert ">---------<" not in page and ">—</option>" not in page


def test_the_form_starts_from_the_newest_saved_history(staff_client):
    """With a saved history (the demo's only season of calls), the form offers it, not the
    phone lines, whose few recorded calls cannot make a season."""
    client = staff_client("cx_analyst")
    page = client.get(reverse("staffing:season")).content.decode()
    assert re.search(r'value="queue"[^>]*checked', page)
    for name in ("Older seasons", "Last seasons"):
        SeasonHistory.objects.create(name=name, first_day=date(2024, 10, 1),
                                     last_day=date(2026, 11, 27))
    newest = SeasonHistory.objects.get(name="Last seasons")
    page = client.get(reverse("staffing:season")).content.decode()
    assert re.search(r'value="history"[^>]*checked', page)
    assert re.search(rf'<option value="{newest.pk}" selected>Last seasons', page)
