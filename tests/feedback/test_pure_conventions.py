"""Meta-tests: the feedback building blocks stay pure and their tests stay database-free."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.pure

ROOT = Path(__file__).resolve().parents[2]
PURE_MODULES = [
    ROOT / "src/civiccx/core/redaction.py",
    ROOT / "src/civiccx/core/fiscal.py",
    ROOT / "src/civiccx/feedback/scoring.py",
    ROOT / "src/civiccx/feedback/a11_formats.py",
    ROOT / "src/civiccx/feedback/comment_tags.py",
    *sorted((ROOT / "src/civiccx/feedback/instruments").glob("*.py")),
]
PURE_TESTS = [
    *(ROOT / "tests/feedback" / name for name in (
        "test_instruments.py", "test_comment_tags.py", "test_scoring.py",
        "test_a11_formats.py", "test_pure_conventions.py")),
    ROOT / "tests/core/test_redaction.py",
    ROOT / "tests/core/test_fiscal.py",
]


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("path", PURE_MODULES, ids=lambda p: p.name)
def test_pure_modules_do_not_import_django(path):
    assert not [m for m in imported_modules(path) if m.split(".")[0] == "django"]


@pytest.mark.parametrize("path", PURE_TESTS, ids=lambda p: p.name)
def test_pure_test_modules_are_marked(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    marks = [
        ast.unparse(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets)
    ]
    assert marks == ["pytest.mark.pure"]
