"""`{{ moment|weekday }}`: the weekday's name as a sentence writes it (see core.weekdays)."""

from django import template

from civiccx.core.weekdays import weekday_in_sentence

register = template.Library()


@register.filter(expects_localtime=True)
def weekday(moment):
    return weekday_in_sentence(moment) if moment else ""
