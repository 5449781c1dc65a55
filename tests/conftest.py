"""Suite-wide rules: which database a run must use, that slow tests run only when asked, and
that CI never skips browser or slow tests."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.fixtures"]

RUN_SLOW = "--run-slow"
SLOW_SKIP_REASON = f"slow test: run with {RUN_SLOW} (make test and CI do)"


BROWSER_RETRIES = 2


def pytest_addoption(parser):
    parser.addoption(RUN_SLOW, action="store_true", default=False,
                     help="also run the tests marked slow (a developer's default run skips "
                          "them; make test and CI pass this)")


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
    run_slow = config.getoption(RUN_SLOW)
    retry_browser_tests = config.pluginmanager.hasplugin("rerunfailures")
    for item in items:
        if "/tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # A real browser on a loaded two-core machine sometimes misses a beat; like
            # Playwright's own runner in CI, a failed browser test is tried again (twice at
            # most, each retry reported as RERUN). A test that fails three times fails the run.
            if retry_browser_tests:
                item.add_marker(pytest.mark.flaky(reruns=BROWSER_RETRIES, reruns_delay=2))
        if not run_slow and item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.skip(reason=SLOW_SKIP_REASON))


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped browser or slow test is a failure: the run must prove everything works."""
    if os.environ.get("CI") != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = reporter.stats.get("skipped", [])
    skipped_browser = [
        report for report in skipped if "/browser/" in str(getattr(report, "nodeid", ""))
    ]
    if skipped_browser:
        reporter.write_line(
            f"CI: {len(skipped_browser)} browser test(s) were skipped; failing the run.", red=True)
        session.exitstatus = 1
    skipped_slow = [report for report in skipped if SLOW_SKIP_REASON in str(report.longrepr)]
    if skipped_slow:
        reporter.write_line(
            f"CI: {len(skipped_slow)} slow test(s) were skipped; pass {RUN_SLOW}. Failing the run.",
            red=True)
        session.exitstatus = 1
