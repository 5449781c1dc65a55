"""`civiccx staffing forecast|hire|schedule`: the season planner from the command line.

Each reads a season history (a CSV of interval_start, calls_offered, aht_seconds — or, with
``--queue``, the calls a phone queue recorded in the database), forecasts the season and goes
as far as its name says; ``schedule`` also replays the scheduled week through the simulator.
The numbers are the planner page's: both call ``planning.season.build_season_plan``.
"""

from __future__ import annotations

import argparse
import csv
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from civiccx.staffing.planning.forecasting import (
    ForecastSettings,
    HistoryError,
    read_history_csv,
    season_forecast,
)
from civiccx.staffing.planning.hiring import HiringError, HiringSettings
from civiccx.staffing.planning.scheduling import (
    SOLVERS,
    ScheduleError,
    ScheduleRules,
)
from civiccx.staffing.planning.season import (
    STAGES,
    SeasonSettings,
    build_season_plan,
    next_season,
)

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PLANNING_ERRORS = (HistoryError, HiringError, ScheduleError)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2027-01-04") from None


def _shares(text: str) -> tuple[float, ...]:
    try:
        return tuple(float(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list like 0.5,0.75,0.9") from None


def add_parsers(commands) -> None:
    forecast = commands.add_parser("forecast", help="season forecast per half-hour, with a "
                                   "backtest against seasonal-naive")
    _season_arguments(forecast)
    forecast.add_argument("--out", type=Path, help="write the forecast as CSV here")

    hire = commands.add_parser("hire", help="weekly need, hiring classes and the budget trade-off")
    _season_arguments(hire)
    _service_arguments(hire)
    _hiring_arguments(hire)
    hire.add_argument("--out", type=Path, help="write the weekly plan as CSV here")

    schedule = commands.add_parser("schedule", help="shifts and rosters for a week, checked by "
                                   "simulation")
    _season_arguments(schedule)
    _service_arguments(schedule)
    _hiring_arguments(schedule)
    schedule.add_argument("--week-of", type=_date, help="Monday of the week to schedule "
                          "(default: the busiest week)")
    schedule.add_argument("--solver", default="highs", help=" or ".join(SOLVERS))
    schedule.add_argument("--max-days-in-row", type=int, default=5)
    schedule.add_argument("--min-rest-hours", type=float, default=11.0)
    schedule.add_argument("--start-band-minutes", type=int, default=0,
                          help="how far a CSR's start may move day to day")
    schedule.add_argument("--max-headcount", type=int, help="CSRs available (default: enough)")
    schedule.add_argument("--time-limit", type=float, default=60.0, help="solver seconds")
    schedule.add_argument("--replications", type=int, default=5, help="simulated weeks")
    schedule.add_argument("--no-simulate", action="store_true")
    schedule.add_argument("--rosters", type=Path, help="write one row per CSR and day as CSV")


def _season_arguments(parser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("history", nargs="?", type=Path,
                        help="CSV with interval_start, calls_offered, aht_seconds")
    source.add_argument("--queue", help="a phone queue's slug: use the calls it recorded")
    parser.add_argument("--first-day", type=_date, help="the season's first day (default: the "
                        "planner page's, as of the day after the history ends)")
    parser.add_argument("--last-day", type=_date, help="the season's last day (default: as "
                        "--first-day)")
    parser.add_argument("--holdout-weeks", type=int, default=2)
    parser.add_argument("--growth", type=float, default=1.0,
                        help="with under two years of history: next season = last × growth")


def _service_arguments(parser) -> None:
    parser.add_argument("--target-sl", type=float, default=0.8)
    parser.add_argument("--target-seconds", type=float, default=300.0)
    parser.add_argument("--patience-seconds", type=float, default=720.0)
    parser.add_argument("--shrinkage", type=float, default=0.15,
                        help="share of shift time off the phones (breaks, coaching)")
    parser.add_argument("--absence", type=float, default=0.12,
                        help="share of paid time away (leave, sick, training days)")
    parser.add_argument("--max-occupancy", type=float, default=0.9)
    parser.add_argument("--level-of-service-goal", type=float,
                        help="also find the cheapest plan answering this share of calls")


def _hiring_arguments(parser) -> None:
    parser.add_argument("--hiring-from", type=_date, help="first week a class may start "
                        "(default: 16 weeks before the season)")
    parser.add_argument("--current-staff", type=float, default=0.0)
    parser.add_argument("--training-weeks", type=int, default=6)
    parser.add_argument("--ramp-up", type=_shares, default=(0.5, 0.75, 0.9))
    parser.add_argument("--attrition", type=float, default=0.03, help="share leaving per month")
    parser.add_argument("--weekly-cost", type=float, default=1150.0)
    parser.add_argument("--hire-cost", type=float, default=4000.0)
    parser.add_argument("--max-class-size", type=int)


def run(args: argparse.Namespace, out: Console, err: Console) -> int:
    history = _history(args)
    _default_season(args, history.last_day + timedelta(days=1))
    settings = _settings(args)
    with Progress(TextColumn("{task.description:<12}"), BarColumn(),
                  TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
        stages = [s for s in STAGES if s in _stages_for(args)]
        task = progress.add_task("starting", total=len(stages))

        def advance(stage: str) -> None:
            if stage in stages:
                progress.update(task, description=stage, completed=stages.index(stage))

        if args.command == "forecast":
            forecast = season_forecast(history, ForecastSettings(
                settings.first_day, settings.last_day, holdout_weeks=settings.holdout_weeks,
                growth=settings.growth), progress=advance)
        else:
            season = build_season_plan(history, settings, progress=advance)
            forecast = season.forecast
        progress.update(task, completed=len(stages))
    _print_forecast(forecast, out)
    if args.command == "forecast":
        if args.out:
            _write_rows(args.out, forecast.rows())
            out.print(f"forecast written to {args.out}")
        return 0
    _print_hiring(season, out)
    if args.command == "hire":
        if args.out:
            _write_rows(args.out, _weekly_rows(season))
            out.print(f"weekly plan written to {args.out}")
        return 0
    _print_schedule(season, args, out)
    return 0


def _stages_for(args) -> set[str]:
    stages = {"backtest", "forecast"}
    if args.command in ("hire", "schedule"):
        stages |= {"plan", "hire", "budgets"}
    if args.command == "schedule":
        stages |= {"schedule"} | (set() if args.no_simulate else {"simulate"})
    return stages


def _history(args):
    if args.queue:  # the recorded calls are in the database: set Django up first
        import os

        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civiccx.settings.development")
        django.setup()
        from civiccx.staffing.history import recorded_history

        return recorded_history(f"phone.{args.queue}")
    if not args.history.is_file():
        raise HistoryError(f"history file not found: {args.history}")
    return read_history_csv(args.history)


def _default_season(args, today: date) -> None:
    """Without --first-day and --last-day, the season the planner page offers on ``today``
    (the day after the history ends): the coming season, or the rest of a running one; and
    then hiring from that week unless --hiring-from says otherwise."""
    if args.first_day and args.last_day:
        return
    season = next_season(today)
    if not args.first_day and not args.last_day and getattr(args, "hiring_from", 0) is None:
        args.hiring_from = season["hiring_from"]
    args.first_day = args.first_day or season["first_day"]
    args.last_day = args.last_day or season["last_day"]


def _settings(args) -> SeasonSettings:
    command = args.command
    hiring = HiringSettings()
    rules = ScheduleRules()
    if command in ("hire", "schedule"):
        hiring = HiringSettings(
            current_staff=args.current_staff, training_weeks=args.training_weeks,
            ramp_up=args.ramp_up, monthly_attrition=args.attrition,
            weekly_cost=args.weekly_cost, hire_cost=args.hire_cost,
            max_class_size=args.max_class_size)
    if command == "schedule":
        rules = ScheduleRules(max_days_in_row=args.max_days_in_row,
                              min_rest_hours=args.min_rest_hours,
                              start_band_minutes=args.start_band_minutes,
                              max_headcount=args.max_headcount,
                              time_limit_seconds=args.time_limit, solver=args.solver)
    service = {}
    if command in ("hire", "schedule"):
        for name in ("target_sl", "shrinkage", "absence", "max_occupancy"):
            value = getattr(args, name)
            if not 0 <= value < 1 or (name == "max_occupancy" and value == 0):
                raise HiringError(f"--{name.replace('_', '-')} must be a share between 0 and 1")
        service = {"target_service_level": args.target_sl,
                   "target_seconds": args.target_seconds,
                   "patience_seconds": args.patience_seconds,
                   "in_shift_shrinkage": args.shrinkage, "absence": args.absence,
                   "max_occupancy": args.max_occupancy,
                   "level_of_service_goal": args.level_of_service_goal}
        if args.level_of_service_goal is not None and not 0 < args.level_of_service_goal < 1:
            raise HiringError("--level-of-service-goal must be a share between 0 and 1")
    hiring_from = getattr(args, "hiring_from", None) or args.first_day - timedelta(weeks=16)
    if hiring_from > args.first_day:
        raise HiringError("--hiring-from must be on or before --first-day")
    return SeasonSettings(
        first_day=args.first_day, last_day=args.last_day, hiring_from=hiring_from,
        hiring=hiring, rules=rules, growth=args.growth, holdout_weeks=args.holdout_weeks,
        replications=getattr(args, "replications", 5), schedule=command == "schedule",
        simulate=command == "schedule" and not args.no_simulate,
        schedule_week=getattr(args, "week_of", None), **service)


def _print_forecast(forecast, out: Console) -> None:
    out.print(f"[bold]Forecast[/] {forecast.first_day} to {forecast.dates()[-1]}: "
              f"{forecast.daily.sum():,.0f} calls; method: {forecast.method} "
              f"({forecast.seconds:.1f} s, backtest included)")
    accuracy = forecast.accuracy
    if accuracy:
        table = Table(title=f"Accuracy on the last {accuracy.holdout_days // 7} weeks held back "
                            "(MASE: lower is better)")
        table.add_column("forecast")
        table.add_column("MASE", justify="right")
        table.add_row("this forecast", f"{accuracy.mase:.3f}")
        table.add_row("seasonal naive (same half-hour last week)", f"{accuracy.naive_mase:.3f}")
        out.print(table)
        coverage = ", ".join(f"{level}%: {share:.0%}" for level, share
                             in sorted(accuracy.coverage.items()))
        out.print(f"half-hours inside the prediction intervals — {coverage}")
    weeks = Table(title="Calls per week (80% interval)")
    for header in ("week of", "calls", "low", "high"):
        weeks.add_column(header, justify="left" if header == "week of" else "right")
    dates = forecast.dates()
    for start in range(0, len(dates), 7):
        block = slice(start, start + 7)
        weeks.add_row(dates[start].isoformat(), f"{forecast.daily[block].sum():,.0f}",
                      f"{forecast.daily_lower[80][block].sum():,.0f}",
                      f"{forecast.daily_upper[80][block].sum():,.0f}")
    out.print(weeks)


def _print_hiring(season, out: Console) -> None:
    head = season.headline()
    if head["hires"]:
        out.print(f"[bold]Hire {head['hires']:,} CSRs[/] in classes starting "
                  f"{head['first_class']:%B %-d} to {head['last_class']:%B %-d, %Y} to reach "
                  f"a {head['level_of_service']:.0%} level of service in "
                  f"{head['peak_month']:%B %Y}; cost ${head['cost']:,.0f}.")
        if head["goal"]:
            out.print(f"That is the cheapest plan answering {head['goal']:.0%} of the season's "
                      f"calls; meeting the service goal in every half-hour takes "
                      f"{head['full_hires']:,} hires and ${head['full_cost']:,.0f}.")
    else:
        out.print(f"[bold]No hiring needed[/]: {head['level_of_service']:.0%} level of service "
                  f"in {head['peak_month']:%B %Y}; cost ${head['cost']:,.0f}.")
    classes = Table(title="Hiring classes")
    for header in ("class starts", "hires", "takes calls from"):
        classes.add_column(header)
    for row in season.chosen.classes(season.settings.first_week):
        classes.add_row(row["starts"].isoformat(), f"{row['hires']:,}",
                        row["on_phones"].isoformat())
    out.print(classes)
    weekly = Table(title="Full-time equivalents per week")
    for header in ("week of", "needed", "productive", "on payroll", "short"):
        weekly.add_column(header, justify="left" if header == "week of" else "right")
    for row in _weekly_rows(season):
        if row["needed_fte"] or row["hires"]:
            weekly.add_row(row["week_of"], f"{row['needed_fte']:,.0f}",
                           f"{row['productive_fte']:,.0f}", f"{row['on_payroll']:,.0f}",
                           f"{row['short_fte']:,.0f}")
    out.print(weekly)
    budgets = Table(title="What a smaller budget buys (Erlang A over the season)")
    for header in ("budget", "hires", "level of service", "service level"):
        budgets.add_column(header, justify="right")
    for point in season.budgets:
        budgets.add_row(f"${point.budget:,.0f}", f"{point.hires:,}",
                        f"{point.level_of_service:.1%}", f"{point.service_level:.1%}")
    out.print(budgets)


def _weekly_rows(season) -> list[dict]:
    plan = season.chosen
    return [{"week_of": season.week_start(w).isoformat(), "needed_fte": float(plan.need[w]),
             "hires": int(plan.hires[w]), "productive_fte": float(plan.productive[w]),
             "on_payroll": float(plan.paid[w]), "short_fte": float(plan.shortfall[w])}
            for w in range(plan.need.size)]


def _print_schedule(season, args, out: Console) -> None:
    schedule = season.schedule
    under, over = schedule.gap_person_hours()
    out.print(f"[bold]Week of {season.scheduled_week_start}[/]: {schedule.headcount:,} CSRs on "
              f"{len(schedule.tours)} shift patterns; {schedule.status} in "
              f"{schedule.seconds:.1f} s ({schedule.solver}); short {under:,.1f} and over "
              f"{over:,.1f} person-hours")
    short = schedule.short_intervals()
    if short:
        out.print(f"[yellow]{len(short)} half-hours short[/] — first: " + ", ".join(
            f"{DAY_NAMES[d]} {s // 2:02d}:{30 * (s % 2):02d} ({m})" for d, s, m in short[:8]))
    kinds = Table(title="Shift patterns")
    for header in ("shift", "starts", "days", "CSRs"):
        kinds.add_column(header)
    for tour, count in sorted(schedule.tours, key=lambda tc: -tc[1])[:20]:
        start = tour.start_slot * schedule.rules.interval_minutes
        kinds.add_row(tour.shift_type.name, f"{start // 60:02d}:{start % 60:02d}",
                      " ".join(DAY_NAMES[d] for d in tour.days), f"{count:,}")
    out.print(kinds)
    if season.check:
        _print_check(season.check, out)
    if args.rosters:
        _write_rows(args.rosters, roster_rows(schedule))
        out.print(f"rosters written to {args.rosters}")


def _print_check(check, out: Console) -> None:
    table = Table(title=f"The scheduled week, simulated ({check.replications} replications; "
                        "ranges are 95% confidence)")
    table.add_column("")
    table.add_column("simulated", justify="right")
    table.add_column("Erlang A", justify="right")
    sim, erlang = check.simulated, check.erlang
    table.add_row("level of service (answered)", f"{sim.level_of_service:.1%}",
                  f"{erlang.level_of_service:.1%}")
    table.add_row("service level", f"{sim.service_level:.1%} ({sim.service_level_low:.1%}–"
                  f"{sim.service_level_high:.1%})", f"{erlang.service_level:.1%}")
    table.add_row("abandoned", f"{sim.abandonment:.1%}", f"{erlang.abandonment:.1%}")
    table.add_row("average wait (s)", f"{sim.asa_seconds:,.0f} ({sim.asa_low:,.0f}–"
                  f"{sim.asa_high:,.0f})", f"{erlang.asa_seconds:,.0f}")
    table.add_row("90% answered within (s), worst day", f"{sim.wait_p90_seconds:,.0f}", "—")
    out.print(table)


def roster_rows(schedule) -> list[dict]:
    rows = []
    for roster in schedule.rosters:
        for shift in roster.shifts:
            rows.append({
                "csr": roster.csr, "shift_type": roster.shift_type, "day": DAY_NAMES[shift.day],
                "start": _clock(shift.start_minute), "end": _clock(shift.end_minute),
                "lunch": _clock(shift.lunch_start_minute) if shift.lunch_start_minute is not None
                else "",
                "breaks": " ".join(_clock(b) for b in shift.break_start_minutes)})
    return rows


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _write_rows(path: Path, rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        if not rows:
            return
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: f"{v:.6g}" if isinstance(v, float) else v
                             for k, v in row.items()})
