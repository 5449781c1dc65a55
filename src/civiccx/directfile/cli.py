"""`civiccx directfile season simulate|compute`: a filing season at IRS scale, on Parquet and
Dask, without the database (see `directfile.season_scale`).

    civiccx directfile season simulate --returns 71000000 --seed 1 OUT/
    civiccx directfile season compute OUT/ [--scheduler tcp://host:8786] [--json FILE]

On a cluster: start `dask scheduler` on one machine and `dask worker tcp://that:8786` on
each of the others, with OUT/ on storage every worker can read (a shared file system, or an
object store path the workers mount), then pass `--scheduler tcp://that:8786`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="civiccx directfile")
    top = ap.add_subparsers(dest="group", required=True)
    season = top.add_parser("season", help="a filing season on Parquet").add_subparsers(
        dest="command", required=True)
    sim = season.add_parser("simulate", help="write a synthetic season, partitioned by week")
    sim.add_argument("out")
    sim.add_argument("--returns", type=int, default=1_000_000)
    sim.add_argument("--seed", type=int, default=1)
    sim.add_argument("--tax-year", type=int, default=2024, choices=(2023, 2024))
    sim.add_argument("--part-rows", type=int, default=500_000)
    sim.add_argument("--no-progress", action="store_true")
    comp = season.add_parser("compute", help="recompute every return and total the season")
    comp.add_argument("root")
    comp.add_argument("--scheduler", help="a Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    comp.add_argument("--json", help="write the statistics to this file too")
    comp.add_argument("--no-progress", action="store_true")
    return ap


def _bar(total: int, enabled: bool, what: str):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress("[progress.description]{task.description}", BarColumn(),
                   MofNCompleteColumn(), TimeRemainingColumn(), disable=not enabled)
    return bar, bar.add_task(what, total=total)


def main(argv: list[str] | None = None) -> int:
    from civiccx.directfile import season_scale

    args = _parser().parse_args(argv)
    start = time.perf_counter()
    if args.command == "simulate":
        bar, task = _bar(args.returns, not args.no_progress, "simulating returns")
        with bar:
            n = season_scale.simulate(args.out, args.returns, seed=args.seed,
                                      tax_year=args.tax_year, part_rows=args.part_rows,
                                      on_part=lambda rows: bar.advance(task, rows))
        print(f"simulated {n:,} returns -> {args.out} in {time.perf_counter() - start:.1f} s",
              file=sys.stderr)
        return 0
    files = season_scale.part_files(args.root)
    if not files:
        print(f"civiccx directfile: no week=*/part-*.parquet under {args.root}", file=sys.stderr)
        return 2
    about = Path(args.root) / "_season.json"
    expected = json.loads(about.read_text())["returns"] if about.exists() else None
    bar, task = _bar(expected, not args.no_progress, "computing returns")
    with bar:
        totals, n = season_scale.compute(args.root, scheduler=args.scheduler,
                                         on_part=lambda rows: bar.advance(task, rows))
    seconds = time.perf_counter() - start
    stats = totals.as_dict()
    text = json.dumps(stats, indent=2)
    if args.json:
        with open(args.json, "w") as fh:
            fh.write(text)
    print(text)
    print(f"computed {n:,} returns in {seconds:.1f} s ({n / seconds:,.0f} returns/s)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
