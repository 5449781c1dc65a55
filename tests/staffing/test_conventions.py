"""Keep the staffing tests of the pure queueing and planning packages marked as such (that the
packages import nothing of Django nor of our other apps is checked in tests/test_architecture.py).
"""

from pathlib import Path

import pytest

pytestmark = pytest.mark.pure

# Tests of the Django pages (views, forecasts from recorded calls) need the database.
DJANGO_SIDE_TESTS = {"test_views.py", "test_season_views.py"}


@pytest.mark.parametrize(
    "module", sorted(p for p in Path(__file__).parent.glob("test_*.py")
                     if p.name not in DJANGO_SIDE_TESTS), ids=lambda p: p.name
)
def test_every_staffing_test_module_is_marked_pure(module):
    assert "pytestmark = pytest.mark.pure" in module.read_text()
