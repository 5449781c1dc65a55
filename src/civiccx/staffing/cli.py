"""`civiccx staffing`: staffing plans, callback simulation and the season planner.

``plan`` reads a forecast CSV and writes the per-interval plan (through
``core.spreadsheets``, safe to open in a spreadsheet); ``simulate`` runs the contact-center
simulator with and without the callback option and prints both side by side; ``forecast``,
``hire`` and ``schedule`` plan a season from its history (see ``season_cli``). Pure command line
(no Django is loaded) unless ``--queue`` reads a phone queue's recorded calls. Bad input gets a
message naming the line/field on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from civiccx.charts import PALETTE
from civiccx.core.spreadsheets import write_csv
from civiccx.staffing import season_cli
from civiccx.staffing.plan_charts import ENGLISH_PLAN, callback_comparison_chart, plan_chart
from civiccx.staffing.queueing.plan import (
    MODELS,
    PLAN_COLUMNS,
    ForecastError,
    PlanSettings,
    plan_csv_rows,
    read_forecast_csv,
    read_plan_csv,
    staffing_plan,
)
from civiccx.staffing.queueing.simulator import (
    CallbackPolicy,
    Scenario,
    compare_callback,
    compile_kernel,
)

USAGE_ERROR = 2
TABLE_ROW_LIMIT = 96


class InputError(Exception):
    """Bad input from the command line; shown on stderr, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="civiccx staffing",
        description="Staffing plans (Erlang C / Erlang A) and callback simulation.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    plan = commands.add_parser("plan", help="per-interval staffing plan from a forecast CSV")
    plan.add_argument(
        "forecast", type=Path, help="CSV with interval_start, calls_offered, aht_seconds"
    )
    plan.add_argument("--target-sl", type=float, default=0.8, help="service level, e.g. 0.8")
    plan.add_argument("--target-seconds", type=float, default=60.0, help="answer within (s)")
    plan.add_argument("--max-asa", type=float, default=None, help="ASA target (s), optional")
    plan.add_argument("--shrinkage", type=float, default=0.3, help="share of paid time off phones")
    plan.add_argument("--max-occupancy", type=float, default=0.85)
    plan.add_argument("--model", default="erlang-c", help=" or ".join(MODELS))
    plan.add_argument("--patience-seconds", type=float, default=None, help="Erlang A mean patience")
    plan.add_argument("--interval-minutes", type=float, default=30.0)
    plan.add_argument("--out", type=Path, help="write the plan as CSV here")
    plan.add_argument("--chart", type=Path, help="write a chart (.svg; .png needs matplotlib)")

    sim = commands.add_parser("simulate", help="simulate a day or season, with/without callback")
    size = sim.add_mutually_exclusive_group()
    size.add_argument("--calls", type=int, help="stationary run of N calls (split in replications)")
    size.add_argument("--days", type=int, help="D independent days of --hours each")
    sim.add_argument(
        "--plan",
        type=Path,
        help="replay a plan CSV (from `plan --out`): its calls, AHT and required agents per "
        "interval replace --agents, --arrival-rate, --aht and --hours",
    )
    sim.add_argument("--interval-minutes", type=float, default=30.0, help="with --plan")
    sim.add_argument("--hours", type=float, default=12.0, help="length of a day on the phones")
    sim.add_argument("--replications", type=int, default=10, help="with --calls")
    sim.add_argument("--agents", type=int, default=200)
    sim.add_argument("--arrival-rate", type=float, default=22.0, help="calls per minute")
    sim.add_argument("--aht", type=float, default=600.0, help="average handle time (s)")
    sim.add_argument("--handle-cv", type=float, default=None, help="lognormal handle times' CV")
    sim.add_argument("--patience", type=float, default=1200.0, help="mean patience (s); 0 = none")
    sim.add_argument("--target-seconds", type=float, default=60.0)
    sim.add_argument("--callback-threshold", type=float, default=120.0, help="predicted wait (s)")
    sim.add_argument(
        "--callback-max-wait", type=float, default=0.0, help="no offer above this (s); 0 = none"
    )
    sim.add_argument("--callback-acceptance", type=float, default=1.0)
    sim.add_argument("--initial-delay", type=float, default=0.0, help="before first attempt (s)")
    sim.add_argument("--dial-seconds", type=float, default=30.0)
    sim.add_argument("--answer-probability", type=float, default=0.9)
    sim.add_argument("--max-attempts", type=int, default=3)
    sim.add_argument("--retry-delay", type=float, default=600.0)
    sim.add_argument("--seed", type=int, default=0)
    sim.add_argument("--chart", type=Path, help="write an SVG comparison chart")
    season_cli.add_parsers(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    err = Console(stderr=True)
    try:
        if args.command == "plan":
            return run_plan(args, Console(), err)
        if args.command == "simulate":
            return run_simulate(args, Console(), err)
        return season_cli.run(args, Console(), err)
    except (InputError, ForecastError, ValueError) as problem:
        err.print(f"[bold red]error:[/] {problem}", highlight=False)
        return USAGE_ERROR
    except OSError as problem:
        err.print(f"[bold red]error:[/] {problem.strerror or problem}: {problem.filename}")
        return USAGE_ERROR


def run_plan(args: argparse.Namespace, out: Console, err: Console) -> int:
    if args.chart and args.chart.suffix.lower() not in (".svg", ".png"):
        raise InputError("--chart: use a file name ending in .svg or .png")
    settings = PlanSettings(
        target_service_level=args.target_sl,
        target_seconds=args.target_seconds,
        shrinkage=args.shrinkage,
        max_occupancy=args.max_occupancy,
        max_asa_seconds=args.max_asa,
        model=args.model,
        patience_seconds=args.patience_seconds,
        interval_seconds=args.interval_minutes * 60.0,
    )
    if not args.forecast.is_file():
        raise InputError(f"forecast file not found: {args.forecast}")
    plan = staffing_plan(read_forecast_csv(args.forecast), settings)
    rows = plan.rows()
    if args.out:
        write_csv(args.out, PLAN_COLUMNS, plan_csv_rows(plan))
    if len(rows) <= TABLE_ROW_LIMIT or not args.out:
        out.print(_plan_table(rows, settings))
    required = plan.columns["required_agents"]
    out.print(
        f"{len(rows)} intervals · peak {int(required.max())} agents on the phones · "
        f"{plan.scheduled_agent_hours():,.1f} scheduled agent-hours ({settings.model})"
    )
    if args.out:
        out.print(f"plan written to {args.out}")
    if args.chart:
        _write_plan_chart(plan, args.chart)
        out.print(f"chart written to {args.chart}")
    return 0


def _plan_table(rows: list[dict], settings: PlanSettings) -> Table:
    table = Table(title=f"Staffing plan ({settings.model})")
    headers = ("interval", "calls", "AHT s", "required", "scheduled", "SL", "ASA s", "occupancy")
    for header in headers:
        table.add_column(header, justify="left" if header == "interval" else "right")
    if settings.model == "erlang-a":
        table.add_column("abandon", justify="right")
    for r in rows:
        cells = [
            str(r["interval_start"]),
            f"{r['calls_offered']:g}",
            f"{r['aht_seconds']:g}",
            str(r["required_agents"]),
            str(r["scheduled_agents"]),
            f"{r['service_level']:.1%}",
            f"{r['asa_seconds']:.1f}",
            f"{r['occupancy']:.1%}",
        ]
        if settings.model == "erlang-a":
            cells.append(f"{r['abandon_rate']:.1%}")
        table.add_row(*cells)
    return table


def _write_plan_chart(plan, path: Path) -> None:
    labels = plan.forecast.interval_start
    required = plan.columns["required_agents"].tolist()
    scheduled = plan.columns["scheduled_agents"].tolist()
    if path.suffix.lower() == ".svg":
        words = replace(ENGLISH_PLAN, title=f"Staffing plan ({plan.settings.model})")
        path.write_text(plan_chart(plan, words).document())
        return
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot
    except ImportError:
        raise InputError(
            "--chart: PNG charts need matplotlib (pip install matplotlib); use .svg instead"
        ) from None
    figure, axes = pyplot.subplots(figsize=(10, 4))
    axes.bar(range(len(labels)), scheduled, color=PALETTE[0], alpha=0.3, label="scheduled")
    axes.bar(range(len(labels)), required, color=PALETTE[1], label="required")
    axes.set_ylabel("agents")
    axes.legend()
    figure.savefig(path, dpi=120, bbox_inches="tight")
    pyplot.close(figure)


def _scenario(args: argparse.Namespace) -> tuple[Scenario, CallbackPolicy, int]:
    positive = {
        "--agents": args.agents,
        "--arrival-rate": args.arrival_rate,
        "--aht": args.aht,
        "--hours": args.hours,
    }
    for flag, value in positive.items():
        if not value > 0:
            raise InputError(f"{flag} must be > 0, got {value:g}")
    non_negative = {
        "--patience": args.patience,
        "--target-seconds": args.target_seconds,
        "--callback-threshold": args.callback_threshold,
        "--initial-delay": args.initial_delay,
        "--dial-seconds": args.dial_seconds,
        "--retry-delay": args.retry_delay,
        "--callback-max-wait": args.callback_max_wait,
    }
    for flag, value in non_negative.items():
        if not value >= 0:
            raise InputError(f"{flag} must be ≥ 0, got {value:g}")
    if args.handle_cv is not None and not args.handle_cv > 0:
        raise InputError(f"--handle-cv must be > 0, got {args.handle_cv:g}")
    for flag, value in {"--calls": args.calls, "--days": args.days}.items():
        if value is not None and value < 1:
            raise InputError(f"{flag} must be ≥ 1, got {value}")
    if args.replications < 1:
        raise InputError(f"--replications must be ≥ 1, got {args.replications}")
    if not 0 <= args.callback_acceptance <= 1:
        raise InputError("--callback-acceptance must be between 0 and 1")
    if not 0 < args.answer_probability <= 1:
        raise InputError("--answer-probability must be above 0 and at most 1")
    if args.max_attempts < 1:
        raise InputError("--max-attempts must be ≥ 1")
    if args.callback_max_wait and args.callback_max_wait <= args.callback_threshold:
        raise InputError("--callback-max-wait must exceed --callback-threshold (or be 0)")
    if args.chart and args.chart.suffix.lower() != ".svg":
        raise InputError("--chart: simulate writes SVG; use a file name ending in .svg")
    if args.plan is not None and args.calls is not None:
        raise InputError("--plan replays whole days: use --days with it, not --calls")
    if not args.interval_minutes > 0:
        raise InputError("--interval-minutes must be > 0")
    common = {
        "agents": args.agents,
        "arrival_rate": args.arrival_rate / 60.0,
        "aht_seconds": args.aht,
        "patience_seconds": args.patience if args.patience > 0 else math.inf,
        "handle_time_cv": args.handle_cv,
        "target_seconds": args.target_seconds,
    }
    if args.plan is not None:
        if not args.plan.is_file():
            raise InputError(f"plan file not found: {args.plan}")
        forecast, required = read_plan_csv(args.plan)
        interval = args.interval_minutes * 60.0
        common.update(
            agents=required,
            arrival_rate=forecast.calls_offered / interval,
            aht_seconds=forecast.aht_seconds,
        )
        scenario = Scenario(**common, interval_seconds=interval)
        replications = args.days or 10
    elif args.days is not None:
        scenario = Scenario(**common, hours=args.hours, interval_seconds=args.hours * 3600.0)
        replications = args.days
    else:
        calls = args.calls if args.calls is not None else 100_000
        replications = min(args.replications, calls)
        scenario = Scenario(**common, calls=max(1, calls // replications))
    policy = CallbackPolicy(
        threshold_seconds=args.callback_threshold,
        max_predicted_wait_seconds=args.callback_max_wait or math.inf,
        acceptance=args.callback_acceptance,
        initial_delay_seconds=args.initial_delay,
        dial_seconds=args.dial_seconds,
        answer_probability=args.answer_probability,
        max_attempts=args.max_attempts,
        retry_delay_seconds=args.retry_delay,
    )
    return scenario, policy, replications


ROWS = (
    ("offered", "calls offered", "{:,.0f}"),
    ("answered_rate", "answered", "{:.1%}"),
    ("abandonment_rate", "abandoned", "{:.1%}"),
    ("service_level", "service level (held calls)", "{:.1%}"),
    ("asa_seconds", "ASA on hold (s)", "{:,.1f}"),
    ("hold_hours", "hours on hold", "{:,.1f}"),
    ("hold_hours_saved", "hold hours saved", "{:,.1f}"),
    ("callbacks_requested", "callbacks requested", "{:,.0f}"),
    ("callbacks_completed", "callbacks completed", "{:,.0f}"),
    ("callbacks_failed", "callbacks not reached", "{:,.0f}"),
    ("callback_delay_seconds", "time to callback (s)", "{:,.1f}"),
    ("occupancy", "agent occupancy", "{:.1%}"),
)


def run_simulate(args: argparse.Namespace, out: Console, err: Console) -> int:
    scenario, policy, replications = _scenario(args)
    compile_seconds = compile_kernel()
    if compile_seconds > 0.5:
        err.print(f"[dim]compiled the simulator in {compile_seconds:.1f} s (cached next time)[/]")
    with Progress(
        TextColumn("simulating"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("replications", total=replications)
        without, with_ = compare_callback(
            scenario,
            policy,
            replications=replications,
            seed=args.seed,
            progress=lambda: progress.advance(task),
        )
    days = args.days is not None or args.plan is not None
    unit = f"{replications} days" if days else f"{replications} replications"
    table = Table(title=f"Callbacks compared ({unit}; ± is the 95% confidence half-width)")
    table.add_column("per replication")
    table.add_column("without callback", justify="right")
    table.add_column("with callback", justify="right")
    for metric, label, fmt in ROWS:
        table.add_row(
            label, _cell(without.estimate(metric), fmt), _cell(with_.estimate(metric), fmt)
        )
    out.print(table)
    if args.chart:
        names = ("answered_rate", "abandonment_rate", "service_level")
        labels = ["answered", "abandoned", "service level"]
        chart = callback_comparison_chart(
            labels,
            [(without.estimate(m).mean, without.estimate(m).half_width) for m in names],
            [(with_.estimate(m).mean, with_.estimate(m).half_width) for m in names],
        )
        args.chart.write_text(chart.document())
        out.print(f"chart written to {args.chart}")
    return 0


def _cell(estimate, fmt: str) -> str:
    if math.isnan(estimate.mean):
        return "—"
    text = fmt.format(estimate.mean)
    if math.isfinite(estimate.half_width) and estimate.half_width > 0:
        text += " ± " + fmt.format(estimate.half_width)
    return text


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
