from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "civiccx.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from axes.signals import user_locked_out

        from civiccx.accounts.lockouts import alert_owner
        from civiccx.core.roles import ADMIN
        from civiccx.core.staff_tools import register_staff_tool

        user_locked_out.connect(alert_owner, dispatch_uid="civiccx-lockout-alert")
        register_staff_tool(_("Locked staff sign-ins"), "accounts:lockouts", {ADMIN})
