from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "civiccx.core"
    label = "core"
    verbose_name = "Civic CX core"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from civiccx.core.roles import CX_ANALYST, sync_roles
        from civiccx.core.staff_tools import register_staff_tool

        register_staff_tool(_("Problem reports from the public"), "core:problem-reports",
                            {CX_ANALYST})

        post_migrate.connect(sync_roles, dispatch_uid="civiccx-sync-roles")
