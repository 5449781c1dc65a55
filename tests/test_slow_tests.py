"""A developer's default run skips the slow tests and says how to run them; CI fails the run if
any slow test was skipped (as it does for browser tests), so `make test` and CI run them all."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Slow itself: it starts a second pytest (~4 s). Pure: it needs no database of its own.
pytestmark = [pytest.mark.pure, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
SLOW_TEST = "tests/taxengine/test_batch_equivalence.py::test_batch_equals_graph_on_every_record"


def test_ci_fails_when_a_slow_test_was_skipped():
    env = {**os.environ, "CI": "true"}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          SLOW_TEST], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    assert "slow test: run with --run-slow" in run.stdout
    assert "CI: 1 slow test(s) were skipped" in run.stdout
    assert run.returncode == 1
