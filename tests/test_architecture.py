"""Dependencies point inward (DESIGN.md, docs/architecture.md): one table says which part of
Civic CX may import which, and every import in `src/civiccx` is checked against it — at the top
of a module or inside a function — by reading the code with `ast`, so nothing is imported.

A failure names the file, the line and the name imported, and why it is not allowed. To add an
app, add a row to `ALLOWED`; to let an app use another, add the arrow there and say why in a
decision record.
"""

from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.pure

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = ROOT / "src" / "civiccx"

# Pure libraries: no Django, nothing else of ours (they are used by Django apps, the CLI and
# batch jobs alike, and are tested without a database).
PURE_LIBRARIES = {"taxengine", "staffing.queueing", "staffing.planning", "help.search",
                  "charts"}

# Shared pure libraries every app may use (the chart package serves pages, the CLI and reports).
SHARED_LIBRARIES = {"charts"}

# Part -> the other parts it may import. A part may always import itself.
ALLOWED: dict[str, set[str]] = {
    # core: layout, i18n, audit, PII fields, notifications, roles. Knows no domain app.
    "core": set(),
    # formats: the date, time and number patterns per language (settings.FORMAT_MODULE_PATH),
    # read by Django and core.dates. Imports nothing of ours.
    "formats": set(),
    "accounts": {"core"},
    # the spine: the catalog and Interaction. Counts nothing itself (metrics listens).
    "services": {"core", "accounts"},
    # the metrics API and registry: rollups, their sources, operational figures.
    "metrics": {"core", "services"},
    "feedback": {"core", "services", "metrics"},
    # channel apps: what crosses channels is recorded on the spine (services), never by
    # importing another channel.
    "phone": {"core", "accounts", "services", "metrics", "staffing.queueing"},
    "walkin": {"core", "accounts", "services", "metrics"},
    "help": {"core", "accounts", "services", "metrics", "help.search"},
    "directfile": {"core", "accounts", "services", "metrics", "taxengine"},
    # staffing plans from its own queueing math; the phone history only through services or
    # the metrics registry.
    "staffing": {"core", "services", "metrics", "staffing.queueing", "staffing.planning"},
    "research": {"core", "accounts", "services", "metrics"},
    # reports read the other apps only through the metrics API and registry.
    "reports": {"core", "accounts", "services", "metrics"},
    **{library: set() for library in PURE_LIBRARIES},
}
# season planning (forecast, hiring, shifts, replay) builds on the queueing math
ALLOWED["staffing.planning"] = {"staffing.queueing"}
for _part, _allowed in ALLOWED.items():
    if _part not in PURE_LIBRARIES:
        _allowed |= SHARED_LIBRARIES

# Single pure modules inside an app: they may import only pure code of ours and no Django.
PURE_MODULES = {
    "core.fiscal", "core.redaction", "metrics.statistics", "feedback.scoring",
    "feedback.a11_formats", "feedback.comment_tags", "feedback.instruments",
    "walkin.wait_range",
}

# The project's shell wires the apps together (settings, URL map, WSGI, the command line).
SHELL = {"__init__", "__main__", "cli", "demo_server", "settings", "urls", "wsgi", "locale"}

DJANGO_BOUND = {"django", "auditlog", "axes", "csp", "ninja", "whitenoise"}
TEST_ONLY = {"pytest", "hypothesis", "taxcalc", "pyworkforce", "simpy", "playwright",
             "axe_playwright_python"}


@dataclass(frozen=True)
class Violation:
    path: Path
    line: int
    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} imports {self.name}: {self.reason}"


