"""The tables the CX team downloads from its pages, as spreadsheet files: which columns, and
the rows for each. Views pick one and hand it to `core.spreadsheets.csv_download`, which makes
text typed by the public unable to run as a formula.

The quarterly A-11 files are not here: they are interchange formats another system reads back
exactly (`a11_reporting.a11_file`).
"""

from __future__ import annotations

from django.db.models import QuerySet

from civiccx.core.percentages import percent_figure
from civiccx.core.spreadsheets import Sheet
from civiccx.feedback.models import Comment

DASHBOARD_TABLES = ("drivers", "volumes", "indicators")
COMMENTS_MAX_ROWS = 50_000


def dashboard_sheet(table: str, data: dict) -> Sheet:
    """One of the dashboard's tables (`DASHBOARD_TABLES`) from `dashboard.dashboard_data`."""
    if table == "drivers":
        return Sheet(
            "cx-drivers.csv",
            ["driver", "fiscal_quarter", "responses", "mean", "percent_agree", "agree_ci_low",
             "agree_ci_high", "small_sample"],
            [[driver, c.quarter, c.n, "" if c.mean is None else f"{c.mean:.2f}",
              percent_figure(c.agree), percent_figure(c.agree_low),
              percent_figure(c.agree_high), c.small_sample]
             for driver, cells in data["drivers"].items() for c in cells])
    if table == "volumes":
        return Sheet(
            "cx-volumes.csv",
            ["fiscal_quarter", "customers_served", "surveys_offered", "responses",
             "response_rate_offered", "response_rate_served"],
            [[r["quarter"], r["served"], r["offered"], r["responses"],
              percent_figure(r["rate_offered"]), percent_figure(r["rate_served"])]
             for r in data["volumes"]])
    if table == "indicators":
        return Sheet(
            "cx-trust-indicators.csv",
            ["indicator", "went_well", "went_well_share_of_trusting", "not_well",
             "not_well_share_of_distrusting"],
            [[r["indicator"], r["went_well"], percent_figure(r["went_well_share"]), r["not_well"],
              percent_figure(r["not_well_share"])] for r in data["indicators"]])
    raise ValueError(f"No dashboard table {table!r}: choose one of {', '.join(DASHBOARD_TABLES)}.")


def comments_sheet(comments: QuerySet[Comment]) -> Sheet:
    """The comments the comments page found (at most `COMMENTS_MAX_ROWS`), with their tags; the
    text was redacted when it was stored."""
    rows = []
    for comment in comments[:COMMENTS_MAX_ROWS]:
        response = comment.response
        rows.append([response.submitted_at.isoformat(), response.service.slug, response.channel,
                     response.fiscal_quarter, comment.sentiment_label, ";".join(comment.topics),
                     ";".join(comment.analyst_tags), comment.flagged, comment.text])
    return Sheet("cx-comments.csv",
                 ["submitted_at", "service", "channel", "fiscal_quarter", "sentiment", "topics",
                  "analyst_tags", "flagged", "comment"], rows)
