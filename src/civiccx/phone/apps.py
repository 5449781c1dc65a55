from django.apps import AppConfig


class PhoneConfig(AppConfig):
    name = "civiccx.phone"
    label = "phone"
    verbose_name = "Phone line and callbacks"
    demo_seed = "civiccx.phone.demo.seed"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from civiccx.core.personal_records import register_personal_records
        from civiccx.core.roles import CSR, CX_ANALYST
        from civiccx.core.staff_tools import register_staff_tool
        from civiccx.metrics.registry import register_figure, register_volume_sources
        from civiccx.phone import figures
        from civiccx.phone.records import personal_records

        register_personal_records(personal_records)
        register_staff_tool(_("CSR workspace: work callbacks"), "phone:workspace", {CSR})
        register_volume_sources("phone", figures.volume_sources)
        register_staff_tool(_("Phone queues and service level"), "phone:supervisor",
                            {CSR, CX_ANALYST})
        register_staff_tool(_("Wait estimate accuracy"), "phone:estimates", {CX_ANALYST})

        register_figure("phone.service_level", unit="share", read=figures.service_level,
                        read_service=figures.service_level,
                        title=_("Phone: share answered within the service level"))
        register_figure("phone.answer_minutes", unit="minutes", read=figures.answer_minutes,
                        read_service=figures.answer_minutes,
                        title=_("Phone: average time to answer"))
        register_figure("phone.estimate_error_minutes", unit="minutes",
                        read=figures.estimate_error_minutes,
                        read_service=figures.estimate_error_minutes,
                        title=_("Phone: average error of announced waits"))
