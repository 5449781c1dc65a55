from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "civiccx.staffing"
    label = "staffing"
    verbose_name = "Staffing plans"
    demo_seed = "civiccx.staffing.demo.seed"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from civiccx.core.roles import CX_ANALYST
        from civiccx.core.staff_tools import register_staff_tool

        register_staff_tool(_("Staffing planner: how many CSRs"), "staffing:planner",
                            {CX_ANALYST})
        register_staff_tool(_("Season planner: forecast, hiring and shifts"),
                            "staffing:season", {CX_ANALYST})
