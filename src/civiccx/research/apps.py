from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "civiccx.research"
    label = "research"
    verbose_name = "Research"
    demo_seed = "civiccx.research.demo.seed"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from civiccx.core.roles import RESEARCH_RECRUITER, RESEARCHER
        from civiccx.core.staff_tools import register_staff_tool

        register_staff_tool(_("Research repository"), "research:studies", {RESEARCHER})
        register_staff_tool(_("Research participant pool"), "research:pool",
                            {RESEARCH_RECRUITER})
