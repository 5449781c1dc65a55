"""Template filters for Direct File pages."""

from django import template

from civiccx.taxengine.money import usd as _usd

register = template.Library()


@register.filter
def usd(cents) -> str:
    """Integer cents as "$1,234.56"."""
    if cents in (None, ""):
        return ""
    return _usd(int(cents))
