"""US Spanish as IRS.gov/es writes it: "3 de febrero de 2026", "2:30 p. m.", "7 a. m.",
"12,345.6" (decimal point, comma thousands). Month and weekday names in lower case.

Django's `es` module is Spain's ("14:30", "03/02/2026", "12 345,6"); a US reader takes
"03/02/2026" as March 2, so no pattern here writes a date with numbers only.
"""

from django.utils.translation import gettext_noop

DATE_FORMAT = r"j \d\e F \d\e Y"
TIME_FORMAT = "f a"
DATETIME_FORMAT = r"j \d\e F \d\e Y, f a"
YEAR_MONTH_FORMAT = r"F \d\e Y"
MONTH_DAY_FORMAT = r"j \d\e F"
SHORT_DATE_FORMAT = "j b Y"
SHORT_DATETIME_FORMAT = "j b Y, f a"
FIRST_DAY_OF_WEEK = 0  # Sunday, as US calendars show it
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

# civiccx.core.dates
DAY_BUTTON_FORMAT = "D j b"  # "mar 3 feb"
SHORT_DAY_FORMAT = "j b"  # "3 feb", a chart's axis

# Django's `a` prints these; its Spanish catalog says "p.m.", IRS.gov/es writes "p. m.".
# Marked here so the project's catalog keeps (and overrides) them.
MERIDIEM = (gettext_noop("a.m."), gettext_noop("p.m."))
