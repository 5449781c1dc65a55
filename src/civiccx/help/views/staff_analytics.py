"""The help center analytics page for editors and analysts, its charts and CSV downloads."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civiccx.charts import Bar, Chart, Series, bar_chart, line_chart
from civiccx.core.dates import short_day
from civiccx.core.languages import own_name_choices
from civiccx.core.percentages import percent_figure
from civiccx.core.roles import CONTENT_EDITOR, CONTENT_PUBLISHER, CX_ANALYST, role_required
from civiccx.core.spreadsheets import csv_download, spreadsheet_safe
from civiccx.help.analytics import (
    Filters,
    Period,
    deflection_by_week,
    headline,
    low_click_queries,
    low_helpfulness,
    searches_by_day,
    top_queries,
    zero_result_queries,
)

ROLES = (CX_ANALYST, CONTENT_EDITOR, CONTENT_PUBLISHER)
QUICK_PERIODS = (7, 30, 90)
DEFAULTS = {"period": "30", "min_searches": "10", "max_ctr": "20", "min_votes": "10",
            "max_helpful": "60"}
LONGEST_PERIOD_DAYS = 731
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DatePicker(forms.DateInput):
    """The browser's date picker: it shows the day in the reader's language and sends it as
    year-month-day."""

    input_type = "date"


class AnalyticsForm(forms.Form):
    period = forms.ChoiceField(
        label=gettext_lazy("Period"), widget=forms.RadioSelect,
        choices=[("7", gettext_lazy("Last 7 days")), ("30", gettext_lazy("Last 30 days")),
                 ("90", gettext_lazy("Last 90 days")),
                 ("dates", gettext_lazy("Between these dates"))])
    start = forms.CharField(label=gettext_lazy("First day"), required=False, max_length=10,
                            widget=DatePicker)
    end = forms.CharField(label=gettext_lazy("Last day"), required=False, max_length=10,
                          widget=DatePicker)
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False,
                                 choices=[("", gettext_lazy("All languages")),
                                          *own_name_choices()])
    min_searches = forms.IntegerField(
        label=gettext_lazy("Low-click queries: searched at least (times)"), min_value=1,
        max_value=1_000_000)
    max_ctr = forms.IntegerField(
        label=gettext_lazy("Low-click queries: click-through below (%)"), min_value=1,
        max_value=100)
    min_votes = forms.IntegerField(
        label=gettext_lazy("Low helpfulness: at least (votes)"), min_value=1,
        max_value=1_000_000)
    max_helpful = forms.IntegerField(
        label=gettext_lazy("Low helpfulness: helpful below (%)"), min_value=1, max_value=100)

    def _day(self, name: str, missing: str) -> date | None:
        value = self.cleaned_data.get(name, "").strip()
        if not value:
            self.add_error(name, missing)
            return None
        if not ISO_DATE.fullmatch(value):
            self.add_error(name, _("Enter the date as year-month-day, for example 2024-03-01."))
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.add_error(name, _("There is no such date as %(value)s.") % {"value": value})
            return None

    def clean(self):
        data = super().clean()
        if data.get("period") != "dates":
            return data
        first = self._day("start", _("Enter the first day, or choose one of the last 7, 30 "
                                     "or 90 days."))
        last = self._day("end", _("Enter the last day, or choose one of the last 7, 30 or 90 "
                                  "days."))
        if first and last:
            if first > last:
                self.add_error("end", _("The last day must be on or after the first day."))
            elif (last - first).days >= LONGEST_PERIOD_DAYS:
                self.add_error("end", _("Choose a period of at most two years."))
            elif first > timezone.localdate():
                self.add_error("start", _("The first day is after today; there is nothing to "
                                          "show yet."))
        data["first_day"], data["last_day"] = first, last
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        if data["period"] == "dates":
            period = Period(data["first_day"], data["last_day"])
        else:
            period = Period.last(int(data["period"]))
        return Filters(period, language=data["language"], min_searches=data["min_searches"],
                       max_ctr_percent=data["max_ctr"], min_votes=data["min_votes"],
                       max_helpful_percent=data["max_helpful"])


def _form(request) -> AnalyticsForm:
    data = request.GET.copy()
    for name, value in DEFAULTS.items():
        if not data.get(name):
            data[name] = value
    return AnalyticsForm(data)


def _day_label(day: date) -> str:
    return short_day(day)


def _share(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def daily_chart(rows) -> Chart:
    total = sum(row.searches for row in rows)
    zero = sum(row.zero_result for row in rows)
    busiest = max(rows, key=lambda row: row.searches)
    return line_chart(
        "help-searches-per-day", _("Searches per day, and searches that found nothing"),
        [_day_label(row.day) for row in rows],
        [Series(_("Searches"), [row.searches for row in rows]),
         Series(_("Found nothing"), [row.zero_result for row in rows])],
        category_label=_("Day"), value_format="{:,.0f}",
        summary=_("%(total)s searches over %(days)s days, %(zero)s of them with no "
                  "results. The busiest day was %(day)s with %(most)s searches.") % {
            "total": f"{total:,}", "days": len(rows), "zero": f"{zero:,}",
            "day": _day_label(busiest.day), "most": f"{busiest.searches:,}"})


def helpfulness_chart(rows, threshold: int) -> Chart:
    bars = []
    for row in rows:  # the title is cut, not the language after it
        title = row.title if len(row.title) <= 34 else row.title[:33].rstrip() + "…"
        bars.append(Bar(f"{title} ({row.language})", row.share * 100, row.interval.low * 100,
                        row.interval.high * 100))
    return bar_chart(
        "help-helpfulness", _("Share of votes saying the article helped, least helpful first"),
        bars, label_header=_("Article"), value_header=_("Helpful"), value_range=(0, 100),
        value_format="{:.0f}%", interval_label=_("%(percent)s%% interval") % {"percent": 95},
        reference=threshold,
        reference_label=_("Threshold %(percent)s%%") % {"percent": threshold},
        summary=_("Bars show the share of yes votes for each article; lines show the 95%% "
                  "confidence interval; the dashed line is the %(percent)s%% threshold.")
        % {"percent": threshold})


def deflection_chart(rows) -> Chart:
    intervals = [row.deflection_interval for row in rows]
    values = [_share(row.deflection) for row in rows]
    known = [value for value in values if value is not None]
    return line_chart(
        "help-deflection", _("Search visits with no callback or walk-in booking afterwards, "
                             "by week"),
        [_day_label(row.week) for row in rows],
        [Series(_("Deflection (%)"), values,
                low=[_share(interval.low) if interval else None for interval in intervals],
                high=[_share(interval.high) if interval else None for interval in intervals])],
        category_label=_("Week of"), value_range=(0, 100), value_format="{:.0f}%",
        interval_label=_("%(percent)s%% confidence interval") % {"percent": 95},
        summary=_("Weekly deflection ranged from %(low)s%% to %(high)s%%.") % {
            "low": min(known), "high": max(known)} if known else "")


@role_required(*ROLES)
def analytics(request):
    form = _form(request)
    if not form.is_valid():
        return render(request, "help/analytics/dashboard.html", {"form": form}, status=400)
    filters = form.filters()
    figures = headline(filters)
    days = searches_by_day(filters)
    weeks = deflection_by_week(filters)
    articles = low_helpfulness(filters)
    query = request.GET.urlencode()
    return render(request, "help/analytics/dashboard.html", {
        "form": form, "filters": filters, "period": filters.period, "figures": figures,
        "query": query, "top": top_queries(filters), "zero": zero_result_queries(filters),
        "low_click": low_click_queries(filters), "articles": articles, "days": days,
        "weeks": weeks, "includes_today": filters.period.last_day >= timezone.localdate(),
        "daily_chart": daily_chart(days) if figures.searches else "",
        "helpfulness_chart": helpfulness_chart(articles, filters.max_helpful_percent)
        if articles else "",
        "deflection_chart": deflection_chart(weeks) if figures.searches else "",
    })


def _when(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def _query_table(rows) -> tuple[list[str], list[list]]:
    return (["query", "searches", "visits", "mean_results", "clicks", "click_through_percent",
             "last_seen"],
            [[spreadsheet_safe(row.query), row.searches, row.visits, f"{row.mean_results:.1f}",
              row.clicks, percent_figure(row.click_through), _when(row.last_seen)] for row in rows])


def _csv_rows(table: str, filters: Filters) -> tuple[list[str], list[list]]:
    if table == "summary":
        figures = headline(filters)
        interval = figures.helpful_interval
        rows = [["searches", figures.searches], ["search_visits", figures.visits],
                ["zero_result_searches", figures.zero_result],
                ["zero_result_percent", percent_figure(figures.zero_result_share)],
                ["clicked_searches", figures.clicked],
                ["click_through_percent", percent_figure(figures.click_through)],
                ["escalated_visits", figures.escalated_visits],
                ["deflection_percent", percent_figure(figures.deflection)],
                *[[f"escalations_{channel}", count]
                  for channel, _label, count in figures.escalation_rows],
                ["helpfulness_votes", figures.votes],
                ["helpful_votes", figures.helpful_votes],
                ["helpful_percent", percent_figure(figures.helpful_share)],
                ["helpful_ci_low_percent", percent_figure(interval.low if interval else None)],
                ["helpful_ci_high_percent", percent_figure(interval.high if interval else None)]]
        return ["figure", "value"], rows
    if table == "top-queries":
        return _query_table(top_queries(filters, limit=None))
    if table == "zero-result-queries":
        rows = zero_result_queries(filters, limit=None)
        return (["query", "searches", "visits", "last_seen"],
                [[spreadsheet_safe(row.query), row.searches, row.visits, _when(row.last_seen)]
                 for row in rows])
    if table == "low-click-queries":
        return _query_table(low_click_queries(filters, limit=None))
    if table == "low-helpfulness":
        rows = low_helpfulness(filters, limit=None)
        return (["article", "language", "title", "votes", "helpful", "helpful_percent",
                 "ci_low_percent", "ci_high_percent", "clearly_low", "page", "recent_comments"],
                [[row.slug, row.language, row.title, row.votes, row.helpful,
                  percent_figure(row.share), percent_figure(row.interval.low),
                  percent_figure(row.interval.high),
                  "yes" if row.clearly_low else "no", row.url or "",
                  spreadsheet_safe(" | ".join(text for _at, text in row.comments))]
                 for row in rows])
    if table == "searches-by-day":
        return (["day", "searches", "zero_result_searches"],
                [[row.day.isoformat(), row.searches, row.zero_result]
                 for row in searches_by_day(filters)])
    if table == "deflection-by-week":
        return (["week_starting", "search_visits", "escalated_visits", "deflection_percent"],
                [[row.week.isoformat(), row.visits, row.escalated_visits,
                  percent_figure(row.deflection)] for row in deflection_by_week(filters)])
    raise Http404


@role_required(*ROLES)
def analytics_csv(request, table: str):
    form = _form(request)
    if not form.is_valid():
        return render(request, "help/analytics/dashboard.html", {"form": form}, status=400)
    filters = form.filters()
    header, rows = _csv_rows(table, filters)
    period = filters.period
    language = f"-{filters.language}" if filters.language else ""
    return csv_download(f"help-{table}-{period.first_day}-to-{period.last_day}{language}.csv",
                        header, rows)
