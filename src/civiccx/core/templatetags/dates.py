"""Dates and times in the reader's language (see core.dates). A datetime from the database (UTC)
is shown in the current time zone (`{% timezone location.time_zone %}`); one already on a place's
clock (`appointment.local_start`) keeps it.

    {% load dates %}
    {{ appointment.starts_at|day_date }}  Tuesday, February 3, 2026 / martes 3 de febrero de 2026
    {{ opens_at|day_month }}              Tuesday, February 3 / martes 3 de febrero
    {{ opens_at|clock }}  {{ due|at_clock }}  2:30 p.m. / a las 2:30 p. m.
    {{ starts_at|day_at_clock }}              …, at 2:30 p.m. Central time
    {{ starts_at|zone_name }}  {{ location.time_zone|zone_name }}   Central time / hora del Centro
    {{ day|day_button }}                      Tue, Feb 3 / mar 3 feb
    {{ day|short_date }}  {{ "2026-02-03"|short_date }}   Feb 3, 2026 / 3 feb 2026
    {{ report.quarter|quarter_name }}  FY2027Q1 / 1.er trimestre del año fiscal 2027
"""

from datetime import datetime

from django import template

from civiccx.core import dates

register = template.Library()

FILTERS = {
    "day_date": dates.day_date,
    "day_month": lambda moment: dates.day_date(moment, year=False),
    "clock": dates.clock,
    "at_clock": dates.at_clock,
    "day_at_clock": dates.day_at_clock,
    "day_month_at_clock": lambda moment: dates.day_at_clock(moment, year=False),
    "day_button": dates.day_button,
    "short_date": dates.short_date,
    "quarter_name": dates.quarter_name,
}


def _shown(show):
    return lambda moment: show(moment) if moment else ""


for _name, _show in FILTERS.items():
    register.filter(_name, _shown(_show))


@register.filter
def zone_name(value):
    """A datetime's zone, or a zone given by its IANA name."""
    if not value:
        return ""
    if isinstance(value, datetime):
        return dates.zone_name(dates.on_its_clock(value).tzinfo)
    return dates.zone_name(value)
