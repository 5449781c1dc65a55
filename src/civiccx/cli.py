"""The `civiccx` command: Django management commands plus `demo`, `serve`, and the pure tools.

    civiccx demo                 migrate, seed the demo agency, serve with a worker
    civiccx serve                serve on 127.0.0.1:$PORT (default 8000) with a task worker
    civiccx tax ...              the tax engine (compute, batch)
    civiccx staffing ...         staffing plans and the contact-center simulator
    civiccx directfile season    simulate a filing season to Parquet, recompute it with Dask
    civiccx help import|export   load an agency's help articles (JSON, CSV) or write them out
    civiccx metrics rebuild      recompute the rollups from raw rows (also: check, figures)
    civiccx generate-field-key   a new key for CIVICCX_FIELD_KEYS
    civiccx <django command>     e.g. migrate, createsuperuser, db_worker
"""

from __future__ import annotations

import importlib
import os
import sys

PURE_TOOLS = {
    "tax": "civiccx.taxengine.cli",
    "staffing": "civiccx.staffing.cli",
    "directfile": "civiccx.directfile.cli",
}


def _django(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civiccx.settings.development")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["civiccx", *argv])
    return 0


def generate_field_key() -> int:
    from cryptography.fernet import Fernet

    print(Fernet.generate_key().decode())
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv else "help"
    if command in PURE_TOOLS:
        try:
            module = importlib.import_module(PURE_TOOLS[command])
        except ModuleNotFoundError:
            print(f"civiccx {command}: this tool is not installed in this build.", file=sys.stderr)
            return 2
        return module.main(argv[1:])
    if command == "help" and argv[1:2] and argv[1] in {"import", "export"}:
        return _django(["help_articles", *argv[1:]])
    if command == "generate-field-key":
        return generate_field_key()
    if command in {"demo", "serve"}:
        from civiccx.demo_server import run

        return run(seed=(command == "demo"), argv=argv[1:])
    return _django(argv)


if __name__ == "__main__":
    raise SystemExit(main())
