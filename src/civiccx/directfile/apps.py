from django.apps import AppConfig


class DirectFileConfig(AppConfig):
    name = "civiccx.directfile"
    label = "directfile"
    verbose_name = "Direct File"
    demo_seed = "civiccx.directfile.demo.seed.seed"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from civiccx.core.personal_records import register_personal_records
        from civiccx.core.roles import CSR, CX_ANALYST
        from civiccx.core.staff_tools import register_staff_tool
        from civiccx.directfile import season
        from civiccx.directfile.returns import personal_records

        register_staff_tool(_("Direct File returns and funnel"), "directfile:staff-returns",
                            {CSR, CX_ANALYST})
        register_staff_tool(_("Direct File processing and season statistics"),
                            "directfile:processing", {CSR, CX_ANALYST})
        register_personal_records(personal_records)
        season.register()
