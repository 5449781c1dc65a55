"""A weekday's name inside a sentence ("your visit is on Tuesday" / "su visita es el martes").

Django's `date:"l"` gives the name a list or a heading uses, and the Spanish catalog writes
those with a capital ("Martes", as in the opening hours table). Inside a sentence Spanish writes
weekdays in lower case, so sentences take the names from here, marked with their own context.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import pgettext_lazy

IN_A_SENTENCE = (
    pgettext_lazy("weekday in a sentence", "Monday"),
    pgettext_lazy("weekday in a sentence", "Tuesday"),
    pgettext_lazy("weekday in a sentence", "Wednesday"),
    pgettext_lazy("weekday in a sentence", "Thursday"),
    pgettext_lazy("weekday in a sentence", "Friday"),
    pgettext_lazy("weekday in a sentence", "Saturday"),
    pgettext_lazy("weekday in a sentence", "Sunday"),
)


def weekday_in_sentence(moment: date | datetime) -> str:
    """The weekday of `moment`, on its own clock, in the current language."""
    return str(IN_A_SENTENCE[moment.weekday()])
