"""US English: "February 3, 2026", "2:30 p.m.", "7 a.m." (AP style), "12,345.6"."""

DATE_FORMAT = "F j, Y"
TIME_FORMAT = "f a"
DATETIME_FORMAT = "F j, Y, f a"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "F j"
SHORT_DATE_FORMAT = "M j, Y"
SHORT_DATETIME_FORMAT = "M j, Y, f a"
FIRST_DAY_OF_WEEK = 0  # Sunday
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

# civiccx.core.dates
DAY_BUTTON_FORMAT = "D, M j"  # "Tue, Feb 3"
SHORT_DAY_FORMAT = "M j"  # "Feb 3", a chart's axis
