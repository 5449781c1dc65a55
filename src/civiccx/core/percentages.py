"""Shares (0.1234) shown as percentages: for people, in their language, and for files.

`percent_text` is for pages ("12.3%"); `percent_figure` is for downloads, where a spreadsheet
wants a plain number with a decimal point whatever the reader's language ("12.3"). Templates use
the `percent` filter (`{% load percentages %}`).
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

MISSING = "—"


def percent_text(share: float | None, digits: int = 1) -> str:
    if share is None:
        return MISSING
    digits = int(digits)
    return _("%(number)s%%") % {"number": number_format(round(share * 100, digits), digits)}


def percent_figure(share: float | None, digits: int = 1) -> str:
    return "" if share is None else f"{share * 100:.{int(digits)}f}"
