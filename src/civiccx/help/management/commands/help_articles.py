"""`civiccx help import FILE` and `civiccx help export` (this command, under a name that does
not shadow Django's own `help`)."""

import io

from django.core.management.base import BaseCommand, CommandError

from civiccx.help import content_io


class Command(BaseCommand):
    help = "Import help articles from JSON or CSV (all or nothing), or export them."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="Load articles from a .json or .csv file.")
        load.add_argument("file")
        load.add_argument("--check", action="store_true",
                          help="Only check the file; change nothing.")
        load.add_argument("--update", action="store_true",
                          help="Replace the text of articles that already exist (without it, "
                               "a slug that exists is refused).")
        dump = sub.add_parser("export", help="Write every published article.")
        dump.add_argument("--format", choices=("json", "csv"), default="json")
        dump.add_argument("--output", "-o", help="A file to write (default: standard output).")

    def handle(self, *args, **options):
        if options["action"] == "import":
            return self._import(options["file"], options["check"], options["update"])
        return self._export(options["format"], options["output"])

    def _import(self, path: str, check_only: bool, update: bool = False) -> None:
        try:
            articles, categories = content_io.read_file(path)
            if check_only:
                errors = content_io.check(articles, categories, update=update)
                if errors:
                    raise content_io.ImportRejected(errors)
                self.stdout.write(f"{path}: {len(articles)} articles, no problems found.")
                return
            report = content_io.import_articles(articles, categories, update=update)
        except content_io.ImportFileError as error:
            raise CommandError(str(error)) from error
        except content_io.ImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(f"{path}: {error}")
            raise CommandError(f"{len(rejected.errors)} problem(s) in {path}; nothing was "
                               f"imported. Fix them and run the import again.") from rejected
        self.stdout.write(f"Imported {path}: {len(report.created)} new, {len(report.updated)} "
                          f"updated, {len(report.unchanged)} unchanged.")

    def _export(self, fmt: str, output: str | None) -> None:
        writer = content_io.export_json if fmt == "json" else content_io.export_csv
        if output:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                count = writer(stream)
            self.stderr.write(f"Wrote {count} articles to {output}.")
        else:
            buffer = io.StringIO()
            writer(buffer)
            self.stdout.write(buffer.getvalue(), ending="")
