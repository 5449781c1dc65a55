"""The site's own date, time and number formats (settings.FORMAT_MODULE_PATH).

One place for how people read a date, a time or a number, per language: English as US English,
Spanish as US Spanish (IRS.gov/es: "3 de febrero de 2026", "2:30 p. m.", "12,345", "95%").
Django's built-in `es` formats are Spain's ("12 345", "12,3", "14:30"). Besides Django's own
names, each module defines the patterns `civiccx.core.dates` uses (`DAY_BUTTON_FORMAT`).
Weekdays inside a sentence come from `civiccx.core.weekdays`, never from `date:"l"`.
"""
