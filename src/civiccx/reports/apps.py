from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "civiccx.reports"
    label = "reports"
    verbose_name = "Progress reports"
    # After metrics: the demo's reports resolve figures from the rebuilt rollups.
    demo_seed = "civiccx.reports.demo.seed"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from civiccx.core.roles import CX_ANALYST, REPORT_PUBLISHER
        from civiccx.core.staff_tools import register_staff_tool

        register_staff_tool(
            _("Progress reports and commitments"),
            "reports:staff-home",
            {CX_ANALYST, REPORT_PUBLISHER},
        )
