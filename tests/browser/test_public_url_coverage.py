"""Meta-test: every public URL pattern is checked by axe, so a new page cannot skip the check."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.browser.public_pages import AXE_PAGES, NOT_PAGES, SIGNED_IN_PAGES

pytestmark = pytest.mark.pure

STAFF_PREFIXES = ("staff/", "admin/", "api/")  # the JSON API serves no pages
STAFF_SIGN_IN = "staff/sign-in/"


def _named_patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            for route, name in _named_patterns(entry, prefix + str(entry.pattern)):
                yield route, (namespace + name if namespace and ":" not in name[: len(namespace)]
                              else name)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + str(entry.pattern), entry.name


def public_url_names() -> set[str]:
    names = set()
    for route, name in _named_patterns(get_resolver()):
        route = route.lstrip("^").replace("\\", "")
        if route.startswith("es/"):
            route = route[3:]
        if route.startswith(STAFF_PREFIXES) and not route.startswith(STAFF_SIGN_IN):
            continue
        if name == "healthz":
            continue
        names.add(name)
    return names


def test_every_public_page_is_checked_by_axe():
    covered = set(AXE_PAGES) | set(SIGNED_IN_PAGES) | set(NOT_PAGES)
    missing = public_url_names() - covered
    assert not missing, (
        "These public URL patterns are not checked by axe; add them to "
        f"tests/browser/public_pages.py: {sorted(missing)}")


def test_the_coverage_list_names_only_real_pages():
    stale = (set(AXE_PAGES) | set(SIGNED_IN_PAGES) | set(NOT_PAGES)) - public_url_names()
    assert not stale, f"Listed but not public URL names: {sorted(stale)}"
