import subprocess
import sys

import pytest

from civiccx.staffing.cli import main

pytestmark = pytest.mark.pure

FORECAST = "interval_start,calls_offered,aht_seconds\n07:00,820,640\n07:30,1400,610\n08:00,0,600\n"


@pytest.fixture
def forecast_file(tmp_path):
    path = tmp_path / "forecast.csv"
    path.write_text(FORECAST)
    return path


def test_plan_writes_csv_and_svg(forecast_file, tmp_path, capsys):
    out, chart = tmp_path / "plan.csv", tmp_path / "plan.svg"
    code = main(["plan", str(forecast_file), "--out", str(out), "--chart", str(chart)])
    assert code == 0
    assert out.read_text().startswith("interval_start,calls_offered,aht_seconds,load_erlangs")
    svg = chart.read_text()
    assert svg.startswith("<svg") and "required" in svg and svg.count("<rect") > 6
    assert "3 intervals" in capsys.readouterr().out


def test_plan_with_erlang_a(forecast_file, capsys):
    code = main(["plan", str(forecast_file), "--model", "erlang-a", "--patience-seconds", "300"])
    assert code == 0
    assert "erlang-a" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args,message",
    [
        (["--model", "erlang-b"], "unknown model 'erlang-b'"),
        (["--model", "erlang-a"], "patience"),
        (["--shrinkage", "-0.1"], "shrinkage"),
        (["--chart", "plan.gif"], ".svg or .png"),
    ],
)
def test_plan_bad_options_exit_2(forecast_file, capsys, args, message):
    assert main(["plan", str(forecast_file), *args]) == 2
    assert message in capsys.readouterr().err


def test_plan_bad_cells_exit_2_naming_the_row(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("interval_start,calls_offered,aht_seconds\n07:00,12,300\n07:30,n/a,300\n")
    assert main(["plan", str(path)]) == 2
    assert "line 3: calls_offered is 'n/a', not a number" in capsys.readouterr().err


def test_plan_missing_file_exit_2(tmp_path, capsys):
    assert main(["plan", str(tmp_path / "nope.csv")]) == 2
    assert "not found" in capsys.readouterr().err


def test_simulate_prints_the_comparison_and_chart(tmp_path, capsys):
    chart = tmp_path / "sim.svg"
    code = main(
        ["simulate", "--days", "3", "--hours", "2", "--agents", "40", "--arrival-rate", "4.6",
         "--aht", "600", "--patience", "900", "--callback-threshold", "60", "--chart", str(chart)]
    )  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "without callback" in out and "with callback" in out and "hold hours saved" in out
    assert "with callback" in chart.read_text()


def test_simulate_replays_a_plan(forecast_file, tmp_path, capsys):
    plan = tmp_path / "plan.csv"
    assert main(["plan", str(forecast_file), "--out", str(plan)]) == 0
    capsys.readouterr()
    assert main(["simulate", "--plan", str(plan), "--days", "2", "--patience", "600"]) == 0
    out = capsys.readouterr().out
    assert "2 days" in out and "calls offered" in out


def test_simulate_plan_problems_exit_2(forecast_file, tmp_path, capsys):
    assert main(["simulate", "--plan", str(forecast_file)]) == 2
    assert "missing column: required_agents" in capsys.readouterr().err
    assert main(["simulate", "--plan", str(forecast_file), "--calls", "100"]) == 2
    assert "not --calls" in capsys.readouterr().err


def test_simulate_stationary_calls(capsys):
    code = main(["simulate", "--calls", "2000", "--replications", "2", "--agents", "10",
                 "--arrival-rate", "0.9", "--aht", "600", "--patience", "0"])  # fmt: skip
    assert code == 0
    assert "1,000" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args,message",
    [
        (["--agents", "-3"], "--agents must be > 0"),
        (["--calls", "0"], "--calls must be ≥ 1"),
        (["--aht", "abc"], "invalid float value"),
        (["--calls", "10", "--days", "2"], "not allowed with"),
        (["--chart", "x.png"], "SVG"),
        (["--answer-probability", "0"], "--answer-probability"),
        (["--callback-max-wait", "60"], "--callback-max-wait must exceed"),
    ],
)
def test_simulate_bad_input_exit_2(capsys, args, message):
    assert main(["simulate", *args]) == 2
    assert message in capsys.readouterr().err


def test_unknown_command_exit_2(capsys):
    assert main(["rota"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_the_command_line_loads_no_django():
    """`civiccx staffing` starts fast: writing a plan file does not import Django."""
    code = ("import sys, civiccx.staffing.cli; "
            "print(any(m.startswith('django') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
