"""Keep the queueing and planning packages pure and the staffing tests marked as such."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.pure

ROOT = Path(__file__).resolve().parents[2]
STAFFING = ROOT / "src" / "civiccx" / "staffing"
PURE_PACKAGES = ("queueing", "planning")
ALLOWED_FIRST_PARTY = ("civiccx.staffing.queueing", "civiccx.staffing.planning")


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


# Tests of the Django pages (views, forecasts from recorded calls) need the database.
DJANGO_SIDE_TESTS = {"test_views.py", "test_season_views.py"}


@pytest.mark.parametrize(
    "module", sorted(p for package in PURE_PACKAGES for p in (STAFFING / package).glob("*.py")),
    ids=lambda p: f"{p.parent.name}/{p.name}")
def test_pure_packages_import_no_django_and_nothing_else_of_ours(module):
    for name in imported_modules(module):
        assert not name.startswith("django"), f"{module.name} imports {name}"
        if name.startswith("civiccx"):
            assert name.startswith(ALLOWED_FIRST_PARTY), f"{module.name} imports {name}"


@pytest.mark.parametrize(
    "module", sorted(p for p in Path(__file__).parent.glob("test_*.py")
                     if p.name not in DJANGO_SIDE_TESTS), ids=lambda p: p.name
)
def test_every_staffing_test_module_is_marked_pure(module):
    assert "pytestmark = pytest.mark.pure" in module.read_text()
