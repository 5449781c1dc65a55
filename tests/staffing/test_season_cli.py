"""`civiccx staffing forecast|hire|schedule` on a small line's history."""

import csv
import io
from datetime import date

import pytest

from civiccx.staffing.cli import main
from civiccx.staffing.planning.forecasting import history_csv_text, read_history_csv
from civiccx.staffing.planning.synthetic import filing_season_history

pytestmark = pytest.mark.pure

SEASON = ["--first-day", "2027-01-04", "--last-day", "2027-03-26"]


@pytest.fixture(scope="module")
def history_file(tmp_path_factory):
    history = filing_season_history(date(2024, 10, 1), date(2026, 11, 27),
                                    quiet_daily_calls=400, seed=5)
    path = tmp_path_factory.mktemp("history") / "history.csv"
    path.write_text(history_csv_text(history))
    return path


def test_history_csv_reads_back_the_same(history_file):
    history = read_history_csv(history_file)
    assert history.first_day == date(2024, 10, 1)
    assert read_history_csv(io.StringIO(history_csv_text(history))).calls.sum() == \
        history.calls.sum()


def test_forecast_prints_its_backtest_and_writes_the_season(history_file, tmp_path, capsys):
    out = tmp_path / "forecast.csv"
    assert main(["forecast", str(history_file), *SEASON, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "seasonal naive (same half-hour last week)" in printed
    assert "MSTL" in printed and "Calls per week" in printed
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == (date(2027, 3, 26) - date(2027, 1, 4)).days * 48 + 48
    assert rows[0]["interval_start"] == "2027-01-04 00:00"
    # the forecast is a valid input for `civiccx staffing plan`
    plan = tmp_path / "plan.csv"
    assert main(["plan", str(out), "--model", "erlang-a", "--patience-seconds", "600",
                 "--out", str(plan)]) == 0


def test_hire_prints_the_classes_and_budget_tradeoff(history_file, tmp_path, capsys):
    out = tmp_path / "weeks.csv"
    code = main(["hire", str(history_file), *SEASON, "--hiring-from", "2026-10-05",
                 "--current-staff", "10", "--training-weeks", "4", "--out", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "Hire " in printed and "level of service" in printed
    assert "What a smaller budget buys" in printed
    weeks = list(csv.DictReader(out.open()))
    assert weeks[0]["week_of"] == "2026-10-05"
    assert sum(int(w["hires"]) for w in weeks) > 0
    assert all(float(w["short_fte"]) == 0 for w in weeks)


def test_schedule_writes_rosters_and_simulates_the_week(history_file, tmp_path, capsys):
    rosters = tmp_path / "rosters.csv"
    code = main(["schedule", str(history_file), *SEASON, "--current-staff", "10",
                 "--replications", "2", "--rosters", str(rosters), "--time-limit", "20"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "The scheduled week, simulated" in printed and "Erlang A" in printed
    rows = list(csv.DictReader(rosters.open()))
    assert set(rows[0]) == {"csr", "shift_type", "day", "start", "end", "lunch", "breaks"}
    assert {r["day"] for r in rows} <= {"Mon", "Tue", "Wed", "Thu", "Fri"}


@pytest.mark.parametrize("args,message", [
    (["forecast", "nope.csv", *SEASON], "history file not found: nope.csv"),
    (["forecast", "{history}", "--first-day", "2027-01-04", "--last-day", "2026-12-01"],
     "the last day is before the first"),
    (["hire", "{history}", *SEASON, "--attrition", "2"], "attrition"),
    (["hire", "{history}", *SEASON, "--hiring-from", "2027-02-01"],
     "--hiring-from must be on or before --first-day"),
    (["schedule", "{history}", *SEASON, "--solver", "gurobi"], "solver: choose highs or cp-sat"),
])
def test_bad_input_exits_2_with_a_reason(history_file, capsys, args, message):
    args = [a.replace("{history}", str(history_file)) for a in args]
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_a_bad_date_is_named(capsys):
    assert main(["forecast", "x.csv", "--first-day", "January", "--last-day", "2027-03-01"]) == 2
    assert "'January' is not a date like 2027-01-04" in capsys.readouterr().err


@pytest.mark.parametrize("month", range(1, 13))
def test_the_default_season_can_be_planned_on_every_day_of_the_year(month):
    """Issue #19: from January to April the default was the season already running, which
    cannot be forecast from a history that runs to yesterday. Now it is the rest of that
    season from next Monday (in its last two weeks, next year's), and it forecasts."""
    from datetime import timedelta

    from civiccx.staffing.planning.forecasting import ForecastSettings, season_forecast
    from civiccx.staffing.planning.season import next_season

    day = date(2027, month, 1)
    while day.month == month:
        season = next_season(day)
        first, last = season["first_day"], season["last_day"]
        assert day < first and last - first >= timedelta(weeks=2), day
        assert (last.month, last.day) == (4, 30) and first.year == last.year, day
        assert season["hiring_from"] <= day < season["hiring_from"] + timedelta(weeks=1), day
        assert first.weekday() == 0, day
        day += timedelta(days=1)
    running = next_season(date(2027, 2, 17))  # a Wednesday of the season
    assert (running["first_day"], running["last_day"]) == (date(2027, 2, 22), date(2027, 4, 30))
    assert next_season(date(2027, 4, 20))["first_day"] == date(2028, 1, 3)  # too little left
    assert next_season(date(2026, 12, 1))["first_day"] == date(2027, 1, 4)
    assert next_season(date(2028, 2, 29))["first_day"] == date(2028, 3, 6)

    today = date(2027, month, 15)
    history = filing_season_history(today - timedelta(days=400), today - timedelta(days=1),
                                    quiet_daily_calls=300, seed=month)
    season = next_season(today)
    forecast = season_forecast(history, ForecastSettings(season["first_day"],
                                                         season["last_day"], holdout_weeks=0))
    assert forecast.first_day == season["first_day"] and forecast.daily.sum() > 0


def test_forecast_without_dates_plans_the_season_the_page_would(tmp_path, capsys):
    """In the middle of a season, the rest of it; before one, all of it."""
    history = filing_season_history(date(2025, 10, 1), date(2027, 2, 16),
                                    quiet_daily_calls=300, seed=3)
    path = tmp_path / "history.csv"
    path.write_text(history_csv_text(history))
    assert main(["forecast", str(path), "--holdout-weeks", "1"]) == 0
    assert "Forecast 2027-02-22 to 2027-04-30" in capsys.readouterr().out
