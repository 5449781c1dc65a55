from django.apps import AppConfig


class WalkinConfig(AppConfig):
    name = "civiccx.walkin"
    label = "walkin"
    verbose_name = "Walk-in centers"
    demo_seed = "civiccx.walkin.demo.seed"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from civiccx.core.personal_records import register_personal_records
        from civiccx.core.roles import CENTER_STAFF, CX_ANALYST
        from civiccx.core.staff_tools import register_staff_tool
        from civiccx.metrics.registry import register_figure
        from civiccx.walkin import figures
        from civiccx.walkin.records import personal_records

        register_personal_records(personal_records)
        register_staff_tool(_("Center console: appointments, queue and counters"),
                            "walkin:console-home", {CENTER_STAFF})
        register_staff_tool(_("Walk-in centers across the country"), "walkin:manager",
                            {CENTER_STAFF, CX_ANALYST})
        register_figure("walkin.wait_minutes", unit="minutes", read=figures.wait_minutes,
                        read_service=figures.wait_minutes,
                        title=_("Walk-in centers: average wait to be called"))
        register_figure("walkin.estimate_error_minutes", unit="minutes",
                        read=figures.estimate_error_minutes,
                        read_service=figures.estimate_error_minutes,
                        title=_("Walk-in centers: average error of shown waits"))
