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
"""

from datetime import datetime

from django import template

from civiccx.core import dates

register = template.Library()


@register.filter
def day_date(moment):
    return dates.day_date(moment) if moment else ""


@register.filter
def day_month(moment):
    return dates.day_date(moment, year=False) if moment else ""


@register.filter
def clock(moment):
    return dates.clock(moment) if moment else ""


@register.filter
def at_clock(moment):
    return dates.at_clock(moment) if moment else ""


@register.filter
def day_at_clock(moment):
    return dates.day_at_clock(moment) if moment else ""


@register.filter
def day_month_at_clock(moment):
    return dates.day_at_clock(moment, year=False) if moment else ""


@register.filter
def zone_name(value):
    """A datetime's zone, or a zone given by its IANA name."""
    if not value:
        return ""
    if isinstance(value, datetime):
        return dates.zone_name(dates.on_its_clock(value).tzinfo)
    return dates.zone_name(value)


@register.filter
def day_button(moment):
    return dates.day_button(moment) if moment else ""
