from django.apps import AppConfig


class HelpConfig(AppConfig):
    name = "civiccx.help"
    label = "help"
    verbose_name = "Help center"
    demo_seed = "civiccx.help.demo.seed"

    def ready(self):
        from django.db.models.signals import post_migrate
        from django.utils.translation import gettext_lazy as _

        from civiccx.help.search_vocabulary import load_product_vocabulary

        post_migrate.connect(load_product_vocabulary, sender=self,
                             dispatch_uid="help.load_product_vocabulary")

        from civiccx.core.roles import CONTENT_EDITOR, CONTENT_PUBLISHER, CX_ANALYST
        from civiccx.core.staff_tools import register_staff_tool
        from civiccx.help import analytics, services
        from civiccx.metrics.registry import register_figure, register_rollup_source

        register_staff_tool(_("Help center articles"), "help:editor-articles",
                            {CONTENT_EDITOR, CONTENT_PUBLISHER})
        register_staff_tool(_("Help search synonyms"), "help:editor-synonyms",
                            {CONTENT_PUBLISHER})
        register_staff_tool(_("Help center search analytics"), "help:analytics",
                            {CX_ANALYST, CONTENT_EDITOR, CONTENT_PUBLISHER})
        register_rollup_source("help.votes", quarters=services.vote_quarters,
                               counts=services.vote_counts)
        register_figure("help.deflection", unit="share", read=analytics.deflection_figure,
                        read_service=analytics.deflection_figure,
                        title=_("Help center: search visits that needed no call or visit"))
        register_figure("help.helpful_share", unit="share", read=analytics.helpful_figure,
                        read_service=analytics.helpful_figure,
                        title=_("Help center: votes finding a page helpful"))
