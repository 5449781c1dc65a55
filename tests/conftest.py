"""Suite-wide rules: which database a run must use, and that CI never skips browser tests."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.fixtures"]


def pytest_configure(config):
    expected = os.environ.get("CIVICCX_EXPECT_DATABASE")
    if expected:
        from django.conf import settings

        engine = settings.DATABASES["default"]["ENGINE"]
        if expected not in engine:
            raise pytest.UsageError(
                f"This run must use {expected}, but the database engine is {engine}."
            )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped browser test is a failure: the run must prove the pages work."""
    if os.environ.get("CI") != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped_browser = [
        report for report in reporter.stats.get("skipped", [])
        if "/browser/" in str(getattr(report, "nodeid", ""))
    ]
    if skipped_browser:
        reporter.write_line(
            f"CI: {len(skipped_browser)} browser test(s) were skipped; failing the run.", red=True)
        session.exitstatus = 1
