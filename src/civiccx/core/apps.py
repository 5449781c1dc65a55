from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "civiccx.core"
    label = "core"
    verbose_name = "Civic CX core"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from civiccx.core.roles import ADMIN, CX_ANALYST, sync_roles
        from civiccx.core.staff_tools import register_staff_tool

        register_staff_tool(_("Problem reports from the public"), "core:problem-reports",
                            {CX_ANALYST})
        register_staff_tool(_("Audit log of staff access"), "admin:auditlog_logentry_changelist",
                            {ADMIN})
        register_staff_tool(_("Service catalog administration"), "admin:index", {ADMIN})

        post_migrate.connect(sync_roles, dispatch_uid="civiccx-sync-roles")
