"""`civiccx feedback export-a11 --quarter FY2024Q2` and `civiccx feedback import-touchpoints`."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from civiccx.core.fiscal import parse_fiscal_quarter
from civiccx.feedback.a11_reporting import (
    A11_FORMATS,
    A11_KINDS,
    a11_file,
    import_touchpoints_responses,
)
from civiccx.feedback.models import Survey


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
        imp = sub.add_parser("import-touchpoints",
                             help="Import a Touchpoints A-11 v2 response export CSV.")
        imp.add_argument("file")
        imp.add_argument("--survey", type=int, required=True, help="Survey id to attach to.")
        imp.add_argument("--quarter", required=True, help="Fiscal quarter the responses are in.")

    def handle(self, *args, action: str, **options):
        try:
            parse_fiscal_quarter(options["quarter"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        if action == "export-a11":
            return self._export(options)
        return self._import(options)

    def _export(self, options):
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
        result = import_touchpoints_responses(text, survey, options["quarter"].upper())
        if not result.ok:
            for error in result.errors[:50]:
                self.stderr.write(str(error))
            raise CommandError(f"Nothing imported: {len(result.errors)} problem(s) in "
                               f"{len(result.rejected_rows)} row(s).")
        self.stdout.write(f"Imported {len(result.records)} responses into survey {survey.pk}.")
