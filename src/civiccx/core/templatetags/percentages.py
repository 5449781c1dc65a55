"""`{{ share|percent }}` ("12.3%") and `{{ share|percent:0 }}` ("12%"); "—" when unknown."""

from django import template

from civiccx.core.percentages import percent_text

register = template.Library()


@register.filter
def percent(share, digits=1):
    return percent_text(share, digits)
