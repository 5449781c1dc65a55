from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "civiccx.services"
    label = "services"
    verbose_name = "Services"
    demo_seed = "civiccx.services.demo.command.seed"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from civiccx.core.roles import CX_ANALYST
        from civiccx.core.staff_tools import register_staff_tool

        register_staff_tool(_("Customer interactions"), "services:staff-interactions",
                            {CX_ANALYST})
