"""The agency's display name in the reader's language, for the header, titles and messages.

`CIVICCX_AGENCY_NAME` wins when set. Otherwise the name comes from whichever app knows the
agency: the service catalog registers a source at start-up (`services.apps`), so core, which
knows no domain, never reads the catalog itself.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

FALLBACK_NAME = "Civic CX"

_sources: list[Callable[[], str | None]] = []


def register_agency_name_source(source: Callable[[], str | None]) -> None:
    """`source()` returns the agency's name in the current language, or None if unknown."""
    if source not in _sources:
        _sources.append(source)


def agency_name() -> str:
    if settings.CIVICCX_AGENCY_NAME:
        return settings.CIVICCX_AGENCY_NAME
    for source in _sources:
        name = source()
        if name:
            return name
    return FALLBACK_NAME
