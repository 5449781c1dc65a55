"""The staffing planner page: upload or recorded calls in, a plan table, chart and CSV out."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_interaction, make_service

pytestmark = pytest.mark.django_db

SETTINGS = {"model": "erlang-c", "target_service_level": "80", "target_seconds": "60",
            "shrinkage": "30", "max_occupancy": "85"}


def _upload(text: str):
    handle = io.BytesIO(text.encode())
    handle.name = "forecast.csv"
    return handle


def test_uploaded_forecast_gives_a_plan_and_a_csv(staff_client):
    client = staff_client("cx_analyst")
    forecast = "interval_start,calls_offered,aht_seconds\n09:00,100,300\n09:30,200,300\n"
    page = client.post(reverse("staffing:planner"), {
        **SETTINGS, "source": "upload", "forecast_file": _upload(forecast)})
    assert page.status_code == 200
    text = page.content.decode()
    assert "The plan" in text and "<svg" in text
    csv_reply = client.post(reverse("staffing:planner"), {
        **SETTINGS, "source": "upload", "forecast_file": _upload(forecast), "download": "csv"})
    lines = csv_reply.content.decode().splitlines()
    assert lines[0].startswith("interval_start,calls_offered,aht_seconds,load_erlangs")
    # 100 calls of 300 s in 30 min = 16.67 Erlangs. Erlang C: 19 agents answer 69.8% within
    # 60 s, 20 agents 82.6% (occupancy 83%), so 20 are required; 30% shrinkage schedules 29.
    first = lines[1].split(",")
    assert (first[4], first[5]) == ("20", "29")


def test_a_bad_forecast_row_is_named(staff_client):
    client = staff_client("cx_analyst")
    page = client.post(reverse("staffing:planner"), {
        **SETTINGS, "source": "upload",
        "forecast_file": _upload("interval_start,calls_offered,aht_seconds\n09:00,n/a,300\n")})
    assert page.status_code == 400
    assert "line 2" in page.content.decode() and "calls_offered" in page.content.decode()


def test_recorded_calls_make_a_forecast(staff_client):
    service = make_service()
    monday = timezone.localtime() - timedelta(days=(timezone.localtime().weekday() or 7))
    start = monday.replace(hour=10, minute=5, second=0, microsecond=0)
    for n in range(12):
        make_interaction(service=service, channel="phone", started_at=start,
                         ended_at=start + timedelta(minutes=8 + n % 3))
    client = staff_client("cx_analyst")
    page = client.post(reverse("staffing:planner"), {
        **SETTINGS, "source": "recorded", "service": service.pk,
        "weekday": str(start.weekday()), "weeks": "4"})
    assert page.status_code == 200, page.content[:2000]
    assert "10:00" in page.content.decode()


def test_missing_inputs_are_explained(staff_client):
    page = staff_client("cx_analyst").post(reverse("staffing:planner"),
                                           {**SETTINGS, "source": "recorded",
                                            "model": "erlang-a"})
    text = page.content.decode()
    assert "Choose the service whose calls to use." in text
    assert "Erlang A needs the mean caller patience." in text


def test_csrs_cannot_open_the_planner(staff_client):
    assert staff_client("csr").get(reverse("staffing:planner")).status_code == 403


def test_the_downloaded_plan_cannot_run_an_uploaded_label_as_a_formula(staff_client):
    forecast = "interval_start,calls_offered,aht_seconds\n=cmd|' /C calc'!A0,100,300\n"
    reply = staff_client("cx_analyst").post(reverse("staffing:planner"), {
        **SETTINGS, "source": "upload", "forecast_file": _upload(forecast), "download": "csv"})
    assert reply["Content-Disposition"] == 'attachment; filename="staffing-plan.csv"'
    [row] = list(csv.reader(io.StringIO(reply.content.decode())))[1:]
    assert row[0] == "'=cmd|' /C calc'!A0" and row[4:6] == ["20", "29"]


def test_a_saved_history_plans_a_day_at_its_own_scale(staff_client):
    """Issue #18 item 17: the demo planned a day from its few recorded calls (0.3 a half-hour)
    though it keeps a national main line's season history; a saved history (half-hours here,
    15-minute intervals summed) gives the weekday's real volumes."""
    from datetime import date

    import numpy as np

    from civiccx.staffing.history import save_history
    from civiccx.staffing.planning.forecasting import IntervalHistory

    first, days = date(2026, 1, 5), 28  # four weeks from a Monday
    calls = np.zeros((days, 96))
    aht = np.full((days, 96), np.nan)
    for day in range(days):
        if day % 7 == 0:  # Mondays: 100 calls a quarter-hour from 9:00 to 9:30, 300 s each
            calls[day, 36:38], aht[day, 36:38] = 100, 300
    history = save_history("Main line", IntervalHistory(first, calls, aht, 15))
    client = staff_client("cx_analyst")
    page = client.post(reverse("staffing:planner"), {
        **SETTINGS, "source": "history", "history": history.pk, "weekday": "0", "weeks": "4",
        "download": "csv"})
    lines = page.content.decode().splitlines()
    assert len(lines) == 2 and lines[1].startswith("09:00,200")  # 200 calls in the half-hour
    missing = client.post(reverse("staffing:planner"), {**SETTINGS, "source": "history"})
    assert "Choose a saved history." in missing.content.decode()


def test_the_demo_history_plans_a_national_line(staff_client, seed_demo):
    from civiccx.staffing.models import SeasonHistory

    seed_demo("staffing")
    history = SeasonHistory.objects.get()
    page = staff_client("cx_analyst").post(reverse("staffing:planner"), {
        **SETTINGS, "source": "history", "history": history.pk, "weekday": "1", "weeks": "4",
        "download": "csv"})
    busiest = max(float(row["calls_offered"])
                  for row in csv.DictReader(io.StringIO(page.content.decode())))
    assert busiest > 200  # hundreds of calls in the busiest half-hour, not 0.3
