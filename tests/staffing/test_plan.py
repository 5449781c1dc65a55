import io

import numpy as np
import pytest

from civiccx.core.spreadsheets import write_csv
from civiccx.staffing.queueing import erlang_a, erlang_c
from civiccx.staffing.queueing.plan import (
    PLAN_COLUMNS,
    Forecast,
    ForecastError,
    PlanSettings,
    plan_csv_rows,
    read_forecast_csv,
    read_plan_csv,
    staffing_plan,
)

pytestmark = pytest.mark.pure

FORECAST_CSV = """interval_start,calls_offered,aht_seconds
2024-02-05T07:00,120,420
2024-02-05T07:30,0,400
2024-02-05T08:00,950,380
"""


def forecast():
    return read_forecast_csv(io.StringIO(FORECAST_CSV))


def test_reads_a_forecast():
    f = forecast()
    assert f.interval_start[0] == "2024-02-05T07:00"
    assert f.calls_offered.tolist() == [120, 0, 950]
    assert f.aht_seconds.tolist() == [420, 400, 380]


def test_erlang_c_plan_rows():
    plan = staffing_plan(forecast(), PlanSettings(shrinkage=0.3, max_occupancy=0.85))
    rows = plan.rows()
    load = 120 * 420 / 1800
    assert rows[0]["load_erlangs"] == pytest.approx(load)
    assert rows[0]["required_agents"] == erlang_c.required_agents(
        load, 420, target_service_level=0.8, target_time=60, max_occupancy=0.85
    )
    assert rows[0]["scheduled_agents"] == erlang_c.scheduled_agents(rows[0]["required_agents"], 0.3)
    assert rows[0]["service_level"] >= 0.8 and rows[0]["occupancy"] <= 0.85
    assert np.isnan(rows[0]["abandon_rate"])
    assert rows[1]["required_agents"] == 0 and rows[1]["service_level"] == 1.0
    assert plan.scheduled_agent_hours() == pytest.approx(
        sum(r["scheduled_agents"] for r in rows) / 2
    )


def test_erlang_a_plan_reports_abandonment():
    settings = PlanSettings(model="erlang-a", patience_seconds=240, max_occupancy=1.0)
    rows = staffing_plan(forecast(), settings).rows()
    rate = 120 / 1800
    assert rows[0]["required_agents"] == erlang_a.required_agents(rate, 420, 240)
    expected = erlang_a.erlang_a(rows[0]["required_agents"], rate, 420, 240, 60)
    assert rows[0]["abandon_rate"] == pytest.approx(float(expected.abandon_probability))


def test_plan_csv_round_trip(tmp_path):
    plan = staffing_plan(forecast(), PlanSettings())
    path = tmp_path / "plan.csv"
    write_csv(path, PLAN_COLUMNS, plan_csv_rows(plan))
    header, first = path.read_text().splitlines()[:2]
    assert header.split(",") == list(PLAN_COLUMNS)
    assert first.startswith("2024-02-05T07:00,120,420,28,")
    assert first.endswith(",")  # no abandonment under Erlang C
    back, required = read_plan_csv(path)
    assert back.interval_start == plan.forecast.interval_start
    assert required.tolist() == plan.columns["required_agents"].tolist()


def test_a_plan_file_cannot_run_an_uploaded_label_as_a_formula(tmp_path):
    labels = "interval_start,calls_offered,aht_seconds\n=HYPERLINK(\"x\"),120,420\n"
    plan = staffing_plan(read_forecast_csv(io.StringIO(labels)), PlanSettings())
    path = tmp_path / "plan.csv"
    write_csv(path, PLAN_COLUMNS, plan_csv_rows(plan))
    assert path.read_text().splitlines()[1].startswith("\"'=HYPERLINK(\"\"x\"\")\",120,")


def test_a_thousand_intervals_in_one_pass():
    rng = np.random.default_rng(0)
    f = Forecast(
        [str(i) for i in range(1000)],
        rng.uniform(0, 3000, 1000).round(),
        rng.uniform(200, 900, 1000),
    )
    plan = staffing_plan(f, PlanSettings())
    assert plan.columns["required_agents"].shape == (1000,)
    assert np.all(plan.columns["service_level"] >= 0.8)


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "empty"),
        ("interval_start,calls\n08:00,3\n", "missing columns: calls_offered, aht_seconds"),
        ("interval_start,calls_offered,aht_seconds\n", "no rows"),
        (
            "interval_start,calls_offered,aht_seconds\n08:00,12,300\n08:30,twelve,300\n",
            "line 3: calls_offered is 'twelve', not a number",
        ),
        ("interval_start,calls_offered,aht_seconds\n08:00,-4,300\n", "line 2: calls_offered must"),
        (
            "interval_start,calls_offered,aht_seconds\n08:00,4,0\n",
            "line 2: aht_seconds must be > 0",
        ),
        ("interval_start,calls_offered,aht_seconds\n08:00,4,\n", "line 2: aht_seconds is an empty"),
        ("interval_start,calls_offered,aht_seconds\n,4,300\n", "line 2: interval_start is empty"),
        ("interval_start,calls_offered,aht_seconds\n08:00,inf,300\n", "line 2: calls_offered must"),
    ],
)
def test_bad_forecasts_name_the_line_and_field(text, message):
    with pytest.raises(ForecastError, match=message):
        read_forecast_csv(io.StringIO(text))


def test_header_names_are_forgiving_about_case_and_spaces():
    text = " Interval_Start , CALLS_OFFERED ,aht_seconds\n08:00,3,300\n"
    assert read_forecast_csv(io.StringIO(text)).calls_offered.tolist() == [3]


@pytest.mark.parametrize(
    "settings,message",
    [
        ({"model": "erlang-b"}, "unknown model 'erlang-b'"),
        ({"model": "erlang-a"}, "patience"),
        ({"shrinkage": 1.0}, "shrinkage"),
        ({"target_service_level": 1.2}, "target-sl"),
        ({"max_occupancy": 0}, "max-occupancy"),
    ],
)
def test_bad_settings_are_refused(settings, message):
    with pytest.raises(ForecastError, match=message):
        PlanSettings(**settings)
