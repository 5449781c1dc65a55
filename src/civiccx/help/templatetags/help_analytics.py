"""Showing shares on the analytics page: 0.1234 -> "12.3%" in English, "12,3 %" in Spanish."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def percent(value, digits=1):
    if value is None:
        return "—"
    digits = int(digits)
    return _("%(number)s%%") % {"number": number_format(round(value * 100, digits), digits)}
