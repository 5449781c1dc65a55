"""`civiccx seed_demo`: load the fictional demo agency (idempotent) and print the sign-ins.

Each app that has demo data names a seeding function in its AppConfig (`demo_seed`), called in
INSTALLED_APPS order with a shared progress bar, so this command depends on no app directly.
``--only`` seeds a part of the agency (the catalog always, since every other part builds on
it): a test that needs only surveys does not wait for a season's staffing plan.
"""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string
from rich.console import Console
from rich.progress import Progress

CATALOG = "services"


def _seeding_apps():
    return [config for config in apps.get_app_configs() if getattr(config, "demo_seed", None)]


class Command(BaseCommand):
    help = "Seed the fictional demo agency (catalog, centers, staff, interactions, feedback...)."

    def add_arguments(self, parser):
        parser.add_argument("--interactions", type=int, default=5000,
                            help="How many demo interactions should exist (default 5000).")
        parser.add_argument("--responses", type=int, default=200_000,
                            help="How many demo survey responses should exist (default 200000).")
        parser.add_argument("--only", default="",
                            help="Seed only these apps, comma-separated (for example "
                                 "'feedback,help'); the catalog is always seeded. "
                                 "Default: every app.")

    def handle(self, *args, **options):
        for name in ("interactions", "responses"):
            if options[name] < 0:
                raise CommandError(f"--{name} must be zero or more.", returncode=2)
        configs = _seeding_apps()
        only = {label.strip() for label in options["only"].split(",") if label.strip()}
        unknown = only - {config.label for config in configs}
        if unknown:
            raise CommandError(
                f"--only: no demo data for {', '.join(sorted(unknown))}. Apps with demo data: "
                f"{', '.join(config.label for config in configs)}.", returncode=2)
        if only:
            configs = [config for config in configs if config.label in only | {CATALOG}]
        lines: list[str] = []
        with Progress(console=Console(stderr=True)) as progress:
            for config in configs:
                lines += import_string(config.demo_seed)(options, progress) or []
        self.stdout.write("\n".join(lines))
