"""An Atom feed of published report versions (Django's feed generator), newest first: each
entry names its service and quarter, its headline figures and any correction note."""

from __future__ import annotations

from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from civiccx.core.dates import quarter_name
from civiccx.core.languages import current_language
from civiccx.reports.building import published_reports
from civiccx.reports.presentation import figure_sections
from civiccx.reports.publication import version_url


def _summary(report) -> str:
    lines = []
    if report.correction_note:
        lines.append(_("Correction: %(note)s") % {"note": report.localized_correction_note})
    for section in figure_sections(report.data):
        latest = section.latest
        value = _("too few answers") if latest.suppressed else latest.display
        lines.append(
            _("%(title)s: %(value)s (n = %(n)s)")
            % {"title": section.title, "value": value, "n": latest.n_display}
        )
    return "\n".join(lines)


def atom(request) -> str:
    reports = sorted(published_reports(), key=lambda r: r.published_at, reverse=True)[:50]
    feed = Atom1Feed(
        title=_("Performance reports"),
        link=request.build_absolute_uri(reverse("reports:index")),
        description=_("Quarterly customer experience progress reports, built from live data."),
        language=current_language(),
        feed_url=request.build_absolute_uri(reverse("reports:feed")),
        feed_guid=request.build_absolute_uri(reverse("reports:feed")),
    )
    for report in reports:
        url = request.build_absolute_uri(version_url(report))
        title = _("%(service)s: progress report for %(quarter)s") % {
            "service": report.service.localized_name,
            "quarter": quarter_name(report.quarter),
        }
        if report.version > 1:
            title += " " + _("(corrected, version %(version)s)") % {"version": report.version}
        feed.add_item(
            title=title,
            link=url,
            unique_id=url,
            description=_summary(report),
            pubdate=report.published_at,
            updateddate=report.published_at,
        )
    return feed.writeString("utf-8")
