"""Template helpers for the help editor pages."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def person(user) -> str:
    """A staff member's name as the history shows it; imported text has no author."""
    if user is None:
        return _("import")
    return user.get_full_name() or user.username
