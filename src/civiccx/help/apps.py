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

        register_staff_tool(_("Help center articles"), "help:editor-articles",
                            {CONTENT_EDITOR, CONTENT_PUBLISHER})
        register_staff_tool(_("Help search synonyms"), "help:editor-synonyms",
                            {CONTENT_PUBLISHER})
        register_staff_tool(_("Help center search analytics"), "help:analytics",
                            {CX_ANALYST, CONTENT_EDITOR, CONTENT_PUBLISHER})
