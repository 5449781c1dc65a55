"""Meta-test: the tests of the feedback building blocks stay database-free (that the modules
themselves import nothing of Django is checked with every other import in
tests/test_architecture.py)."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.pure

ROOT = Path(__file__).resolve().parents[2]
PURE_TESTS = [
    *(ROOT / "tests/feedback" / name for name in (
        "test_instruments.py", "test_comment_tags.py", "test_scoring.py",
        "test_a11_formats.py", "test_pure_conventions.py")),
    ROOT / "tests/core/test_redaction.py",
    ROOT / "tests/core/test_fiscal.py",
]


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
