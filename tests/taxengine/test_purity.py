"""civiccx.taxengine stays a pure library: no Django, nothing else of ours."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import civiccx.taxengine

pytestmark = pytest.mark.pure

ROOT = Path(civiccx.taxengine.__file__).parent


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("path", sorted(ROOT.rglob("*.py")), ids=lambda p: p.name)
def test_no_django_or_other_apps(path):
    for name in _imports(path):
        assert not name.startswith("django"), (path, name)
        if name.startswith("civiccx"):
            assert name.startswith("civiccx.taxengine"), (path, name)
        assert not name.startswith(("taxcalc", "hypothesis", "pytest")), (path, name)
