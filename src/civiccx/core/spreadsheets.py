"""Every CSV file Civic CX writes, through one module, in one of two kinds.

**Spreadsheet files** (`csv_download` for a page, `write_csv` for a command's file): tables a
person opens in Excel, Sheets or LibreOffice. Text typed by the public (comments, search
queries, uploaded labels) could otherwise run as a formula when the file is opened (OWASP "CSV
injection": a cell starting with = + - @ tab or return), so every text cell that starts like a
formula is written with a leading apostrophe. Plain numbers ("-12.5") are left alone: they
cannot run, and escaping them would turn them into text.

**Interchange files** (`interchange_csv`, `interchange_download`): files another system reads
back byte for byte (the A-11 formats uploaded to Touchpoints or compared with performance.gov;
help articles exported for `civiccx help import`). Escaping would change the data, so they are
written exactly as their format says and are *not* formula-escaped; every page that offers one
says so, and their docstrings say which format they follow.

The module imports nothing of Django at load time, so pure command lines (`civiccx staffing`)
can write spreadsheet files without loading Django.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, NamedTuple

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


class Sheet(NamedTuple):
    """A table to download: its file name, header and rows (a domain module builds it)."""

    filename: str
    header: Sequence[str]
    rows: Iterable[Sequence[object]]


def spreadsheet_safe(value: str) -> str:
    """Text with a leading formula character escaped, so a spreadsheet shows it as text."""
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _safe_row(row: Iterable[object]) -> list[object]:
    return [spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row]


def write_csv(target: str | Path | IO[str], header: Sequence[str],
              rows: Iterable[Sequence[object]]) -> None:
    """Write a spreadsheet file (formula-safe) to a path or an open text stream."""
    if isinstance(target, str | Path):
        with open(target, "w", newline="", encoding="utf-8") as handle:
            write_csv(handle, header, rows)
        return
    writer = csv.writer(target)
    writer.writerow(_safe_row(header))
    writer.writerows(_safe_row(row) for row in rows)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A spreadsheet file (formula-safe) as text."""
    buffer = io.StringIO()
    write_csv(buffer, header, rows)
    return buffer.getvalue()


def csv_download(filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]):
    """A page's spreadsheet download (formula-safe) as an attachment."""
    return _attachment(csv_text(header, rows), filename, "text/csv; charset=utf-8")


def interchange_csv(rows: Iterable[dict], columns: Sequence[str]) -> str:
    """An interchange file: `columns` in order, one line per row, "\\n" line ends, cells exactly
    as given. NOT formula-escaped (see the module docstring): use only for a format another
    system reads back, and say so where it is offered."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def interchange_download(filename: str, content: str, content_type: str):
    """A page's download of an interchange file (CSV or JSON), exactly as built."""
    return _attachment(content, filename, content_type)


def _attachment(content: str, filename: str, content_type: str):
    from django.http import HttpResponse  # here, so that pure command lines need no Django

    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
