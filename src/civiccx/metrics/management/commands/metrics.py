"""`civiccx metrics rebuild [--from FY2024Q1]`, `civiccx metrics check` and
`civiccx metrics figures [--days 30]`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from civiccx.metrics import rebuild as rebuilding
from civiccx.metrics.registry import Period, figures, read_figure

UNIT_FORMATS = {"share": "{:.1%}", "minutes": "{:.1f} min", "count": "{:,.0f}"}


class Command(BaseCommand):
    help = "Rebuild rollups from raw rows, check them for drift, or print operational figures."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (("rebuild", "Recompute every rollup from the raw rows."),
                           ("check", "Compare the rollups with a recount; change nothing.")):
            command = sub.add_parser(name, help=text)
            command.add_argument("--from", dest="first", metavar="QUARTER",
                                 help="First fiscal quarter, e.g. FY2024Q1 (default: all).")
        shown = sub.add_parser("figures", help="Every app's operational figures.")
        shown.add_argument("--days", type=int, default=30, help="The last N days (default 30).")

    def handle(self, *args, action: str, **options):
        console = Console(file=self.stdout, highlight=False,
                          width=None if self.stdout.isatty() else 120)
        if action == "figures":
            return self._figures(console, options["days"])
        try:
            quarters = rebuilding.quarters_to_rebuild(options["first"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        if action == "check":
            return self._check(console, options["first"])
        return self._rebuild(quarters, options["first"])

    def _rebuild(self, quarters: list[str], first: str | None) -> None:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn())
        with Progress(*columns, console=Console(file=self.stderr)) as progress:
            task = progress.add_task("Rebuilding rollups", total=len(quarters))

            def advance(quarter: str, done: int, total: int) -> None:
                progress.update(task, completed=done,
                                description=f"Rebuilding rollups ({quarter})")

            result = rebuilding.rebuild(first, on_quarter=advance)
        self.stdout.write(f"Rebuilt {len(result.quarters)} quarter(s), {result.cells:,} cells"
                          + (f": {result.quarters[0]} to {result.quarters[-1]}."
                             if result.quarters else "."))

    def _check(self, console: Console, first: str | None) -> None:
        drift = rebuilding.differences(first)
        if not drift:
            console.print("Rollups equal a recount from the raw rows.")
            return
        table = Table("service", "channel", "quarter", "language", "metric", "rollup",
                      "recount", title="Rollups that differ from a recount")
        for cell, (have, should) in sorted(drift.items()):
            table.add_row(*map(str, cell), str(have), str(should))
        console.print(table)
        raise CommandError(f"{len(drift)} cell(s) differ; `civiccx metrics rebuild` fixes them.")

    def _figures(self, console: Console, days: int) -> None:
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        period = Period.last(days)
        table = Table("figure", "part", "value", "n",
                      title=f"Operational figures, {period.first_day} to {period.last_day}")
        for figure in figures():
            for value in read_figure(figure.key, period):
                shown = "—" if value.value is None else UNIT_FORMATS[figure.unit].format(
                    value.value)
                table.add_row(f"{figure.title}", value.group or "all", shown, f"{value.n:,}")
        console.print(table)