def _module_name(package_dir: Path, path: Path) -> str:
    """`civiccx/help/views/public.py` -> "help.views.public" (a package's __init__ -> itself)."""
    parts = list(path.relative_to(package_dir).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _part_of(name: str) -> str | None:
    """The longest part of the table that `name` ("help.search.index") lies in."""
    pieces = name.split(".")
    for length in range(len(pieces), 0, -1):
        candidate = ".".join(pieces[:length])
        if candidate in ALLOWED:
            return candidate
    return None


def _pure_module(name: str) -> str | None:
    return next((m for m in PURE_MODULES if name == m or name.startswith(m + ".")), None)


def _is_module(package_dir: Path, name: str) -> bool:
    base = package_dir.joinpath(*name.split("."))
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def imports(package_dir: Path, path: Path):
    """(line, dotted name) of everything `path` imports, anywhere in it. Names of ours are
    returned without the leading "civiccx." and with `from x import module` resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = package_dir.name
    here = _module_name(package_dir, path).split(".")
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the module's own package upwards
                base = here if is_package else here[:-1]
                base = base[:len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
                module = f"{package}.{module}" if module else package
            else:
                module = node.module or ""
            for alias in node.names:
                full = f"{module}.{alias.name}"
                ours = full.removeprefix(f"{package}.")
                if full.startswith(f"{package}.") and _is_module(package_dir, ours):
                    yield node.lineno, full
                else:
                    yield node.lineno, module


def check(package_dir: Path) -> list[Violation]:
    """Every import in the package that the table does not allow."""
    package = package_dir.name
    found: dict[tuple, Violation] = {}

    def report(violation: Violation) -> None:
        found.setdefault((violation.path, violation.line, violation.name), violation)

    for path in sorted(package_dir.rglob("*.py")):
        relative = path.relative_to(package_dir.parent)
        if "migrations" in path.parts:
            continue
        name = _module_name(package_dir, path)
        if name.split(".")[0] in SHELL:
            continue
        part = _part_of(name)
        if part is None:
            report(Violation(relative, 1, f"{package}.{name}",
                                   f"{name.split('.')[0]!r} is not in the architecture table "
                                   "(tests/test_architecture.py ALLOWED)"))
            continue
        pure = part in PURE_LIBRARIES or _pure_module(name)
        for line, imported in imports(package_dir, path):
            top = imported.split(".")[0]
            if top in TEST_ONLY:
                report(Violation(relative, line, imported,
                                       "test-only packages stay out of the application"))
            if pure and (top in DJANGO_BOUND or top.startswith("django_")):
                report(Violation(relative, line, imported,
                                       f"{name} is pure and imports nothing of Django"))
            if top != package:
                continue
            target = imported.removeprefix(f"{package}.")
            target_part = _part_of(target)
            if target == package or target_part is None:
                report(Violation(relative, line, imported,
                                       "not a part of the architecture table"))
            elif target_part != part and target_part not in ALLOWED[part]:
                report(Violation(relative, line, imported,
                                       f"{part} may import only "
                                       f"{', '.join(sorted(ALLOWED[part])) or 'itself'}"))
            elif pure and not (target_part in PURE_LIBRARIES or _pure_module(target)):
                report(Violation(relative, line, imported,
                                       f"{name} is pure and may import only pure code"))
    return list(found.values())


def test_every_import_follows_the_architecture_table():
    violations = check(PACKAGE_DIR)
    assert not violations, "Imports that break the architecture table:\n" + "\n".join(
        f"  {v}" for v in violations)


def test_every_app_and_pure_library_that_exists_is_in_the_table():
    apps = {p.name for p in PACKAGE_DIR.iterdir()
            if (p / "__init__.py").exists() and p.name not in SHELL}
    assert apps <= set(ALLOWED), f"add {sorted(apps - set(ALLOWED))} to ALLOWED"
    for module in PURE_MODULES:
        assert _is_module(PACKAGE_DIR, module), f"{module} is listed as pure but does not exist"


def test_the_coming_apps_are_already_in_the_table():
    for app in ("directfile", "research", "reports"):
        assert {"core", "services", "metrics"} <= ALLOWED[app]
    assert "taxengine" in ALLOWED["directfile"]


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    package_dir = tmp_path / "civiccx"
    for name, text in files.items():
        path = package_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    for directory in {p.parent for p in package_dir.rglob("*.py")} | {package_dir}:
        (directory / "__init__.py").touch()
    return package_dir


def test_the_checker_names_the_file_line_and_name_of_a_forbidden_import(tmp_path):
    package_dir = _tree(tmp_path, {
        "help/views.py": """\
            from civiccx.core.roles import CX_ANALYST
            from civiccx.services import models


            def next_channels():
                from civiccx.phone.models import CallQueue
                return CallQueue
            """,
        "phone/models.py": "",
        "core/roles.py": "",
        "services/models.py": "",
        "taxengine/rules.py": "import numpy\nfrom django.db import models\n",
        "staffing/queueing/plan.py": "from .. import forms\nfrom . import search\n",
        "staffing/forms.py": "",
        "staffing/queueing/search.py": "",
        "core/context.py": "import civiccx.services.models\n",
        "walkin/figures.py": "from civiccx.metrics import register_figure\n",
        "metrics/__init__.py": "",
    })
    found = {(str(v.path), v.line, v.name) for v in check(package_dir)}
    assert found == {
        ("civiccx/help/views.py", 6, "civiccx.phone.models"),
        ("civiccx/taxengine/rules.py", 2, "django.db"),
        ("civiccx/staffing/queueing/plan.py", 1, "civiccx.staffing.forms"),
        ("civiccx/core/context.py", 1, "civiccx.services.models"),
    }
    [message] = [str(v) for v in check(package_dir) if v.name == "civiccx.phone.models"]
    assert message == ("civiccx/help/views.py:6 imports civiccx.phone.models: help may import "
                       "only accounts, charts, core, help.search, metrics, services")


def test_the_checker_flags_an_app_missing_from_the_table_and_impure_pure_modules(tmp_path):
    package_dir = _tree(tmp_path, {
        "grants/models.py": "",
        "core/fiscal.py": "from civiccx.core.models import Base\n",
        "core/models.py": "",
        "feedback/scoring.py": "def f():\n    import pytest\n",
    })
    messages = sorted(str(v) for v in check(package_dir))
    assert any(m.startswith("civiccx/grants/__init__.py:1") and "not in the architecture table"
               in m for m in messages)
    assert "civiccx/core/fiscal.py:1 imports civiccx.core.models: core.fiscal is pure and may " \
           "import only pure code" in messages
    assert ("civiccx/feedback/scoring.py:2 imports pytest: test-only packages stay out of the "
            "application") in messages

