from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "civiccx.services"
    label = "services"
    verbose_name = "Services"
    demo_seed = "civiccx.services.demo.command.seed"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from civiccx.core.agency import register_agency_name_source
        from civiccx.core.roles import CX_ANALYST
        from civiccx.core.staff_tools import register_staff_tool
        from civiccx.services.models import ServiceProvider

        register_staff_tool(_("Customer interactions"), "services:staff-interactions",
                            {CX_ANALYST})
        register_agency_name_source(ServiceProvider.main_names)
