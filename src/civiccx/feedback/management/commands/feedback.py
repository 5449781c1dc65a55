"""`civiccx feedback export-a11 --quarter FY2024Q2` and `civiccx feedback import-touchpoints`."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from civiccx.core.fiscal import parse_fiscal_quarter
from civiccx.core.spreadsheets import interchange_csv
from civiccx.feedback.a11_formats import is_combined_export
from civiccx.feedback.a11_reporting import (
    A11_FORMATS,
    A11_KINDS,
    a11_file,
    import_combined_export,
    import_touchpoints_responses,
    response_files,
    set_quarter_volumes,
)
from civiccx.feedback.likert_history import (
    LEGACY_REPORT_COLUMNS,
    import_likert_history,
    legacy_reports,
)
from civiccx.feedback.models import Survey
from civiccx.services.models import Service


class Command(BaseCommand):
    help = "A-11 Section 280 quarterly reporting: export a quarter, import Touchpoints history."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser(
            "export-a11", help="Export a fiscal quarter in the performance.gov / Touchpoints "
                               "formats (interchange files: written exactly, not formula-escaped).")
        export.add_argument("--quarter", required=True, help="Fiscal quarter, e.g. FY2024Q2.")
        export.add_argument("--kind", choices=A11_KINDS, default="summary")
        export.add_argument("--format", choices=A11_FORMATS, default="csv")
        export.add_argument("--out", help="File to write (default: standard output).")
        export.add_argument("--out-dir", help="With --kind responses: one file per service "
                                              "and channel (a CX collection detail) here.")
        imp = sub.add_parser(
            "import-touchpoints",
            help="Import Touchpoints' \"A11-v2 + Form Responses\" download (each row into the "
                 "quarter of its Created at), or the 17-column A-11 v2 file with --quarter.")
        imp.add_argument("file")
        imp.add_argument("--survey", type=int, required=True, help="Survey id to attach to.")
        imp.add_argument("--quarter", help="Fiscal quarter: required for the 17-column file; "
                                           "for the combined export, every row must be in it.")
        imp.add_argument("--channel", help="Channel the responses came in on (default: the "
                                           "survey's, else web).")
        imp.add_argument("--dry-run", action="store_true",
                         help="Check the file and print, per quarter, what would be imported.")
        imp.add_argument("--accept-wording", action="store_true",
                         help="Accept a question 1 worded differently from the survey's.")

        likert = sub.add_parser(
            "import-likert", help="Import classic 5-point Likert history (response_id, "
                                  "submitted_at, service, channel, language, q1-q7, comment).")
        likert.add_argument("file")
        likert.add_argument("--dry-run", action="store_true")
        legacy = sub.add_parser(
            "legacy-report", help="The quarter's classic answers in Touchpoints' "
                                  "omb_cx_reporting_collections shape, with means and "
                                  "agreement percentages.")
        legacy.add_argument("--quarter", required=True)
        legacy.add_argument("--out", help="File to write (default: standard output).")
        volumes = sub.add_parser(
            "set-volumes", help="Customers served and surveys offered in a quarter, as another "
                                "system counted them (entering again replaces).")
        volumes.add_argument("--service", required=True, help="Service slug.")
        volumes.add_argument("--channel", required=True)
        volumes.add_argument("--quarter", required=True)
        volumes.add_argument("--served", type=int)
        volumes.add_argument("--offered", type=int)

    def handle(self, *args, action: str, **options):
        try:
            if options.get("quarter"):
                parse_fiscal_quarter(options["quarter"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        if action == "export-a11":
            return self._export(options)
        if action == "set-volumes":
            return self._set_volumes(options)
        if action == "import-likert":
            return self._import_likert(options)
        if action == "legacy-report":
            return self._legacy_report(options)
        return self._import(options)

    def _import_likert(self, options):
        bar = ProgressBar(self.stderr)
        result = import_likert_history(_read(options["file"]), dry_run=options["dry_run"],
                                       progress=bar.advance)
        if not result.ok:
            for error in result.errors[:50]:
                self.stderr.write(str(error))
            raise CommandError(f"Nothing imported: {len(result.errors)} problem(s) in "
                               f"{len({e.row for e in result.errors})} row(s).")
        if bar.done:
            self.stderr.write("")
        verb = "would import" if options["dry_run"] else "imported"
        for quarter, n in sorted(result.quarters.items()):
            self.stdout.write(f"{quarter}: {verb} {n}")
        self.stdout.write(f"{sum(result.quarters.values())} {verb}, {result.already} "
                          f"already imported.")

    def _legacy_report(self, options):
        rows = []
        for report in legacy_reports(options["quarter"]):
            rows.append({**report.row, **{f"{q}_mean": v for q, v in report.means.items()},
                         **{f"{q}_percent_agree": v for q, v in report.agree.items()}})
        text = interchange_csv(rows, LEGACY_REPORT_COLUMNS)
        if options.get("out"):
            Path(options["out"]).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)

    def _set_volumes(self, options):
        service = Service.objects.filter(slug=options["service"]).first()
        if service is None:
            raise CommandError(f"No service {options['service']!r}.")
        try:
            changes = set_quarter_volumes(service, options["channel"], options["quarter"],
                                          served=options["served"], offered=options["offered"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{service.slug} {options['channel']} {options['quarter'].upper()}: "
                          + (", ".join(f"{k} {v:+d}" for k, v in changes.items())
                             or "unchanged"))

    def _export(self, options):
        if options.get("out_dir"):
            out = Path(options["out_dir"])
            out.mkdir(parents=True, exist_ok=True)
            for file in response_files(options["quarter"]):
                (out / file.filename).write_text(file.content, encoding="utf-8")
                self.stderr.write(f"Wrote {out / file.filename}")
            return
        text = a11_file(options["quarter"], options["kind"], options["format"], indent=2).content
        if options.get("out"):
            Path(options["out"]).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {options['out']}")
        else:
            sys.stdout.write(text)

    def _import(self, options):
        survey = Survey.objects.filter(pk=options["survey"]).first()
        if survey is None:
            raise CommandError(f"No survey with id {options['survey']}.")
        try:
            text = Path(options["file"]).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from error
        first_line = text.split("\n", 1)[0]
        if is_combined_export(next(csv.reader([first_line]), [])):
            self._import_combined(text, survey, options)
            return
        if not options.get("quarter"):
            raise CommandError("The 17-column A-11 file has no dates: give --quarter.")
        result = import_touchpoints_responses(text, survey, options["quarter"].upper())
        if not result.ok:
            for error in result.errors[:50]:
                self.stderr.write(str(error))
            raise CommandError(f"Nothing imported: {len(result.errors)} problem(s) in "
                               f"{len(result.rejected_rows)} row(s).")
        self.stdout.write(f"Imported {len(result.records)} responses into survey {survey.pk}.")

    def _import_combined(self, text, survey, options):
        bar = ProgressBar(self.stderr)
        result = import_combined_export(
            text, survey, quarter=options.get("quarter"), channel=options.get("channel"),
            dry_run=options["dry_run"], accept_wording=options["accept_wording"],
            progress=bar.advance)
        if not result.ok:
            for error in result.errors[:50]:
                self.stderr.write(str(error))
            rows = {e.row for e in result.errors}
            raise CommandError(f"Nothing imported: {len(result.errors)} problem(s) in "
                               f"{len(rows)} row(s) of {options['file']}.")
        if bar.done:
            self.stderr.write("")
        for line in result.lines():
            self.stdout.write(line)


class ProgressBar:
    """Rows stored so far, on one line of standard error."""

    def __init__(self, stream):
        self.stream, self.done = stream, 0

    def advance(self, rows: int) -> None:
        self.done += rows
        self.stream.write(f"\r{self.done:>9,} rows stored", ending="")
        self.stream.flush()


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"Cannot read {path}: {error}") from error
