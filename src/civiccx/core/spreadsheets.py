"""CSV downloads that staff open in a spreadsheet: one writer, and text typed by the public made
unable to run as a formula (OWASP "CSV injection": a cell starting with = + - @ tab or return)."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Public text (queries, comments) with a leading formula character escaped."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_download(filename: str, header: list[str], rows) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
