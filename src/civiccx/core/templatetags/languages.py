"""`{{ code|own_language_name }}`: "Español" for "es" (see core.languages)."""

from django import template

from civiccx.core.languages import own_language_name as _own_language_name

register = template.Library()


@register.filter
def own_language_name(code):
    return _own_language_name(code or "")
