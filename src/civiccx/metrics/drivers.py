"""The A-11 Section 280 drivers' names as people read them, shared by every page and report that
shows the drivers (the CX dashboard, Direct File's statistics, progress reports)."""

from django.utils.translation import gettext_lazy as _

DRIVER_LABELS = {
    "satisfaction": _("Satisfaction"),
    "trust": _("Trust"),
    "effectiveness": _("Effectiveness"),
    "ease": _("Ease"),
    "efficiency": _("Efficiency"),
    "transparency": _("Transparency"),
    "employee": _("Employee helpfulness"),
}
