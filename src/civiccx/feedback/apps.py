from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "civiccx.feedback"
    label = "feedback"
    verbose_name = "CX feedback (A-11 Section 280)"
    demo_seed = "civiccx.feedback.demo.seed"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from civiccx.core.roles import CX_ANALYST
        from civiccx.core.staff_tools import register_staff_tool
        from civiccx.feedback import (
            receivers,  # noqa: F401 (connects signal receivers)
            rollups,
        )
        from civiccx.metrics.registry import register_rollup_source

        register_staff_tool(_("CX dashboard (A-11 scores)"), "feedback:dashboard", {CX_ANALYST})
        register_staff_tool(_("Customer comments"), "feedback:comments", {CX_ANALYST})
        register_staff_tool(_("Quarterly A-11 reporting"), "feedback:a11-export", {CX_ANALYST})
        register_rollup_source("feedback.responses", quarters=rollups.response_quarters,
                               counts=rollups.response_counts)
        register_rollup_source("feedback.offers", quarters=rollups.offer_quarters,
                               counts=rollups.offer_counts)
