"""`civiccx seed_demo`: load the fictional demo agency (idempotent) and print the sign-ins.

Each app that has demo data names a seeding function in its AppConfig (`demo_seed`), called in
INSTALLED_APPS order with a shared progress bar, so this command depends on no app directly.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string
from rich.console import Console
from rich.progress import Progress


class Command(BaseCommand):
    help = "Seed the fictional demo agency (catalog, centers, staff, interactions, feedback...)."

    def add_arguments(self, parser):
        parser.add_argument("--interactions", type=int, default=5000,
                            help="How many demo interactions should exist (default 5000).")
        parser.add_argument("--responses", type=int, default=200_000,
                            help="How many demo survey responses should exist (default 200000).")

    def handle(self, *args, **options):
        for name in ("interactions", "responses"):
            if options[name] < 0:
                self.stderr.write(f"--{name} must be zero or more.")
                raise SystemExit(2)
        lines: list[str] = []
        with Progress(console=Console(stderr=True)) as progress:
            for config in apps.get_app_configs():
                seed = getattr(config, "demo_seed", None)
                if seed:
                    lines += import_string(seed)(options, progress) or []
        self.stdout.write("\n".join(lines))
